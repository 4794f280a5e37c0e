import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live room, part B (docs/live-room-part-b.md): the speaking queue and floor turns, agenda
 * steps with their actual times, live answers to questions, takeaways, polls (counts only) and
 * reaction counters per message. Every change to these is also an event in `room_event`.
 */
export class LiveRoomActivities1764750000000 implements MigrationInterface {
  name = 'LiveRoomActivities1764750000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "roundtable_hand" (
        "roundtable_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roundtable_hand" PRIMARY KEY ("roundtable_id", "account_id"),
        CONSTRAINT "FK_roundtable_hand_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_hand_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_hand_account_idx" ON "roundtable_hand" ("account_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_floor_turn" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundtable_id" uuid NOT NULL,
        "speaker_id" uuid NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_roundtable_floor_turn" PRIMARY KEY ("id"),
        CONSTRAINT "FK_roundtable_floor_turn_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_floor_turn_speaker" FOREIGN KEY ("speaker_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    // "Has spoken in this session" (the queue's fairness) and the roundtable foreign key.
    await queryRunner.query(
      `CREATE INDEX "roundtable_floor_turn_speaker_idx" ON "roundtable_floor_turn" ("roundtable_id", "speaker_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_floor_turn_account_idx" ON "roundtable_floor_turn" ("speaker_id")`,
    );
    // One speaker at a time: at most one open turn per session.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "roundtable_floor_turn_open_key" ON "roundtable_floor_turn" ("roundtable_id") WHERE "ended_at" IS NULL`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_agenda_step" (
        "roundtable_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_roundtable_agenda_step" PRIMARY KEY ("roundtable_id", "position"),
        CONSTRAINT "FK_roundtable_agenda_step_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE)`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_question_live" (
        "question_id" uuid NOT NULL,
        "asked_live" boolean NOT NULL DEFAULT false,
        "answer" character varying(2000),
        "answered_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_roundtable_question_live" PRIMARY KEY ("question_id"),
        CONSTRAINT "FK_roundtable_question_live_question" FOREIGN KEY ("question_id") REFERENCES "roundtable_question"("id") ON DELETE CASCADE)`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_takeaway" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundtable_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "text" character varying(500) NOT NULL,
        "pinned_at" TIMESTAMP WITH TIME ZONE,
        "removed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roundtable_takeaway" PRIMARY KEY ("id"),
        CONSTRAINT "FK_roundtable_takeaway_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_takeaway_author" FOREIGN KEY ("author_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    // A session's takeaways in order (the snapshot, the record, `previous { takeaways }`).
    await queryRunner.query(
      `CREATE INDEX "roundtable_takeaway_session_idx" ON "roundtable_takeaway" ("roundtable_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_takeaway_author_idx" ON "roundtable_takeaway" ("author_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_poll" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "roundtable_id" uuid NOT NULL,
        "question" character varying(200) NOT NULL,
        "options" text array NOT NULL,
        "counts" integer array NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_roundtable_poll" PRIMARY KEY ("id"),
        CONSTRAINT "FK_roundtable_poll_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_poll_session_idx" ON "roundtable_poll" ("roundtable_id", "opened_at", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "roundtable_poll_vote" (
        "poll_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        CONSTRAINT "PK_roundtable_poll_vote" PRIMARY KEY ("poll_id", "account_id"),
        CONSTRAINT "FK_roundtable_poll_vote_poll" FOREIGN KEY ("poll_id") REFERENCES "roundtable_poll"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_roundtable_poll_vote_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "roundtable_poll_vote_account_idx" ON "roundtable_poll_vote" ("account_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "roundtable_reaction_count" (
        "roundtable_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "emoji" character varying(16) NOT NULL,
        "count" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_roundtable_reaction_count" PRIMARY KEY ("roundtable_id", "seq", "emoji"),
        CONSTRAINT "FK_roundtable_reaction_count_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "roundtable_reaction_count"`);
    await queryRunner.query(`DROP TABLE "roundtable_poll_vote"`);
    await queryRunner.query(`DROP TABLE "roundtable_poll"`);
    await queryRunner.query(`DROP TABLE "roundtable_takeaway"`);
    await queryRunner.query(`DROP TABLE "roundtable_question_live"`);
    await queryRunner.query(`DROP TABLE "roundtable_agenda_step"`);
    await queryRunner.query(`DROP TABLE "roundtable_floor_turn"`);
    await queryRunner.query(`DROP TABLE "roundtable_hand"`);
  }
}
