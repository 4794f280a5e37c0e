import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService, GraphQLContext, MemberModel, toMemberModel } from '@app/core';
import { ReplyModel, ThreadModel } from '@app/discussions';
import { CollectionEntryKind } from './archive.enums';
import { ArchiveTargets } from './archive-targets';
import { CollectionQueries } from './collection-queries.service';
import { CollectionEntryModel, CollectionModel, EntryContentModel } from './collection.models';

// Fields take graphql's own (parent, args, context): Nest then calls them directly, cheap per row.

@Resolver(() => CollectionModel)
export class CollectionFieldsResolver {
  constructor(
    private readonly queries: CollectionQueries,
    private readonly accounts: AccountsService,
  ) {}

  @ResolveField(() => [CollectionEntryModel], {
    description: 'In order (at most 200): a plain list.',
  })
  entries(collection: CollectionModel, _args: object, context: GraphQLContext) {
    return this.queries.entriesLoader(context.req).load(collection.id);
  }

  @ResolveField(() => Int)
  async entryCount(collection: CollectionModel, _args: object, context: GraphQLContext) {
    return (await this.queries.entriesLoader(context.req).load(collection.id)).length;
  }

  @ResolveField(() => MemberModel, { nullable: true })
  async createdBy(collection: CollectionModel, _args: object, context: GraphQLContext) {
    const account = await this.accounts.loaderFor(context.req).load(collection.createdById);
    return account ? toMemberModel(account) : null;
  }
}

@Resolver(() => CollectionEntryModel)
export class CollectionEntryFieldsResolver {
  constructor(
    private readonly targets: ArchiveTargets,
    private readonly queries: CollectionQueries,
    private readonly accounts: AccountsService,
  ) {}

  @ResolveField(() => Boolean, {
    description: 'False when its target was hidden or deleted (then there is no content).',
  })
  async available(entry: CollectionEntryModel, _args: object, context: GraphQLContext) {
    return (await this.targets.content(context.req, entry)) !== null;
  }

  @ResolveField(() => EntryContentModel, {
    nullable: true,
    description: 'As members see it; null when unavailable.',
  })
  content(entry: CollectionEntryModel, _args: object, context: GraphQLContext) {
    return this.targets.content(context.req, entry);
  }

  @ResolveField(() => ThreadModel, {
    nullable: true,
    description: 'The thread (of a reply, its thread), while members can see it.',
  })
  async thread(
    entry: CollectionEntryModel,
    _args: object,
    context: GraphQLContext,
  ): Promise<ThreadModel | null> {
    if (entry.archived) return null;
    if (entry.kind === CollectionEntryKind.THREAD) {
      return this.targets.thread(context.req, entry.targetId);
    }
    if (entry.kind !== CollectionEntryKind.REPLY) return null;
    const reply = await this.targets.reply(context.req, entry.targetId);
    return reply && this.targets.thread(context.req, reply.threadId);
  }

  @ResolveField(() => ReplyModel, { nullable: true, description: 'While members can see it.' })
  reply(entry: CollectionEntryModel, _args: object, context: GraphQLContext) {
    if (entry.archived || entry.kind !== CollectionEntryKind.REPLY) return null;
    return this.targets.reply(context.req, entry.targetId);
  }

  @ResolveField(() => CollectionModel)
  async collection(entry: CollectionEntryModel, _args: object, context: GraphQLContext) {
    const collection = await this.queries.collectionLoader(context.req).load(entry.collectionId);
    if (!collection) throw new Error(`entry ${entry.id}: collection is missing`);
    return collection;
  }

  @ResolveField(() => MemberModel, { nullable: true })
  async addedBy(entry: CollectionEntryModel, _args: object, context: GraphQLContext) {
    const account = await this.accounts.loaderFor(context.req).load(entry.addedById);
    return account ? toMemberModel(account) : null;
  }
}
