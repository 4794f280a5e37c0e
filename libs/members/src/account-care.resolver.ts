import { Args, ArgsType, Field, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  Access,
  AccountsService,
  AppConfig,
  APP_CONFIG,
  AuthService,
  AuthenticatedMember,
  MemberModel,
  Viewer,
  toMemberModel,
} from '@app/core';
import { Inject } from '@nestjs/common';
import { PasswordResetLinkModel } from './member.models';
import { MembersError, MembersErrorCode } from './members.errors';
import { MembersService } from './members.service';

@ArgsType()
class ChangePasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  current: string;

  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters long' })
  @MaxLength(200)
  next: string;
}

@ArgsType()
class ResetPasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  token: string;

  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters long' })
  @MaxLength(200)
  password: string;
}

@ArgsType()
class HandleArgs {
  @Field()
  @IsString()
  @MaxLength(40)
  handle: string;
}

@ArgsType()
class PasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

/** Password change, admin-issued resets (no email leaves the server), account deletion. */
@Resolver()
export class AccountCareResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Access('member', { allowSuspended: true })
  @Mutation(() => MemberModel, { description: 'Also signs out every other session.' })
  async changePassword(@Args() args: ChangePasswordArgs, @Viewer() viewer: AuthenticatedMember) {
    return toMemberModel(await this.auth.changePassword(viewer, args.current, args.next));
  }

  @Access('admin')
  @Mutation(() => PasswordResetLinkModel, {
    description: 'Admins: a one-time link, valid for an hour, to hand to the member.',
  })
  async issuePasswordReset(@Args() args: HandleArgs, @Viewer() viewer: AuthenticatedMember) {
    const account = await this.accounts.findByHandle(args.handle);
    if (!account || account.deletedAt) {
      throw new MembersError(
        MembersErrorCode.MEMBER_NOT_FOUND,
        `No member has the handle "${args.handle}".`,
      );
    }
    const { token, expiresAt } = await this.auth.issuePasswordReset(account.id, viewer.id);
    return {
      url: `${this.config.publicUrl}/reset-password/${token}`,
      expiresAt,
      member: toMemberModel(account),
    };
  }

  @Access('anyone')
  @Mutation(() => MemberModel, {
    description: 'Sets a new password with the token from a reset link; ends every session.',
  })
  async resetPassword(@Args() args: ResetPasswordArgs) {
    return toMemberModel(await this.auth.resetPassword(args.token, args.password));
  }

  @Access('member', { allowSuspended: true })
  @Mutation(() => MemberModel, {
    description:
      'Anonymises your account: "Former member", profile cleared, sign-in impossible; posts stay.',
  })
  async deleteAccount(@Args() args: PasswordArgs, @Viewer() viewer: AuthenticatedMember) {
    await this.members.deleteAccount(viewer, args.password);
    const account = await this.accounts.findById(viewer.id);
    if (!account) throw new MembersError(MembersErrorCode.MEMBER_NOT_FOUND, 'The account is gone.');
    return toMemberModel(account);
  }
}
