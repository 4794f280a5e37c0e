import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiscussionsModule } from '@app/discussions';
import { MembersModule } from '@app/members';
import { NotificationsModule } from '@app/notifications';
import { RoundtablesModule } from '@app/roundtables';
import { SearchModule } from '@app/search';
import { ArchiveController } from './archive.controller';
import { ArchiveDemo } from './archive-demo';
import { ArchiveExport } from './archive-export.service';
import { ArchiveImport } from './archive-import.service';
import { ArchiveSearch } from './archive-search';
import { ArchiveTargets } from './archive-targets';
import { CanonicalAnswerEntity } from './canonical-answer.entity';
import { CanonicalAnswers } from './canonical-answers.service';
import {
  CanonicalAnswersResolver,
  ReplyCanonicalResolver,
  SearchResultCanonicalResolver,
  ThreadCanonicalResolver,
} from './canonical.resolver';
import { CollectionEntryEntity } from './collection-entry.entity';
import { CollectionEntity } from './collection.entity';
import {
  CollectionEntryFieldsResolver,
  CollectionFieldsResolver,
} from './collection-fields.resolver';
import { CollectionQueries } from './collection-queries.service';
import { CollectionsResolver } from './collections.resolver';
import { CollectionsService } from './collections.service';
import { EntryReviews } from './entry-reviews.service';
import { RecapEntity, RecapQuestionThreadEntity } from './recap.entity';
import { RecapQuestions } from './recap-questions.service';
import { RecapQuestionFieldsResolver, RecapsResolver } from './recaps.resolver';
import { RecapsService } from './recaps.service';

/**
 * The curated archive: collections, canonical answers, freshness reviews, recaps and exports.
 * It reads discussions and roundtables through their services; nothing imports it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CollectionEntity,
      CollectionEntryEntity,
      CanonicalAnswerEntity,
      RecapEntity,
      RecapQuestionThreadEntity,
    ]),
    MembersModule,
    NotificationsModule,
    SearchModule,
    DiscussionsModule,
    RoundtablesModule,
  ],
  controllers: [ArchiveController],
  providers: [
    ArchiveTargets,
    ArchiveExport,
    ArchiveImport,
    ArchiveSearch,
    CollectionQueries,
    CollectionsService,
    EntryReviews,
    CanonicalAnswers,
    RecapsService,
    RecapQuestions,
    CollectionsResolver,
    CollectionFieldsResolver,
    CollectionEntryFieldsResolver,
    CanonicalAnswersResolver,
    ThreadCanonicalResolver,
    ReplyCanonicalResolver,
    SearchResultCanonicalResolver,
    RecapsResolver,
    RecapQuestionFieldsResolver,
    ArchiveDemo,
  ],
  exports: [CollectionQueries, CollectionsService, CanonicalAnswers],
})
export class ArchiveModule {}
