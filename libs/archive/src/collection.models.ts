import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';
import { CollectionEntryKind, CollectionStatus } from './archive.enums';
import { ArchivedContent } from './collection-entry.entity';

@ObjectType('EntryAuthor', { description: 'Who wrote an entry’s content, as exported.' })
export class EntryAuthorModel {
  @Field()
  handle: string;

  @Field()
  displayName: string;
}

@ObjectType('EntryContent', {
  description: 'What an entry shows: its target’s content as members see it, or an archived copy.',
})
export class EntryContentModel {
  @Field({ description: 'The thread’s title (for a reply, its thread’s), or the recap’s.' })
  title: string;

  @Field({ description: 'Markdown as written.' })
  body: string;

  @Field({ description: 'The body as sanitised HTML.' })
  bodyHtml: string;

  @Field(() => EntryAuthorModel, {
    nullable: true,
    description: 'Null for recaps (and so for Chatham House sessions).',
  })
  author: EntryAuthorModel | null;

  @Field({ description: 'Where it lives: an absolute URL.' })
  link: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('CollectionEntry')
export class CollectionEntryModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 is first.' })
  position: number;

  @Field(() => CollectionEntryKind)
  kind: CollectionEntryKind;

  @Field(() => ID, { nullable: true })
  threadId: string | null;

  @Field(() => ID, { nullable: true })
  replyId: string | null;

  @Field(() => ID, { nullable: true })
  recapId: string | null;

  @Field({ description: 'The curator’s note: why it matters (markdown).' })
  note: string;

  @Field({ description: 'The note as sanitised HTML.' })
  noteHtml: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When a curator should check it is still current.',
  })
  reviewBy: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last confirmed current.' })
  reviewedAt: Date | null;

  @Field({ description: 'Past its reviewBy date.' })
  stale: boolean;

  @Field({
    description: 'Imported without its target: the content is the exported copy (or none).',
  })
  archived: boolean;

  @Field(() => GraphQLISODateTime)
  addedAt: Date;

  /** Not GraphQL fields: keys for the field resolvers. */
  collectionId: string;
  targetId: string;
  addedById: string;
  archivedContent: ArchivedContent | null;
}

@ObjectType('Collection', { description: 'A curated, ordered set of the best conversations.' })
export class CollectionModel {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  title: string;

  @Field({ description: 'Markdown as written.' })
  summary: string;

  @Field()
  summaryHtml: string;

  @Field(() => [String])
  tags: string[];

  @Field(() => CollectionStatus)
  status: CollectionStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  /** Not a GraphQL field (see `createdBy`). */
  createdById: string;
}

export const CollectionConnection = ConnectionType(CollectionModel, 'Collection');
export const CollectionEntryConnection = ConnectionType(CollectionEntryModel, 'CollectionEntry');
