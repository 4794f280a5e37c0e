import {
  Args,
  ArgsType,
  Field,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { Access } from '../auth/access.decorator';
import { AuthenticatedMember } from '../auth/authenticated-member';
import { OptionalViewer, Viewer } from '../auth/viewer.decorator';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { Role } from './account.entity';
import { AccountsService } from './accounts.service';
import { toMemberModel } from './member.mapper';
import { MemberModel } from './member.model';

@ArgsType()
class SetMemberRoleArgs {
  @Field()
  @IsString()
  @MaxLength(40)
  handle: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;
}

@Resolver(() => MemberModel)
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Access('member')
  @Query(() => MemberModel, { description: 'The signed-in member.' })
  async me(@Viewer() viewer: AuthenticatedMember): Promise<MemberModel> {
    const account = await this.accounts.findById(viewer.id);
    if (!account) throw new CoreError(CoreErrorCode.NOT_SIGNED_IN, 'Sign in again.');
    return toMemberModel(account);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Only ever shown to the member themself (null for everyone else).',
  })
  email(@Parent() member: MemberModel, @OptionalViewer() viewer: AuthenticatedMember | null) {
    return viewer?.id === member.id ? (member.email ?? null) : null;
  }

  @Access('admin')
  @Mutation(() => MemberModel, { description: 'Admins only.' })
  async setMemberRole(@Args() args: SetMemberRoleArgs): Promise<MemberModel> {
    return toMemberModel(await this.accounts.setRole(args.handle, args.role));
  }
}
