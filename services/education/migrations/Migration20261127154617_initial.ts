import { Migration } from '@mikro-orm/migrations';

export class Migration20261127154617_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "education";`);
    this.addSql(`create table "education"."audit_record" ("id" bigserial primary key, "occurred_at" timestamptz not null, "actor_subject" text null, "actor_organization_id" uuid null, "actor_roles" text[] not null, "action" text not null, "entity_type" text not null, "entity_id" text not null, "before" jsonb null, "after" jsonb null, "request_id" text not null);`);
    this.addSql(`create index "audit_record_entity_type_entity_id_index" on "education"."audit_record" ("entity_type", "entity_id");`);

    this.addSql(`create table "education"."program" ("id" uuid not null, "status" text check ("status" in ('SUBMITTED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')) not null default 'SUBMITTED', "contributed_by" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "provider_id" uuid not null, "city_id" uuid not null, "title" text not null, "title_translations" jsonb not null, "description" text not null, "description_translations" jsonb not null, "audiences" text[] not null, "themes" text[] not null, "languages" text[] not null, "format" text check ("format" in ('IN_PERSON', 'ONLINE', 'BLENDED')) not null default 'IN_PERSON', "duration_hours" double precision null, "learning_outcomes" text[] not null, constraint "program_pkey" primary key ("id"));`);
    this.addSql(`create index "program_status_index" on "education"."program" ("status");`);
    this.addSql(`create index "program_contributed_by_index" on "education"."program" ("contributed_by");`);
    this.addSql(`create index "program_provider_id_index" on "education"."program" ("provider_id");`);
    this.addSql(`create index "program_city_id_index" on "education"."program" ("city_id");`);

    this.addSql(`create table "education"."cohort" ("id" uuid not null, "program_id" uuid not null, "starts_on" date not null, "ends_on" date not null, "capacity" int not null, "online" boolean not null default false, "location" text null, "event_id" uuid null, "notes" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "cohort_pkey" primary key ("id"));`);
    this.addSql(`create index "cohort_program_id_index" on "education"."cohort" ("program_id");`);
    this.addSql(`create index "cohort_starts_on_index" on "education"."cohort" ("starts_on");`);
    this.addSql(`create index "cohort_event_id_index" on "education"."cohort" ("event_id");`);

    this.addSql(`create table "education"."enrollment" ("id" uuid not null, "cohort_id" uuid not null, "participant_name" text not null, "participant_email" text not null, "audience" text check ("audience" in ('PUBLIC_OFFICIALS', 'POLICE', 'MILITARY', 'TEACHERS', 'HIGHER_EDUCATION', 'YOUTH', 'CHILDREN', 'MEDIA', 'CIVIL_SOCIETY', 'RESIDENTS')) not null, "status" text check ("status" in ('ENROLLED', 'COMPLETED', 'DROPPED')) not null default 'ENROLLED', "enrolled_at" timestamptz not null, "completed_on" date null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "enrollment_pkey" primary key ("id"));`);
    this.addSql(`create index "enrollment_cohort_id_index" on "education"."enrollment" ("cohort_id");`);
    this.addSql(`alter table "education"."enrollment" add constraint "enrollment_cohort_id_participant_email_unique" unique ("cohort_id", "participant_email");`);

    this.addSql(`create table "education"."certificate" ("id" uuid not null, "enrollment_id" uuid not null, "code" text not null, "issued_on" date not null, "revoked_at" timestamptz null, "revoked_reason" text null, constraint "certificate_pkey" primary key ("id"));`);
    this.addSql(`alter table "education"."certificate" add constraint "certificate_enrollment_id_unique" unique ("enrollment_id");`);
    this.addSql(`alter table "education"."certificate" add constraint "certificate_code_unique" unique ("code");`);

    this.addSql(`create table "education"."seed_run" ("name" text not null, "applied_at" timestamptz not null, constraint "seed_run_pkey" primary key ("name"));`);

    this.addSql(`alter table "education"."cohort" add constraint "cohort_program_id_foreign" foreign key ("program_id") references "education"."program" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "education"."enrollment" add constraint "enrollment_cohort_id_foreign" foreign key ("cohort_id") references "education"."cohort" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "education"."certificate" add constraint "certificate_enrollment_id_foreign" foreign key ("enrollment_id") references "education"."enrollment" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."cohort" drop constraint "cohort_program_id_foreign";`);

    this.addSql(`alter table "education"."enrollment" drop constraint "enrollment_cohort_id_foreign";`);

    this.addSql(`alter table "education"."certificate" drop constraint "certificate_enrollment_id_foreign";`);

    this.addSql(`drop table if exists "education"."audit_record" cascade;`);

    this.addSql(`drop table if exists "education"."program" cascade;`);

    this.addSql(`drop table if exists "education"."cohort" cascade;`);

    this.addSql(`drop table if exists "education"."enrollment" cascade;`);

    this.addSql(`drop table if exists "education"."certificate" cascade;`);

    this.addSql(`drop table if exists "education"."seed_run" cascade;`);

    this.addSql(`drop schema if exists "education";`);
  }

}
