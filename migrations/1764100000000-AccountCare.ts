import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountCare1764100000000 implements MigrationInterface {
  name = 'AccountCare1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD "previous_refresh_token_hash" character varying(64)`,
    );
    await queryRunner.query(
      `CREATE INDEX "auth_session_previous_hash_idx" ON "auth_session" ("previous_refresh_token_hash")`,
    );
    await queryRunner.query(
      `CREATE TABLE "password_reset" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "token_hash" character varying(64) NOT NULL,
        "issued_by" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_password_reset" PRIMARY KEY ("id"),
        CONSTRAINT "FK_password_reset_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_reset_account_idx" ON "password_reset" ("account_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_reset_token_hash_key" ON "password_reset" ("token_hash")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "password_reset"`);
    await queryRunner.query(`DROP INDEX "auth_session_previous_hash_idx"`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP COLUMN "previous_refresh_token_hash"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "deleted_at"`);
  }
}
