import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SearchDocumentEntity } from './search-document.entity';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';

/** The search-document table, the `search` query, and the service domains write through. */
@Module({
  imports: [TypeOrmModule.forFeature([SearchDocumentEntity])],
  providers: [SearchService, SearchResolver],
  exports: [SearchService],
})
export class SearchModule {}
