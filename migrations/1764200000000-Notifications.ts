import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "recipient_id" uuid NOT NULL,
        "kind" character varying(40) NOT NULL,
        "actor_id" uuid,
        "title" character varying(300) NOT NULL,
        "link" character varying(2000),
        "read_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification" PRIMARY KEY ("id"),
        CONSTRAINT "FK_notification_recipient" FOREIGN KEY ("recipient_id") REFERENCES "account"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_notification_actor" FOREIGN KEY ("actor_id") REFERENCES "account"("id") ON DELETE SET NULL)`,
    );
    // The inbox page: keyset on (created_at DESC, id DESC) within one recipient.
    await queryRunner.query(
      `CREATE INDEX "notification_inbox_idx" ON "notification" ("recipient_id", "created_at" DESC, "id" DESC)`,
    );
    // The unread badge counts only unread rows.
    await queryRunner.query(
      `CREATE INDEX "notification_unread_idx" ON "notification" ("recipient_id") WHERE "read_at" IS NULL`,
    );
    // ON DELETE SET NULL on the actor looks rows up by actor_id.
    await queryRunner.query(`CREATE INDEX "notification_actor_idx" ON "notification" ("actor_id")`);
    await queryRunner.query(
      `CREATE TABLE "notification_preference" (
        "account_id" uuid NOT NULL,
        "kind" character varying(40) NOT NULL,
        "enabled" boolean NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_preference" PRIMARY KEY ("account_id", "kind"),
        CONSTRAINT "FK_notification_preference_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_preference"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
