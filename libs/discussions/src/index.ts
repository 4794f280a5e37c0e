export { DiscussionsModule } from './discussions.module';
