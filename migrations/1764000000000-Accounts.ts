import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764000000000 implements MigrationInterface {
  name = 'Accounts1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."account_role" AS ENUM('MEMBER', 'MODERATOR', 'ADMIN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "account" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(320) NOT NULL,
        "password_hash" character varying(255),
        "handle" character varying(40) NOT NULL,
        "display_name" character varying(80) NOT NULL,
        "role" "public"."account_role" NOT NULL DEFAULT 'MEMBER',
        "suspended_until" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_account" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "account_handle_key" ON "account" ("handle")`);
    // Emails are unique whatever their case.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "account_email_lower_key" ON "account" (lower("email"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "refresh_token_hash" character varying(64) NOT NULL,
        "refresh_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "rotated_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_auth_session" PRIMARY KEY ("id"),
        CONSTRAINT "FK_auth_session_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "auth_session_account_idx" ON "auth_session" ("account_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "auth_session_refresh_hash_key" ON "auth_session" ("refresh_token_hash")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`DROP TABLE "account"`);
    await queryRunner.query(`DROP TYPE "public"."account_role"`);
  }
}
