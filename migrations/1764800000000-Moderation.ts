import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation: the append-only audit log (core), reports grouped into queue items, the
 * pinned / merged columns moderators set on discussion threads, and hidden live messages.
 */
export class Moderation1764800000000 implements MigrationInterface {
  name = 'Moderation1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The audit log: ids stay as pseudonyms (accounts are anonymised, never deleted), so the
    // foreign keys cascade nothing, and a trigger refuses every UPDATE, DELETE and TRUNCATE.
    await queryRunner.query(
      `CREATE TABLE "audit_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "actor_id" uuid,
        "action" character varying(60) NOT NULL,
        "target_kind" character varying(40) NOT NULL,
        "target_id" character varying(100) NOT NULL,
        "subject_id" uuid,
        "reason" character varying(2000) NOT NULL,
        "before" jsonb,
        "after" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"),
        CONSTRAINT "FK_audit_log_actor" FOREIGN KEY ("actor_id") REFERENCES "account"("id"),
        CONSTRAINT "FK_audit_log_subject" FOREIGN KEY ("subject_id") REFERENCES "account"("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_created_idx" ON "audit_log" ("created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_actor_idx" ON "audit_log" ("actor_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_subject_idx" ON "audit_log" ("subject_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_action_idx" ON "audit_log" ("action", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_target_idx" ON "audit_log" ("target_kind", "target_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
         FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
         FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."moderation_target_kind" AS ENUM('THREAD', 'REPLY', 'MEMBER', 'ROUNDTABLE_MESSAGE')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."moderation_item_status" AS ENUM('OPEN', 'RESOLVED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."moderation_report_reason" AS ENUM('SPAM', 'HARASSMENT', 'OFF_TOPIC', 'CONFIDENTIAL', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_item" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "target_kind" "public"."moderation_target_kind" NOT NULL,
        "target_id" uuid NOT NULL,
        "target_seq" integer,
        "author_id" uuid,
        "status" "public"."moderation_item_status" NOT NULL DEFAULT 'OPEN',
        "report_count" integer NOT NULL DEFAULT 0,
        "reported" jsonb NOT NULL,
        "last_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "resolved_by_id" uuid,
        "resolution" character varying(60),
        "resolution_reason" character varying(2000),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_moderation_item" PRIMARY KEY ("id"),
        CONSTRAINT "FK_moderation_item_author" FOREIGN KEY ("author_id") REFERENCES "account"("id"),
        CONSTRAINT "FK_moderation_item_resolver" FOREIGN KEY ("resolved_by_id") REFERENCES "account"("id"))`,
    );
    // One open item per target: reports on it group there (a message is roundtable id + seq).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "moderation_item_open_target_key" ON "moderation_item"
         ("target_kind", "target_id", (COALESCE("target_seq", 0))) WHERE "status" = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_item_queue_idx" ON "moderation_item" ("status", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_item_kind_queue_idx" ON "moderation_item" ("status", "target_kind", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_item_resolved_idx" ON "moderation_item" ("resolved_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_item_author_idx" ON "moderation_item" ("author_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_report" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "item_id" uuid NOT NULL,
        "reporter_id" uuid NOT NULL,
        "reason" "public"."moderation_report_reason" NOT NULL,
        "note" character varying(1000),
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_moderation_report" PRIMARY KEY ("id"),
        CONSTRAINT "FK_moderation_report_item" FOREIGN KEY ("item_id") REFERENCES "moderation_item"("id"),
        CONSTRAINT "FK_moderation_report_reporter" FOREIGN KEY ("reporter_id") REFERENCES "account"("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_report_item_idx" ON "moderation_report" ("item_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "moderation_report_reporter_idx" ON "moderation_report" ("reporter_id", "created_at")`,
    );
    // One open report per member and target (the open item stands for the target).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "moderation_report_open_key" ON "moderation_report" ("item_id", "reporter_id")
         WHERE "resolved_at" IS NULL`,
    );

    // Live chat: the original of each message a moderator hid (its log row keeps no text).
    await queryRunner.query(
      `CREATE TABLE "room_hidden_message" (
        "roundtable_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "payload" jsonb NOT NULL,
        "hidden_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_hidden_message" PRIMARY KEY ("roundtable_id", "seq"),
        CONSTRAINT "FK_room_hidden_message_event" FOREIGN KEY ("roundtable_id", "seq")
          REFERENCES "room_event"("roundtable_id", "seq") ON DELETE CASCADE)`,
    );

    // Threads: pinned first in their space; a merged thread redirects to the one it went into.
    await queryRunner.query(
      `ALTER TABLE "discussion_thread" ADD "pinned_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "discussion_thread" ADD "merged_into_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "discussion_thread" ADD CONSTRAINT "FK_discussion_thread_merged_into"
         FOREIGN KEY ("merged_into_id") REFERENCES "discussion_thread"("id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_thread_space_pinned_idx" ON "discussion_thread"
         ("space_id", ("pinned_at" IS NOT NULL), "last_activity_at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."discussion_thread_space_pinned_idx"`);
    await queryRunner.query(
      `ALTER TABLE "discussion_thread" DROP CONSTRAINT "FK_discussion_thread_merged_into"`,
    );
    await queryRunner.query(`ALTER TABLE "discussion_thread" DROP COLUMN "merged_into_id"`);
    await queryRunner.query(`ALTER TABLE "discussion_thread" DROP COLUMN "pinned_at"`);
    await queryRunner.query(`DROP TABLE "room_hidden_message"`);
    await queryRunner.query(`DROP TABLE "moderation_report"`);
    await queryRunner.query(`DROP TABLE "moderation_item"`);
    await queryRunner.query(`DROP TYPE "public"."moderation_report_reason"`);
    await queryRunner.query(`DROP TYPE "public"."moderation_item_status"`);
    await queryRunner.query(`DROP TYPE "public"."moderation_target_kind"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
  }
}
