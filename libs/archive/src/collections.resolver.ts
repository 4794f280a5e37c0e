import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, Connection, PageArgs, Viewer } from '@app/core';
import { CollectionQueries } from './collection-queries.service';
import {
  CollectionConnection,
  CollectionEntryConnection,
  CollectionEntryModel,
  CollectionModel,
} from './collection.models';
import { CollectionsService } from './collections.service';
import {
  AddCollectionEntryInput,
  CollectionSlugArgs,
  CollectionsArgs,
  ConfirmEntryArgs,
  CreateCollectionInput,
  EntryIdArgs,
  MoveCollectionEntryInput,
  ReplaceCollectionEntryInput,
  UpdateCollectionInput,
} from './dto/collection.inputs';
import { ImportCollectionsArgs } from './dto/import.document';
import { ArchiveImport } from './archive-import.service';
import { EntryReviews } from './entry-reviews.service';

/** Collections: reading for members, curating for moderators and admins (checked in services). */
@Resolver(() => CollectionModel)
export class CollectionsResolver {
  constructor(
    private readonly queries: CollectionQueries,
    private readonly curating: CollectionsService,
    private readonly reviews: EntryReviews,
    private readonly importer: ArchiveImport,
  ) {}

  @Access('member')
  @Query(() => CollectionModel, {
    nullable: true,
    description: 'Null if there is none you may see (drafts are for moderators and admins).',
  })
  collection(
    @Args() args: CollectionSlugArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel | null> {
    return this.queries.findBySlug(args.slug, viewer);
  }

  @Access('member')
  @Query(() => CollectionConnection, {
    description: 'Newest first. Members see published collections; curators drafts as well.',
  })
  collections(
    @Args() args: CollectionsArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<Connection<CollectionModel>> {
    return this.queries.page(viewer, args.filter, args.first, args.after);
  }

  @Access('member')
  @Query(() => CollectionEntryConnection, {
    description: 'Curators: entries past their reviewBy date, the longest overdue first.',
  })
  staleEntries(
    @Args() args: PageArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<Connection<CollectionEntryModel>> {
    return this.queries.stale(viewer, args.first, args.after);
  }

  @Access('member')
  @Mutation(() => CollectionModel, { description: 'Curators: a new DRAFT collection.' })
  createCollection(
    @Args('input') input: CreateCollectionInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel> {
    return this.curating.create(viewer, input);
  }

  @Access('member')
  @Mutation(() => CollectionModel, { description: 'Curators: only what is sent changes.' })
  updateCollection(
    @Args('input') input: UpdateCollectionInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel> {
    return this.curating.update(viewer, input);
  }

  @Access('member')
  @Mutation(() => CollectionModel, { description: 'Curators: members can now see it.' })
  publishCollection(
    @Args() args: CollectionSlugArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel> {
    return this.curating.publish(viewer, args.slug);
  }

  @Access('member')
  @Mutation(() => CollectionModel, { description: 'Curators: back to a draft.' })
  unpublishCollection(
    @Args() args: CollectionSlugArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel> {
    return this.curating.unpublish(viewer, args.slug);
  }

  @Access('member')
  @Mutation(() => CollectionEntryModel, {
    description: 'Curators: appends a thread, reply or published recap with a note.',
  })
  addCollectionEntry(
    @Args('input') input: AddCollectionEntryInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionEntryModel> {
    return this.curating.addEntry(viewer, input);
  }

  @Access('member')
  @Mutation(() => CollectionModel, { description: 'Curators: the others shift to make room.' })
  moveCollectionEntry(
    @Args('input') input: MoveCollectionEntryInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel> {
    return this.curating.moveEntry(viewer, input);
  }

  @Access('member')
  @Mutation(() => CollectionModel, { description: 'Curators: the entries after it move up.' })
  removeCollectionEntry(
    @Args() args: EntryIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel> {
    return this.curating.removeEntry(viewer, args.entryId);
  }

  @Access('member')
  @Mutation(() => CollectionEntryModel, {
    description: 'Curators: the entry is still current until `reviewBy` (audited).',
  })
  confirmEntry(
    @Args() args: ConfirmEntryArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionEntryModel> {
    return this.reviews.confirm(viewer, args);
  }

  @Access('member')
  @Mutation(() => CollectionEntryModel, {
    description: 'Curators: another target in the entry’s place (audited).',
  })
  replaceCollectionEntry(
    @Args('input') input: ReplaceCollectionEntryInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionEntryModel> {
    return this.reviews.replace(viewer, input);
  }

  @Access('member')
  @Mutation(() => [CollectionModel], {
    description:
      'Admins: loads an export, all or nothing. Entries whose targets do not exist here keep their exported content (archived copies).',
  })
  importCollections(
    @Args() args: ImportCollectionsArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<CollectionModel[]> {
    return this.importer.importFile(viewer, args.file);
  }
}
