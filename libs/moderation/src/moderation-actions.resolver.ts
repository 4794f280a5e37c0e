import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, Viewer } from '@app/core';
import {
  DismissReportsInput,
  EditThreadTagsInput,
  HideContentInput,
  LiftSuspensionInput,
  LockThreadInput,
  MergeThreadsInput,
  MoveThreadInput,
  PinThreadInput,
  RestoreContentInput,
  SuspendMemberInput,
  UnlockThreadInput,
  UnpinThreadInput,
} from './dto/action.inputs';
import { ModerationActionModel as Action } from './moderation.models';
import { ContentActions } from './content-actions.service';
import { MemberActions } from './member-actions.service';

/**
 * Moderators' actions. Each needs a reason, resolves the target's queue item, is written to the
 * audit log and tells the author; the answer is that audit record (`thread`, `reply`, `subject`
 * lead to the changed object).
 */
@Resolver()
export class ModerationActionsResolver {
  constructor(
    private readonly content: ContentActions,
    private readonly members: MemberActions,
  ) {}

  @Access('moderator')
  @Mutation(() => Action, { description: 'Hides a thread, reply or live message from members.' })
  hideContent(@Args('input') input: HideContentInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.setHidden(viewer, input, true);
  }

  @Access('moderator')
  @Mutation(() => Action, { description: 'Shows hidden content to members again.' })
  restoreContent(@Args('input') input: RestoreContentInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.setHidden(viewer, input, false);
  }

  @Access('moderator')
  @Mutation(() => Action, { description: 'A locked thread takes no replies.' })
  lockThread(@Args('input') input: LockThreadInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.setLocked(viewer, input.threadId, true, input.reason);
  }

  @Access('moderator')
  @Mutation(() => Action)
  unlockThread(@Args('input') input: UnlockThreadInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.setLocked(viewer, input.threadId, false, input.reason);
  }

  @Access('moderator')
  @Mutation(() => Action, { description: 'A pinned thread comes first in its space.' })
  pinThread(@Args('input') input: PinThreadInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.setPinned(viewer, input.threadId, true, input.reason);
  }

  @Access('moderator')
  @Mutation(() => Action)
  unpinThread(@Args('input') input: UnpinThreadInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.setPinned(viewer, input.threadId, false, input.reason);
  }

  @Access('moderator')
  @Mutation(() => Action, { description: 'Moves a thread (and its replies) to another space.' })
  moveThread(@Args('input') input: MoveThreadInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.move(viewer, input);
  }

  @Access('moderator')
  @Mutation(() => Action, {
    description: 'Replies move to `intoThreadId`; the old thread redirects (`Thread.mergedInto`).',
  })
  mergeThreads(@Args('input') input: MergeThreadsInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.merge(viewer, input);
  }

  @Access('moderator')
  @Mutation(() => Action, { description: 'Replaces a thread’s tags (at most 5).' })
  editThreadTags(@Args('input') input: EditThreadTagsInput, @Viewer() viewer: AuthenticatedMember) {
    return this.content.editTags(viewer, input);
  }

  @Access('moderator')
  @Mutation(() => Action, { description: 'Resolves a queue item without acting on its target.' })
  dismissReports(@Args('input') input: DismissReportsInput, @Viewer() viewer: AuthenticatedMember) {
    return this.members.dismiss(viewer, input);
  }

  @Access('moderator')
  @Mutation(() => Action, {
    description:
      'Until `until` the member can read but not write; their live connections close at once, on every node.',
  })
  suspendMember(@Args('input') input: SuspendMemberInput, @Viewer() viewer: AuthenticatedMember) {
    return this.members.suspend(viewer, input);
  }

  @Access('moderator')
  @Mutation(() => Action)
  liftSuspension(@Args('input') input: LiftSuspensionInput, @Viewer() viewer: AuthenticatedMember) {
    return this.members.lift(viewer, input);
  }
}
