// What other libraries may use from members.
export { MembersModule } from './members.module';
export { MembersService, MemberTags } from './members.service';
export { TagsService, TagUsage } from './tags.service';
export { normaliseTag, normaliseTags } from './tag-name';
export { ProfileVisibility } from './profile.entity';
