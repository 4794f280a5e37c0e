import { MigrationInterface, QueryRunner } from 'typeorm';

export class Search1764400000000 implements MigrationInterface {
  name = 'Search1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."search_visibility" AS ENUM('PUBLIC', 'MEMBERS')`,
    );
    // `document` is written by SearchService in the same statement as the text it is built from.
    await queryRunner.query(
      `CREATE TABLE "search_document" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" character varying(40) NOT NULL,
        "target_id" uuid NOT NULL,
        "space_slug" text,
        "tags" text array NOT NULL DEFAULT '{}',
        "visibility" "public"."search_visibility" NOT NULL DEFAULT 'MEMBERS',
        "hidden" boolean NOT NULL DEFAULT false,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "link" text NOT NULL,
        "solved" boolean,
        "boost" real NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "document" tsvector NOT NULL,
        CONSTRAINT "PK_search_document" PRIMARY KEY ("id"))`,
    );
    // Upserts by (kind, target_id); its leading column also serves the `kinds` filter.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "search_document_kind_target_key" ON "search_document" ("kind", "target_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_document_document_idx" ON "search_document" USING gin ("document")`,
    );
    // Filters: tag (array containment), space, date range, solved (threads only).
    await queryRunner.query(
      `CREATE INDEX "search_document_tags_idx" ON "search_document" USING gin ("tags")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_document_space_created_idx" ON "search_document" ("space_slug", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_document_created_idx" ON "search_document" ("created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "search_document_solved_idx" ON "search_document" ("solved") WHERE "solved" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "search_document"`);
    await queryRunner.query(`DROP TYPE "public"."search_visibility"`);
  }
}
