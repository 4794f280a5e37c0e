import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, Connection, OptionalViewer, Role, hasRole } from '@app/core';
import { SearchArgs } from './dto/search.args';
import { SearchAudience } from './search-document.input';
import { SearchResultConnection, SearchResultModel } from './search-result.model';
import { SearchService } from './search.service';

export function audienceOf(viewer: AuthenticatedMember | null): SearchAudience {
  if (!viewer) return 'ANONYMOUS';
  return hasRole(viewer, Role.MODERATOR) ? 'STAFF' : 'MEMBER';
}

@Resolver()
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Access('anyone')
  @Query(() => SearchResultConnection, {
    description:
      'Full-text search over every kind of document, best match first (title > tags > body). ' +
      'Without a token: PUBLIC documents only; hidden ones only for moderators and admins.',
  })
  search(
    @Args() args: SearchArgs,
    @OptionalViewer() viewer: AuthenticatedMember | null,
  ): Promise<Connection<SearchResultModel>> {
    return this.searchService.search(
      audienceOf(viewer),
      args.query,
      args.filter,
      args.first,
      args.after,
    );
  }
}
