import { ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext, MemberModel } from '@app/core';
import { EarnedExpertiseModel } from './engagement.models';
import { ExpertiseService } from './expertise.service';

/**
 * Adds earned expertise to core's `Member`, beside the claimed `expertise` of profiles. No
 * parameter decorators: authors of a whole reply tree resolve it (Nest's fast field path).
 */
@Resolver(() => MemberModel)
export class MemberExpertiseResolver {
  constructor(private readonly expertise: ExpertiseService) {}

  @ResolveField(() => [EarnedExpertiseModel], {
    description:
      'Tags this member has shown expertise in, best first (up to 20): 10 points per accepted ' +
      'answer, 2 per HELPFUL reaction from others, 5 per feedback the asker rated useful. ' +
      'Without signing in, only public spaces count.',
  })
  earnedExpertise(
    member: MemberModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<EarnedExpertiseModel[]> {
    return this.expertise.earnedLoader(context.req, context.req.member ?? null).load(member.id);
  }
}
