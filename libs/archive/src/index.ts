// What the app may use from the archive (no domain library imports it).
export { ArchiveModule } from './archive.module';
export { CollectionsService } from './collections.service';
export { CollectionQueries } from './collection-queries.service';
export { CanonicalAnswers } from './canonical-answers.service';
export { CollectionStatus, CollectionEntryKind, RecapStatus } from './archive.enums';
export { ArchiveError, ArchiveErrorCode } from './archive.errors';
