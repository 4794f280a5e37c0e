import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountCareResolver } from './account-care.resolver';
import { MemberFieldsResolver } from './member-fields.resolver';
import { MemberTagEntity } from './member-tag.entity';
import { MembersDemo } from './members-demo';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';
import { ProfileEntity } from './profile.entity';
import { ResetPasswordController } from './reset-password.controller';
import { TagEntity } from './tag.entity';
import { TagsService } from './tags.service';

/** Profiles, the directory, the shared tag vocabulary and account care. */
@Module({
  imports: [TypeOrmModule.forFeature([ProfileEntity, TagEntity, MemberTagEntity])],
  controllers: [ResetPasswordController],
  providers: [
    MembersService,
    TagsService,
    MembersResolver,
    MemberFieldsResolver,
    AccountCareResolver,
    MembersDemo,
  ],
  exports: [MembersService, TagsService],
})
export class MembersModule {}
