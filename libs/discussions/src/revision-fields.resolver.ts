import { ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService, GraphQLContext, MemberModel, toMemberModel } from '@app/core';
import { RevisionModel } from './revision.model';

@Resolver(() => RevisionModel)
export class RevisionFieldsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'Who wrote this version.' })
  async editor(revision: RevisionModel, _args: object, context: GraphQLContext) {
    const account = await this.accounts.loaderFor(context.req).load(revision.editorId);
    return account ? toMemberModel(account) : null;
  }
}
