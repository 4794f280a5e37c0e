import { Args, ArgsType, Context, Field, Mutation, Resolver } from '@nestjs/graphql';
import { MaxLength, IsString } from 'class-validator';
import { toMemberModel } from '../accounts/member.mapper';
import { Access } from './access.decorator';
import { AuthPayloadModel } from './auth-payload.model';
import { AuthService, IssuedTokens } from './auth.service';
import { LoginInput, RegisterInput } from './dto/auth.inputs';
import { GraphQLContext } from './request-context';

@ArgsType()
class RefreshTokenArg {
  @Field()
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

function payload(tokens: IssuedTokens): AuthPayloadModel {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    member: toMemberModel(tokens.account),
  };
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Access('anyone')
  @Mutation(() => AuthPayloadModel, { description: 'Creates an account and signs it in.' })
  async register(
    @Args('input') input: RegisterInput,
    @Context() context: GraphQLContext,
  ): Promise<AuthPayloadModel> {
    return payload(await this.auth.register(input, context.req.ip ?? 'unknown'));
  }

  @Access('anyone')
  @Mutation(() => AuthPayloadModel)
  async login(@Args('input') input: LoginInput): Promise<AuthPayloadModel> {
    return payload(await this.auth.login(input));
  }

  @Access('anyone')
  @Mutation(() => AuthPayloadModel, {
    description: 'Rotates the refresh token: the one sent stops working.',
  })
  async refreshSession(@Args() args: RefreshTokenArg): Promise<AuthPayloadModel> {
    return payload(await this.auth.refresh(args.refreshToken));
  }

  @Access('anyone')
  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token.' })
  async logout(@Args() args: RefreshTokenArg): Promise<boolean> {
    await this.auth.logout(args.refreshToken);
    return true;
  }
}
