import { MigrationInterface, QueryRunner } from 'typeorm';

export class Members1764300000000 implements MigrationInterface {
  name = 'Members1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tag" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(50) NOT NULL,
        "usage_count" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tag" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "tag_name_key" ON "tag" ("name")`);
    // Prefix autocomplete (LIKE 'abc%') whatever the database collation.
    await queryRunner.query(
      `CREATE INDEX "tag_name_pattern_idx" ON "tag" ("name" text_pattern_ops)`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."member_tag_kind" AS ENUM('EXPERTISE', 'LEARNING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_tag" (
        "account_id" uuid NOT NULL,
        "kind" "public"."member_tag_kind" NOT NULL,
        "tag_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        CONSTRAINT "PK_member_tag" PRIMARY KEY ("account_id", "kind", "tag_id"),
        CONSTRAINT "FK_member_tag_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_member_tag_tag" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "member_tag_tag_kind_idx" ON "member_tag" ("tag_id", "kind")`,
    );

    await queryRunner.query(
      `CREATE TYPE "public"."profile_visibility" AS ENUM('MEMBERS', 'PUBLIC')`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_profile" (
        "account_id" uuid NOT NULL,
        "headline" character varying(120),
        "bio" text,
        "organization" character varying(120),
        "job_title" character varying(120),
        "years_of_practice" smallint,
        "location" character varying(120),
        "time_zone" character varying(64),
        "links" text array NOT NULL DEFAULT '{}',
        "avatar_url" character varying(2000),
        "visibility" "public"."profile_visibility" NOT NULL DEFAULT 'MEMBERS',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_member_profile" PRIMARY KEY ("account_id"),
        CONSTRAINT "FK_member_profile_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE)`,
    );
    // Directory filters: organization (any case) and the anonymous PUBLIC view.
    await queryRunner.query(
      `CREATE INDEX "member_profile_organization_idx" ON "member_profile" (lower("organization"))`,
    );
    await queryRunner.query(`CREATE INDEX "account_created_idx" ON "account" ("created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "account_created_idx"`);
    await queryRunner.query(`DROP TABLE "member_profile"`);
    await queryRunner.query(`DROP TYPE "public"."profile_visibility"`);
    await queryRunner.query(`DROP TABLE "member_tag"`);
    await queryRunner.query(`DROP TYPE "public"."member_tag_kind"`);
    await queryRunner.query(`DROP TABLE "tag"`);
  }
}
