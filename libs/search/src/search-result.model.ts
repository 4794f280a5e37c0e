import { Field, Float, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';

@ObjectType('SearchResult', { description: 'One search document that matched, of any kind.' })
export class SearchResultModel {
  @Field({ description: 'What it is, in its own domain: THREAD, REPLY, COLLECTION, RECAP...' })
  kind: string;

  @Field(() => ID, { description: 'Its id in its own domain (e.g. the reply id for a REPLY).' })
  targetId: string;

  @Field({ description: 'Plain text; for a reply, the title of its thread.' })
  title: string;

  @Field({
    description:
      'An HTML fragment, safe to insert as it is: the text is HTML-escaped and the matched ' +
      'words are wrapped in <mark></mark>, the only tags it contains.',
  })
  snippet: string;

  @Field({ description: 'A path the client can open, e.g. /threads/<id>#reply-<id>.' })
  link: string;

  @Field(() => Float, { description: 'Relevance (ts_rank_cd × boost): higher ranks first.' })
  score: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field({ description: 'Hidden by moderators; only moderators and admins ever see it true.' })
  hidden: boolean;

  @Field(() => String, { nullable: true })
  spaceSlug: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => Boolean, { nullable: true, description: 'Threads: an accepted answer exists.' })
  solved: boolean | null;
}

export const SearchResultConnection = ConnectionType(SearchResultModel, 'SearchResult');
