import { MigrationInterface, QueryRunner } from 'typeorm';

export class Discussions1764500000000 implements MigrationInterface {
  name = 'Discussions1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."discussion_space_visibility" AS ENUM('MEMBERS', 'PUBLIC')`,
    );
    await queryRunner.query(
      `CREATE TABLE "discussion_space" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" character varying(60) NOT NULL,
        "name" character varying(80) NOT NULL,
        "description" character varying(1000) NOT NULL DEFAULT '',
        "visibility" "public"."discussion_space_visibility" NOT NULL DEFAULT 'MEMBERS',
        "created_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_space" PRIMARY KEY ("id"),
        CONSTRAINT "FK_discussion_space_creator" FOREIGN KEY ("created_by_id") REFERENCES "account"("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "discussion_space_slug_key" ON "discussion_space" ("slug")`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_space_name_idx" ON "discussion_space" ("name", "id")`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."discussion_thread_kind" AS ENUM('QUESTION', 'DISCUSSION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "discussion_thread" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "space_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "kind" "public"."discussion_thread_kind" NOT NULL,
        "title" character varying(200) NOT NULL,
        "body" text NOT NULL,
        "body_html" text NOT NULL,
        "tags" text array NOT NULL DEFAULT '{}',
        "mention_ids" uuid array NOT NULL DEFAULT '{}',
        "reply_count" integer NOT NULL DEFAULT 0,
        "score" integer NOT NULL DEFAULT 0,
        "next_position" integer NOT NULL DEFAULT 0,
        "accepted_reply_id" uuid,
        "idempotency_key" character varying(100),
        "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "edited_at" TIMESTAMP WITH TIME ZONE,
        "locked_at" TIMESTAMP WITH TIME ZONE,
        "hidden_at" TIMESTAMP WITH TIME ZONE,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_thread" PRIMARY KEY ("id"),
        CONSTRAINT "FK_discussion_thread_space" FOREIGN KEY ("space_id") REFERENCES "discussion_space"("id"),
        CONSTRAINT "FK_discussion_thread_author" FOREIGN KEY ("author_id") REFERENCES "account"("id"))`,
    );
    // The orders of `threads` (keyset on each), alone and within the space, author and kind filters.
    for (const [name, columns] of [
      ['activity_idx', '"last_activity_at", "id"'],
      ['created_idx', '"created_at", "id"'],
      ['score_idx', '"score", "created_at", "id"'],
      ['space_activity_idx', '"space_id", "last_activity_at", "id"'],
      ['author_created_idx', '"author_id", "created_at", "id"'],
      ['kind_activity_idx', '"kind", "last_activity_at", "id"'],
    ]) {
      await queryRunner.query(
        `CREATE INDEX "discussion_thread_${name}" ON "discussion_thread" (${columns})`,
      );
    }
    await queryRunner.query(
      `CREATE INDEX "discussion_thread_tags_idx" ON "discussion_thread" USING gin ("tags")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "discussion_thread_idempotency_key" ON "discussion_thread" ("author_id", "idempotency_key")`,
    );
    // UNANSWERED: only threads nobody has answered yet, newest first.
    await queryRunner.query(
      `CREATE INDEX "discussion_thread_unanswered_idx" ON "discussion_thread" ("created_at", "id")
        WHERE "reply_count" = 0 AND "deleted_at" IS NULL`,
    );
    // The solved filter; also serves ON DELETE SET NULL of the accepted reply.
    await queryRunner.query(
      `CREATE INDEX "discussion_thread_solved_idx" ON "discussion_thread" ("last_activity_at", "id")
        WHERE "accepted_reply_id" IS NOT NULL`,
    );

    await queryRunner.query(
      `CREATE TABLE "discussion_reply" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "thread_id" uuid NOT NULL,
        "parent_reply_id" uuid,
        "author_id" uuid NOT NULL,
        "path" character varying(2000) COLLATE "C" NOT NULL,
        "depth" integer NOT NULL,
        "next_position" integer NOT NULL DEFAULT 0,
        "body" text NOT NULL,
        "body_html" text NOT NULL,
        "feedback_worked" character varying(1000),
        "feedback_would_change" character varying(1000),
        "feedback_risks" character varying(1000),
        "mention_ids" uuid array NOT NULL DEFAULT '{}',
        "idempotency_key" character varying(100),
        "edited_at" TIMESTAMP WITH TIME ZONE,
        "locked_at" TIMESTAMP WITH TIME ZONE,
        "hidden_at" TIMESTAMP WITH TIME ZONE,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_reply" PRIMARY KEY ("id"),
        CONSTRAINT "FK_discussion_reply_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id"),
        CONSTRAINT "FK_discussion_reply_parent" FOREIGN KEY ("parent_reply_id") REFERENCES "discussion_reply"("id"),
        CONSTRAINT "FK_discussion_reply_author" FOREIGN KEY ("author_id") REFERENCES "account"("id"))`,
    );
    // Pre-order of a thread (and slicing after a reply's path).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "discussion_reply_thread_path_key" ON "discussion_reply" ("thread_id", "path")`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_reply_parent_idx" ON "discussion_reply" ("parent_reply_id", "path")`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_reply_top_level_idx" ON "discussion_reply" ("thread_id", "path")
        WHERE "parent_reply_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_reply_author_idx" ON "discussion_reply" ("author_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "discussion_reply_idempotency_key" ON "discussion_reply" ("author_id", "idempotency_key")`,
    );
    await queryRunner.query(
      `ALTER TABLE "discussion_thread" ADD CONSTRAINT "FK_discussion_thread_accepted_reply"
        FOREIGN KEY ("accepted_reply_id") REFERENCES "discussion_reply"("id") ON DELETE SET NULL`,
    );

    await queryRunner.query(
      `CREATE TABLE "discussion_revision" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "thread_id" uuid NOT NULL,
        "reply_id" uuid,
        "editor_id" uuid NOT NULL,
        "title" character varying(200),
        "body" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_revision" PRIMARY KEY ("id"),
        CONSTRAINT "FK_discussion_revision_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id"),
        CONSTRAINT "FK_discussion_revision_reply" FOREIGN KEY ("reply_id") REFERENCES "discussion_reply"("id"),
        CONSTRAINT "FK_discussion_revision_editor" FOREIGN KEY ("editor_id") REFERENCES "account"("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_revision_thread_idx" ON "discussion_revision" ("thread_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_revision_reply_idx" ON "discussion_revision" ("reply_id", "created_at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "discussion_revision"`);
    await queryRunner.query(
      `ALTER TABLE "discussion_thread" DROP CONSTRAINT "FK_discussion_thread_accepted_reply"`,
    );
    await queryRunner.query(`DROP TABLE "discussion_reply"`);
    await queryRunner.query(`DROP TABLE "discussion_thread"`);
    await queryRunner.query(`DROP TYPE "public"."discussion_thread_kind"`);
    await queryRunner.query(`DROP TABLE "discussion_space"`);
    await queryRunner.query(`DROP TYPE "public"."discussion_space_visibility"`);
  }
}
