import { MigrationInterface, QueryRunner } from 'typeorm';

export class Roundtables1764600000000 implements MigrationInterface {
  name = 'Roundtables1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."roundtable_state" AS ENUM('SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED', 'MISSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "roundtable" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "host_id" uuid NOT NULL,
        "title" character varying(120) NOT NULL,
        "description" text NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "duration_minutes" smallint NOT NULL,
        "capacity" smallint NOT NULL,
        "chatham_house" boolean NOT NULL DEFAULT false,
        "state" "public"."roundtable_state" NOT NULL DEFAULT 'SCHEDULED',
        "agenda" jsonb NOT NULL,
        "tags" text array NOT NULL DEFAULT '{}',
        "previous_id" uuid,
        "sequence" integer NOT NULL DEFAULT 0,
        "cancel_reason" character varying(500),
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "reminded_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roundtable" PRIMARY KEY ("id"),
        CONSTRAINT "FK_roundtable_host" FOREIGN KEY ("host_id") REFERENCES "account"("id"),
        CONSTRAINT "FK_roundtable_previous" FOREIGN KEY ("previous_id") REFERENCES "roundtable"("id") ON DELETE SET NULL)`,
    );
    // The list's keyset order, alone and within a state (also the MISSED and reminder jobs).
    await queryRunner.query(
      `CREATE INDEX "roundtable_starts_idx" ON "roundtable" ("starts_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_state_starts_idx" ON "roundtable" ("state", "starts_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "roundtable_host_idx" ON "roundtable" ("host_id")`);
    await queryRunner.query(
      `CREATE INDEX "roundtable_previous_idx" ON "roundtable" ("previous_id")`,
    );
    // The `tag` filter: tags @> ARRAY['roi'].
    await queryRunner.query(
      `CREATE INDEX "roundtable_tags_idx" ON "roundtable" USING gin ("tags")`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_facilitator" (
        "roundtable_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        CONSTRAINT "PK_roundtable_facilitator" PRIMARY KEY ("roundtable_id", "account_id"),
        CONSTRAINT "FK_roundtable_facilitator_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_facilitator_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    // `facilitatorHandle` filter and the personal calendar feed.
    await queryRunner.query(
      `CREATE INDEX "roundtable_facilitator_account_idx" ON "roundtable_facilitator" ("account_id")`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."roundtable_registration_status" AS ENUM('REGISTERED', 'WAITLISTED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "roundtable_registration" (
        "roundtable_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "status" "public"."roundtable_registration_status" NOT NULL,
        "position" integer,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roundtable_registration" PRIMARY KEY ("roundtable_id", "account_id"),
        CONSTRAINT "FK_roundtable_registration_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_registration_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    // Counts per status and the waitlist in order.
    await queryRunner.query(
      `CREATE INDEX "roundtable_registration_queue_idx" ON "roundtable_registration" ("roundtable_id", "status", "position")`,
    );
    // `registered` filter and the personal calendar feed.
    await queryRunner.query(
      `CREATE INDEX "roundtable_registration_account_idx" ON "roundtable_registration" ("account_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_question" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundtable_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "text" character varying(500) NOT NULL,
        "vote_count" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roundtable_question" PRIMARY KEY ("id"),
        CONSTRAINT "FK_roundtable_question_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_question_author" FOREIGN KEY ("author_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    // NEWEST order (scanned backwards) and VOTES order, each within one roundtable.
    await queryRunner.query(
      `CREATE INDEX "roundtable_question_newest_idx" ON "roundtable_question" ("roundtable_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_question_votes_idx" ON "roundtable_question" ("roundtable_id", "vote_count" DESC, "created_at", "id")`,
    );
    // The per-member cap on questions, and the author foreign key.
    await queryRunner.query(
      `CREATE INDEX "roundtable_question_author_idx" ON "roundtable_question" ("author_id", "roundtable_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_question_vote" (
        "question_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roundtable_question_vote" PRIMARY KEY ("question_id", "account_id"),
        CONSTRAINT "FK_roundtable_question_vote_question" FOREIGN KEY ("question_id") REFERENCES "roundtable_question"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_question_vote_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_question_vote_account_idx" ON "roundtable_question_vote" ("account_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "calendar_feed" (
        "account_id" uuid NOT NULL,
        "token" character varying(64) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_calendar_feed" PRIMARY KEY ("account_id"),
        CONSTRAINT "FK_calendar_feed_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "calendar_feed_token_key" ON "calendar_feed" ("token")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
    await queryRunner.query(`DROP TABLE "roundtable_question_vote"`);
    await queryRunner.query(`DROP TABLE "roundtable_question"`);
    await queryRunner.query(`DROP TABLE "roundtable_registration"`);
    await queryRunner.query(`DROP TYPE "public"."roundtable_registration_status"`);
    await queryRunner.query(`DROP TABLE "roundtable_facilitator"`);
    await queryRunner.query(`DROP TABLE "roundtable"`);
    await queryRunner.query(`DROP TYPE "public"."roundtable_state"`);
  }
}
