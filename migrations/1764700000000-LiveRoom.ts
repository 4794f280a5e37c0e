import { MigrationInterface, QueryRunner } from 'typeorm';

/** The live room: the per-session counter and controls, the sequence log, participants, records. */
export class LiveRoom1764700000000 implements MigrationInterface {
  name = 'LiveRoom1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "room_state" (
        "roundtable_id" uuid NOT NULL,
        "last_seq" integer NOT NULL DEFAULT 0,
        "locked" boolean NOT NULL DEFAULT false,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_room_state" PRIMARY KEY ("roundtable_id"),
        CONSTRAINT "FK_room_state_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "room_event" (
        "roundtable_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "type" character varying(40) NOT NULL,
        "payload" jsonb NOT NULL,
        "actor_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_event" PRIMARY KEY ("roundtable_id", "seq"),
        CONSTRAINT "FK_room_event_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_room_event_actor" FOREIGN KEY ("actor_id") REFERENCES "account"("id") ON DELETE SET NULL)`,
    );
    // Moderators find a member's messages; account deletion nulls the link.
    await queryRunner.query(`CREATE INDEX "room_event_actor_idx" ON "room_event" ("actor_id")`);
    // clientId is unique per author and session: a retried send finds its first seq.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "room_event_message_client_idx" ON "room_event"
         ("roundtable_id", "actor_id", ("payload"->>'clientId')) WHERE "type" = 'message.new'`,
    );
    await queryRunner.query(
      `CREATE TABLE "room_participant" (
        "roundtable_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "muted" boolean NOT NULL DEFAULT false,
        "removed_at" TIMESTAMP WITH TIME ZONE,
        "first_joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "present_since" TIMESTAMP WITH TIME ZONE,
        "present_seconds" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_room_participant" PRIMARY KEY ("roundtable_id", "account_id"),
        CONSTRAINT "FK_room_participant_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_room_participant_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "room_participant_account_idx" ON "room_participant" ("account_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "room_record" (
        "roundtable_id" uuid NOT NULL,
        "record" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_record" PRIMARY KEY ("roundtable_id"),
        CONSTRAINT "FK_room_record_roundtable" FOREIGN KEY ("roundtable_id") REFERENCES "roundtable"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "room_record"`);
    await queryRunner.query(`DROP TABLE "room_participant"`);
    await queryRunner.query(`DROP TABLE "room_event"`);
    await queryRunner.query(`DROP TABLE "room_state"`);
  }
}
