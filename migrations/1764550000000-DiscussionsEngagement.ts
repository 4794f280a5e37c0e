import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discussions, part B: reactions, feedback ratings, peer invitations, follows and read marks, and
 * the numbered per-thread event log behind live updates (see docs/discussions-part-b.md).
 */
export class DiscussionsEngagement1764550000000 implements MigrationInterface {
  name = 'DiscussionsEngagement1764550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."discussion_reaction_kind" AS ENUM('HELPFUL', 'INSIGHTFUL', 'SAME_HERE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "discussion_thread_reaction" (
        "thread_id" uuid NOT NULL,
        "member_id" uuid NOT NULL,
        "kind" "public"."discussion_reaction_kind" NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_thread_reaction" PRIMARY KEY ("thread_id", "member_id", "kind"),
        CONSTRAINT "FK_discussion_thread_reaction_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_thread_reaction_member" FOREIGN KEY ("member_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "discussion_reply_reaction" (
        "reply_id" uuid NOT NULL,
        "member_id" uuid NOT NULL,
        "kind" "public"."discussion_reaction_kind" NOT NULL,
        "thread_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_reply_reaction" PRIMARY KEY ("reply_id", "member_id", "kind"),
        CONSTRAINT "FK_discussion_reply_reaction_reply" FOREIGN KEY ("reply_id") REFERENCES "discussion_reply"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_reply_reaction_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_reply_reaction_member" FOREIGN KEY ("member_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "discussion_reply_reaction_thread_idx" ON "discussion_reply_reaction" ("thread_id")`,
    );

    await queryRunner.query(
      `CREATE TABLE "discussion_feedback_rating" (
        "reply_id" uuid NOT NULL,
        "rater_id" uuid NOT NULL,
        "useful" boolean NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_feedback_rating" PRIMARY KEY ("reply_id"),
        CONSTRAINT "FK_discussion_feedback_rating_reply" FOREIGN KEY ("reply_id") REFERENCES "discussion_reply"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_feedback_rating_rater" FOREIGN KEY ("rater_id") REFERENCES "account"("id"))`,
    );

    await queryRunner.query(
      `CREATE TABLE "discussion_peer_invitation" (
        "thread_id" uuid NOT NULL,
        "invitee_id" uuid NOT NULL,
        "inviter_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_peer_invitation" PRIMARY KEY ("thread_id", "invitee_id"),
        CONSTRAINT "FK_discussion_peer_invitation_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_peer_invitation_invitee" FOREIGN KEY ("invitee_id") REFERENCES "account"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_peer_invitation_inviter" FOREIGN KEY ("inviter_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );

    await queryRunner.query(
      `CREATE TABLE "discussion_thread_reader" (
        "thread_id" uuid NOT NULL,
        "member_id" uuid NOT NULL,
        "following" boolean,
        "last_read_event_id" integer,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_thread_reader" PRIMARY KEY ("thread_id", "member_id"),
        CONSTRAINT "FK_discussion_thread_reader_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_thread_reader_member" FOREIGN KEY ("member_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."discussion_thread_event_kind" AS ENUM('REPLY', 'EDIT', 'REACTION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "discussion_thread_event" (
        "thread_id" uuid NOT NULL,
        "event_id" integer NOT NULL,
        "kind" "public"."discussion_thread_event_kind" NOT NULL,
        "reply_id" uuid,
        "data" jsonb,
        "notified_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_discussion_thread_event" PRIMARY KEY ("thread_id", "event_id"),
        CONSTRAINT "FK_discussion_thread_event_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_discussion_thread_event_reply" FOREIGN KEY ("reply_id") REFERENCES "discussion_reply"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "discussion_thread_event_counter" (
        "thread_id" uuid NOT NULL,
        "last_event_id" integer NOT NULL,
        CONSTRAINT "PK_discussion_thread_event_counter" PRIMARY KEY ("thread_id"),
        CONSTRAINT "FK_discussion_thread_event_counter_thread" FOREIGN KEY ("thread_id") REFERENCES "discussion_thread"("id") ON DELETE CASCADE)`,
    );

    // Replies posted before this migration: numbered in posting order, already notified.
    await queryRunner.query(
      `INSERT INTO "discussion_thread_event" ("thread_id", "event_id", "kind", "reply_id", "notified_at", "created_at")
       SELECT "thread_id", row_number() OVER (PARTITION BY "thread_id" ORDER BY "created_at", "path"),
              'REPLY', "id", now(), "created_at"
         FROM "discussion_reply"`,
    );
    await queryRunner.query(
      `INSERT INTO "discussion_thread_event_counter" ("thread_id", "last_event_id")
       SELECT "thread_id", max("event_id") FROM "discussion_thread_event" GROUP BY "thread_id"`,
    );

    // The one way events are numbered and stored. The counter row's lock, held until commit,
    // orders a thread's events as their transactions commit; NOTIFY is delivered only on commit.
    await queryRunner.query(
      `CREATE FUNCTION "discussion_record_thread_event"(
         p_thread_id uuid, p_kind "public"."discussion_thread_event_kind", p_reply_id uuid, p_data jsonb)
       RETURNS integer LANGUAGE plpgsql AS $$
       DECLARE v_event_id integer;
       BEGIN
         INSERT INTO discussion_thread_event_counter AS c (thread_id, last_event_id)
         VALUES (p_thread_id, 1)
         ON CONFLICT (thread_id) DO UPDATE SET last_event_id = c.last_event_id + 1
         RETURNING c.last_event_id INTO v_event_id;
         INSERT INTO discussion_thread_event (thread_id, event_id, kind, reply_id, data)
         VALUES (p_thread_id, v_event_id, p_kind, p_reply_id, p_data);
         PERFORM pg_notify('discussion_thread_event', p_thread_id::text || ' ' || v_event_id::text || ' ' || p_kind::text);
         RETURN v_event_id;
       END $$`,
    );
    // Triggers, so that every writer (the services, moderation, seeders) records its events in its
    // own transaction. Only changes readers see count: not counters such as next_position. Every
    // writer of these columns holds the thread row lock first (as all discussions writers do), so
    // the event row's foreign key check on the thread cannot deadlock. Locking a reply is left
    // out: DiscussionsService.setLocked('REPLY') does not take the thread lock.
    await queryRunner.query(
      `CREATE FUNCTION "discussion_reply_event"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM discussion_record_thread_event(NEW.thread_id,
           (CASE WHEN TG_OP = 'INSERT' THEN 'REPLY' ELSE 'EDIT' END)::discussion_thread_event_kind,
           NEW.id, NULL);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "discussion_reply_posted" AFTER INSERT ON "discussion_reply"
       FOR EACH ROW EXECUTE FUNCTION "discussion_reply_event"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "discussion_reply_changed" AFTER UPDATE ON "discussion_reply"
       FOR EACH ROW WHEN (
         OLD.body IS DISTINCT FROM NEW.body
         OR OLD.feedback_worked IS DISTINCT FROM NEW.feedback_worked
         OR OLD.feedback_would_change IS DISTINCT FROM NEW.feedback_would_change
         OR OLD.feedback_risks IS DISTINCT FROM NEW.feedback_risks
         OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at
         OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
       EXECUTE FUNCTION "discussion_reply_event"()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "discussion_thread_edit_event"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM discussion_record_thread_event(NEW.id, 'EDIT', NULL, NULL);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "discussion_thread_changed" AFTER UPDATE ON "discussion_thread"
       FOR EACH ROW WHEN (
         OLD.title IS DISTINCT FROM NEW.title
         OR OLD.body IS DISTINCT FROM NEW.body
         OR OLD.tags IS DISTINCT FROM NEW.tags
         OR OLD.accepted_reply_id IS DISTINCT FROM NEW.accepted_reply_id
         OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at
         OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
         OR OLD.locked_at IS DISTINCT FROM NEW.locked_at)
       EXECUTE FUNCTION "discussion_thread_edit_event"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "discussion_thread_changed" ON "discussion_thread"`);
    await queryRunner.query(`DROP FUNCTION "discussion_thread_edit_event"()`);
    await queryRunner.query(`DROP TRIGGER "discussion_reply_changed" ON "discussion_reply"`);
    await queryRunner.query(`DROP TRIGGER "discussion_reply_posted" ON "discussion_reply"`);
    await queryRunner.query(`DROP FUNCTION "discussion_reply_event"()`);
    await queryRunner.query(
      `DROP FUNCTION "discussion_record_thread_event"(uuid, "public"."discussion_thread_event_kind", uuid, jsonb)`,
    );
    await queryRunner.query(`DROP TABLE "discussion_thread_event_counter"`);
    await queryRunner.query(`DROP TABLE "discussion_thread_event"`);
    await queryRunner.query(`DROP TYPE "public"."discussion_thread_event_kind"`);
    await queryRunner.query(`DROP TABLE "discussion_thread_reader"`);
    await queryRunner.query(`DROP TABLE "discussion_peer_invitation"`);
    await queryRunner.query(`DROP TABLE "discussion_feedback_rating"`);
    await queryRunner.query(`DROP TABLE "discussion_reply_reaction"`);
    await queryRunner.query(`DROP TABLE "discussion_thread_reaction"`);
    await queryRunner.query(`DROP TYPE "public"."discussion_reaction_kind"`);
  }
}
