import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsEnum,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CollectionEntryKind } from '../archive.enums';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export-document';
import { MAX_NOTE, MAX_SUMMARY, MAX_TAGS, SLUG, SLUG_MESSAGE } from './collection.inputs';

/** An export file is at most this long (5 MB of JSON). */
export const MAX_IMPORT_LENGTH = 5_000_000;
export const MAX_IMPORT_COLLECTIONS = 100;

@ArgsType()
export class ImportCollectionsArgs {
  @Field({
    description:
      'The JSON of an export (`GET /archive/export.json` or `/archive/collections/<slug>.json`), as text.',
  })
  @IsString()
  @MaxLength(MAX_IMPORT_LENGTH)
  file: string;
}

// The file's shape, checked with class-validator like any input (unknown fields refused).

export class ImportedAuthor {
  @IsString()
  @Length(1, 40)
  handle: string;

  @IsString()
  @Length(1, 80)
  displayName: string;
}

export class ImportedContent {
  @IsString()
  @Length(1, 200)
  title: string;

  @IsString()
  @MaxLength(200_000)
  body: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ImportedAuthor)
  author: ImportedAuthor | null;

  @IsString()
  @Length(1, 2000)
  link: string;

  @IsISO8601({ strict: true })
  createdAt: string;
}

export class ImportedEntry {
  @IsInt()
  @Min(1)
  position: number;

  @IsEnum(CollectionEntryKind)
  kind: CollectionEntryKind;

  @IsUUID('all')
  targetId: string;

  @IsString()
  @MaxLength(MAX_NOTE)
  note: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  reviewBy: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ImportedContent)
  content: ImportedContent | null;
}

export class ImportedCollection {
  @IsString()
  @Length(3, 80)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  @IsString()
  @Length(3, 200)
  title: string;

  @IsString()
  @MaxLength(MAX_SUMMARY)
  summary: string;

  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  tags: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt: string | null;

  /** Where it lived; informative only (the link is rebuilt here). */
  @IsString()
  @MaxLength(2000)
  link: string;

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ImportedEntry)
  entries: ImportedEntry[];
}

export class ImportDocument {
  @Equals(EXPORT_FORMAT)
  format: string;

  @Equals(EXPORT_VERSION)
  version: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_COLLECTIONS)
  @ValidateNested({ each: true })
  @Type(() => ImportedCollection)
  collections: ImportedCollection[];
}
