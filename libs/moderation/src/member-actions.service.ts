import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService, AuthenticatedMember, LiveConnections, isSuspended } from '@app/core';
import { DismissReportsInput, LiftSuspensionInput, SuspendMemberInput } from './dto/action.inputs';
import { ModerationActionKind as Kind, ModerationTargetKind } from './moderation.enums';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import { ModerationActionModel } from './moderation.models';
import { ModerationRecorder } from './moderation-recorder';
import { assertModerator } from './moderation-rules';
import { ModerationTargets, TargetRef } from './moderation-targets';
import { ReportsService } from './reports.service';

/** Suspending members and lifting it; dismissing the reports of a queue item. */
@Injectable()
export class MemberActions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: ModerationRecorder,
    private readonly targets: ModerationTargets,
    private readonly accounts: AccountsService,
    private readonly live: LiveConnections,
    private readonly reports: ReportsService,
  ) {}

  /**
   * Sets `suspendedUntil` (the access guard then refuses the member's writes) and, once
   * committed, closes their /live sockets on every node: they reconnect as suspended.
   */
  async suspend(
    actor: AuthenticatedMember,
    input: SuspendMemberInput,
  ): Promise<ModerationActionModel> {
    assertModerator(actor);
    if (input.until.getTime() <= Date.now()) {
      throw ModerationError.invalid(
        ModerationErrorCode.INVALID_UNTIL,
        'input.until',
        'must be in the future',
        'A suspension ends in the future: give `until` a later time.',
      );
    }
    const target = await this.targets.member(input.handle);
    if (target.id === actor.id) {
      throw new ModerationError(
        ModerationErrorCode.ACTING_ON_YOURSELF,
        'You cannot suspend yourself.',
      );
    }
    const until = input.until;
    return this.recorder.act(actor, {
      action: Kind.SUSPEND_MEMBER,
      target,
      subjectId: target.id,
      reason: input.reason,
      notice: `Your account is suspended until ${until.toISOString()}: you can read, but not post, react, join or report.`,
      link: null,
      change: async (manager) => {
        const before = target.snapshot.suspendedUntil ?? null;
        if (before === until.toISOString())
          throw noChange('The member is already suspended until then.');
        await this.accounts.setSuspendedUntil(target.id, until, manager);
        return {
          before: { suspendedUntil: before },
          after: { suspendedUntil: until.toISOString() },
        };
      },
      afterCommit: () => this.live.disconnectMember(target.id),
    });
  }

  async lift(
    actor: AuthenticatedMember,
    input: LiftSuspensionInput,
  ): Promise<ModerationActionModel> {
    const target = await this.targets.member(input.handle);
    const until = target.snapshot.suspendedUntil ?? null;
    if (!until || !isSuspended({ suspendedUntil: new Date(until) })) {
      throw noChange('This member is not suspended.');
    }
    return this.recorder.act(actor, {
      action: Kind.LIFT_SUSPENSION,
      target,
      subjectId: target.id,
      reason: input.reason,
      notice: 'Your suspension was lifted: you can take part again.',
      link: null,
      change: async (manager) => {
        await this.accounts.setSuspendedUntil(target.id, null, manager);
        return { before: { suspendedUntil: until }, after: { suspendedUntil: null } };
      },
      // Open sockets still carry the suspension from their handshake: make them reconnect.
      afterCommit: () => this.live.disconnectMember(target.id),
    });
  }

  /** Closes a queue item without acting on its target; nobody is notified. */
  async dismiss(actor: AuthenticatedMember, input: DismissReportsInput) {
    assertModerator(actor);
    const item = await this.dataSource.transaction((manager) =>
      this.reports.lockOpenItem(input.itemId, manager),
    );
    const target: TargetRef = {
      kind: item.target_kind as ModerationTargetKind,
      id: item.target_id,
      seq: item.target_seq,
    };
    return this.recorder.act(actor, {
      action: Kind.DISMISS_REPORTS,
      target,
      subjectId: null,
      reason: input.reason,
      notice: null,
      link: null,
      change: async (manager) => {
        const open = await this.reports.lockOpenItem(input.itemId, manager);
        return {
          before: { itemId: open.id, status: 'OPEN', reportCount: open.report_count },
          after: { itemId: open.id, status: 'RESOLVED' },
        };
      },
    });
  }
}

function noChange(message: string): ModerationError {
  return new ModerationError(ModerationErrorCode.NO_CHANGE, message);
}
