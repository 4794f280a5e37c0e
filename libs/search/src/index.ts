// What other libraries may use from search: write documents through SearchService.
export { SearchModule } from './search.module';
export { SearchService } from './search.service';
// For other domains' fields on search results (e.g. the archive's `canonical`).
export { SearchResultModel } from './search-result.model';
export {
  SearchAudience,
  SearchDocumentInput,
  SearchDocumentPatch,
  SearchVisibility,
} from './search-document.input';
export { SearchError, SearchErrorCode } from './search.errors';
// The exact SQL `search` runs, for tests (EXPLAIN) and the benchmark's bare baseline.
export { SearchCriteria, SearchRow, SearchStatement, searchStatement } from './search.sql';
