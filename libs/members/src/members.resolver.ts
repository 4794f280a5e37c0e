import { Args, ArgsType, Context, Field, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  Access,
  AccountsService,
  AuthenticatedMember,
  ConnectionType,
  GraphQLContext,
  MemberModel,
  OptionalViewer,
  PageArgs,
  Role,
  Viewer,
  hasRole,
  toMemberModel,
} from '@app/core';
import { MemberFilter } from './dto/member-filter.input';
import { UpdateProfileInput } from './dto/update-profile.input';
import { TagSuggestionModel } from './member.models';
import { MembersError, MembersErrorCode } from './members.errors';
import { MembersService } from './members.service';
import { TagsService } from './tags.service';

export const MemberConnection = ConnectionType(MemberModel, 'Member');

@ArgsType()
class MembersArgs extends PageArgs {
  @Field(() => MemberFilter, { nullable: true })
  @IsOptional()
  filter?: MemberFilter;
}

@ArgsType()
class TagsArgs {
  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(50)
  prefix: string = '';

  @Field(() => Int, { defaultValue: 10, description: '1 to 50.' })
  @IsInt()
  @Min(1)
  @Max(50)
  first: number = 10;
}

@Resolver()
export class MembersResolver {
  constructor(
    private readonly directory: MembersService,
    private readonly accounts: AccountsService,
    private readonly tagVocabulary: TagsService,
  ) {}

  @Access('anyone')
  @Query(() => MemberModel, {
    nullable: true,
    description: 'A member by handle; without a token, only PUBLIC profiles.',
  })
  async member(
    @Args('handle') handle: string,
    @OptionalViewer() viewer: AuthenticatedMember | null,
  ): Promise<MemberModel | null> {
    const account = await this.directory.findVisibleByHandle(handle, viewer);
    return account ? toMemberModel(account) : null;
  }

  @Access('anyone')
  @Query(() => MemberConnection, {
    description: 'The directory; without a token, PUBLIC profiles only.',
  })
  async members(
    @Args() args: MembersArgs,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ) {
    const page = await this.directory.directory(args.filter, args.first, args.after, viewer);
    const accounts = await this.accounts.loaderFor(context.req).loadMany(page.ids);
    const edges = page.ids.map((_id, index) => {
      const account = accounts[index];
      if (!account || account instanceof Error) throw account ?? new Error('member vanished');
      return { cursor: page.cursors[index], node: toMemberModel(account) };
    });
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: !!args.after,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @Access('anyone')
  @Query(() => [TagSuggestionModel], {
    description: 'Tags starting with `prefix`, most used first.',
  })
  tags(@Args() args: TagsArgs): Promise<TagSuggestionModel[]> {
    return this.tagVocabulary.suggest(args.prefix, args.first);
  }

  @Access('member')
  @Mutation(() => MemberModel, {
    description: 'Edits your own profile; admins may pass `handle` to edit someone else’s.',
  })
  async updateProfile(
    @Args('input') input: UpdateProfileInput,
    @Args('handle', { type: () => String, nullable: true }) handle: string | null,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<MemberModel> {
    let accountId = viewer.id;
    if (handle && handle.trim().toLowerCase() !== viewer.handle) {
      if (!hasRole(viewer, Role.ADMIN)) {
        throw new MembersError(
          MembersErrorCode.NOT_ALLOWED,
          'Only admins may edit another member’s profile.',
        );
      }
      const target = await this.accounts.findByHandle(handle);
      if (!target || target.deletedAt) {
        throw new MembersError(
          MembersErrorCode.MEMBER_NOT_FOUND,
          `No member has the handle "${handle}".`,
        );
      }
      accountId = target.id;
    }
    await this.directory.updateProfile(accountId, input);
    const account = await this.accounts.findById(accountId);
    if (!account) throw new MembersError(MembersErrorCode.MEMBER_NOT_FOUND, 'The member is gone.');
    return toMemberModel(account);
  }
}
