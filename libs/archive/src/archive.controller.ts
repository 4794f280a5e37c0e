import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, AuthenticatedMember, Viewer } from '@app/core';
import { ArchiveError } from './archive.errors';
import { ArchiveExport } from './archive-export.service';
import { archiveMarkdown } from './archive-markdown';
import { ArchiveDocument } from './export-document';

/** Exports over plain HTTP with the reader's bearer token: published collections only. */
@Controller('archive')
export class ArchiveController {
  constructor(private readonly exporter: ArchiveExport) {}

  /** `/archive/collections/<slug>.md` or `.json`. */
  @Access('member')
  @Get('collections/:file')
  async collection(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const match = /^(.+)\.(md|json)$/.exec(file);
    if (!match) throw ArchiveError.collectionNotFound(file);
    const [, slug, format] = match;
    const document = await this.exporter.collection(slug);
    res.setHeader('Content-Disposition', `inline; filename="${slug}.${format}"`);
    if (format === 'md') {
      res.type('text/markdown; charset=utf-8').send(archiveMarkdown(document));
    } else {
      res.type('application/json; charset=utf-8').send(JSON.stringify(document, null, 2));
    }
  }

  @Access('member')
  @Get('export.json')
  @Header('Content-Disposition', 'attachment; filename="roundtable-archive.json"')
  everything(@Viewer() viewer: AuthenticatedMember): Promise<ArchiveDocument> {
    return this.exporter.everything(viewer);
  }
}
