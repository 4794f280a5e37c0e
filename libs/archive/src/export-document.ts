import { CollectionEntryKind } from './archive.enums';

/** The export format: what `GET /archive/...json` answers and `importCollections` loads. */
export const EXPORT_FORMAT = 'roundtable.archive';
export const EXPORT_VERSION = 1;

export interface ExportedAuthor {
  handle: string;
  displayName: string;
}

export interface ExportedContent {
  title: string;
  /** Markdown as written. */
  body: string;
  /** Null for recaps (and so for Chatham House sessions). */
  author: ExportedAuthor | null;
  /** Absolute URL where it lived. */
  link: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface ExportedEntry {
  /** 1 is first. */
  position: number;
  kind: CollectionEntryKind;
  targetId: string;
  note: string;
  reviewBy: string | null;
  /** Null when the target was unavailable to members at export time. */
  content: ExportedContent | null;
}

export interface ExportedCollection {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  publishedAt: string | null;
  link: string;
  entries: ExportedEntry[];
}

export interface ArchiveDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  collections: ExportedCollection[];
}
