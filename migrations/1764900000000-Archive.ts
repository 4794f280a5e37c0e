import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The curated archive: collections and their entries, canonical answers, roundtable recaps and
 * the threads opened from their unanswered questions. Targets in other domains (threads,
 * replies, roundtables) are stored as ids without foreign keys: the archive reads them through
 * their services.
 */
export class Archive1764900000000 implements MigrationInterface {
  name = 'Archive1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."archive_collection_status" AS ENUM('DRAFT', 'PUBLISHED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."archive_entry_kind" AS ENUM('THREAD', 'REPLY', 'RECAP')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."archive_recap_status" AS ENUM('DRAFT', 'PUBLISHED')`,
    );

    await queryRunner.query(
      `CREATE TABLE "archive_collection" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" character varying(80) NOT NULL,
        "title" character varying(200) NOT NULL,
        "summary" text NOT NULL,
        "summary_html" text NOT NULL,
        "tags" text array NOT NULL DEFAULT '{}',
        "status" "public"."archive_collection_status" NOT NULL DEFAULT 'DRAFT',
        "created_by_id" uuid NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_archive_collection" PRIMARY KEY ("id"),
        CONSTRAINT "FK_archive_collection_creator" FOREIGN KEY ("created_by_id")
          REFERENCES "account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "archive_collection_slug_key" ON "archive_collection" ("slug")`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_collection_created_idx" ON "archive_collection" ("created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_collection_status_created_idx"
         ON "archive_collection" ("status", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_collection_tags_idx" ON "archive_collection" USING gin ("tags")`,
    );

    await queryRunner.query(
      `CREATE TABLE "archive_recap" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundtable_id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "summary" text NOT NULL DEFAULT '',
        "summary_html" text NOT NULL DEFAULT '',
        "status" "public"."archive_recap_status" NOT NULL DEFAULT 'DRAFT',
        "chatham_house" boolean NOT NULL,
        "content" jsonb NOT NULL,
        "created_by_id" uuid NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_archive_recap" PRIMARY KEY ("id"),
        CONSTRAINT "FK_archive_recap_creator" FOREIGN KEY ("created_by_id")
          REFERENCES "account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "archive_recap_roundtable_key" ON "archive_recap" ("roundtable_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_recap_status_idx" ON "archive_recap" ("status", "created_at", "id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "archive_collection_entry" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "collection_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "kind" "public"."archive_entry_kind" NOT NULL,
        "target_id" uuid NOT NULL,
        "note" character varying(2000) NOT NULL DEFAULT '',
        "review_by" TIMESTAMP WITH TIME ZONE,
        "reviewed_at" TIMESTAMP WITH TIME ZONE,
        "archived" boolean NOT NULL DEFAULT false,
        "archived_content" jsonb,
        "added_by_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_archive_collection_entry" PRIMARY KEY ("id"),
        CONSTRAINT "archive_collection_entry_position_key" UNIQUE ("collection_id", "position")
          DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT "archive_collection_entry_target_key" UNIQUE ("collection_id", "kind", "target_id"),
        CONSTRAINT "FK_archive_collection_entry_collection" FOREIGN KEY ("collection_id")
          REFERENCES "archive_collection"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_archive_collection_entry_adder" FOREIGN KEY ("added_by_id")
          REFERENCES "account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_collection_entry_target_idx"
         ON "archive_collection_entry" ("kind", "target_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_collection_entry_review_idx"
         ON "archive_collection_entry" ("review_by", "id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "archive_canonical_answer" (
        "reply_id" uuid NOT NULL,
        "thread_id" uuid NOT NULL,
        "reason" character varying(2000) NOT NULL,
        "marked_by_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_archive_canonical_answer" PRIMARY KEY ("reply_id"),
        CONSTRAINT "FK_archive_canonical_answer_marker" FOREIGN KEY ("marked_by_id")
          REFERENCES "account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "archive_canonical_answer_thread_key"
         ON "archive_canonical_answer" ("thread_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "archive_recap_question_thread" (
        "recap_id" uuid NOT NULL,
        "question_id" uuid NOT NULL,
        "thread_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_archive_recap_question_thread" PRIMARY KEY ("recap_id", "question_id"),
        CONSTRAINT "FK_archive_recap_question_thread_recap" FOREIGN KEY ("recap_id")
          REFERENCES "archive_recap"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "archive_recap_question_thread"`);
    await queryRunner.query(`DROP TABLE "archive_canonical_answer"`);
    await queryRunner.query(`DROP TABLE "archive_collection_entry"`);
    await queryRunner.query(`DROP TABLE "archive_recap"`);
    await queryRunner.query(`DROP TABLE "archive_collection"`);
    await queryRunner.query(`DROP TYPE "public"."archive_recap_status"`);
    await queryRunner.query(`DROP TYPE "public"."archive_entry_kind"`);
    await queryRunner.query(`DROP TYPE "public"."archive_collection_status"`);
  }
}
