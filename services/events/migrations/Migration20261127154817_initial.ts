import { Migration } from '@mikro-orm/migrations';

export class Migration20261127154817_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "events";`);
    this.addSql(`create table "events"."audit_record" ("id" bigserial primary key, "occurred_at" timestamptz not null, "actor_subject" text null, "actor_organization_id" uuid null, "actor_roles" text[] not null, "action" text not null, "entity_type" text not null, "entity_id" text not null, "before" jsonb null, "after" jsonb null, "request_id" text not null);`);
    this.addSql(`create index "audit_record_entity_type_entity_id_index" on "events"."audit_record" ("entity_type", "entity_id");`);

    this.addSql(`create table "events"."forum_edition" ("id" uuid not null, "number" int not null, "year" int not null, "theme" text null, "theme_translations" jsonb not null, "starts_on" date null, "ends_on" date null, "format" text check ("format" in ('IN_PERSON', 'ONLINE', 'HYBRID')) not null, "time_zone" text not null default 'Asia/Seoul', "host_city_id" uuid not null, "note" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "forum_edition_pkey" primary key ("id"));`);
    this.addSql(`alter table "events"."forum_edition" add constraint "forum_edition_number_unique" unique ("number");`);
    this.addSql(`alter table "events"."forum_edition" add constraint "forum_edition_year_unique" unique ("year");`);

    this.addSql(`create table "events"."event" ("id" uuid not null, "status" text check ("status" in ('SUBMITTED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')) not null default 'SUBMITTED', "contributed_by" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('PLENARY', 'THEMATIC_SESSION', 'WORKSHOP', 'SIDE_EVENT', 'SPECIAL_SESSION', 'CULTURAL', 'PARTNER_EVENT', 'MEETING')) not null, "title" text not null, "title_translations" jsonb not null, "description" text null, "description_translations" jsonb not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "time_zone" text not null, "all_day" boolean not null default false, "venue" text null, "format" text check ("format" in ('IN_PERSON', 'ONLINE', 'HYBRID')) not null, "host_city_id" uuid null, "edition_id" uuid null, "languages" text[] not null, "interpretation_languages" text[] not null, "sign_languages" text[] not null, "accessibility" text[] not null, "capacity" int null, "speakers" jsonb not null, "search_vector" tsvector null, constraint "event_pkey" primary key ("id"));`);
    this.addSql(`create index "event_status_index" on "events"."event" ("status");`);
    this.addSql(`create index "event_contributed_by_index" on "events"."event" ("contributed_by");`);
    this.addSql(`create index "event_kind_index" on "events"."event" ("kind");`);
    this.addSql(`create index "event_host_city_id_index" on "events"."event" ("host_city_id");`);
    this.addSql(`create index "event_edition_id_index" on "events"."event" ("edition_id");`);
    this.addSql(`create index "event_search_vector_index" on "events"."event" using gin("search_vector");`);
    this.addSql(`create index "event_starts_at_id_index" on "events"."event" ("starts_at", "id");`);

    this.addSql(`create table "events"."registration" ("id" uuid not null, "event_id" uuid not null, "organization_id" uuid null, "participant_name" text not null, "email" text not null, "accessibility_needs" jsonb not null, "status" text check ("status" in ('REGISTERED', 'WAITLISTED', 'CANCELLED', 'ATTENDED')) not null, "arrival" int not null, "registered_by" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "registration_pkey" primary key ("id"));`);
    this.addSql(`create index "registration_organization_id_index" on "events"."registration" ("organization_id");`);
    this.addSql(`create index "registration_event_id_status_arrival_index" on "events"."registration" ("event_id", "status", "arrival");`);
    this.addSql(`alter table "events"."registration" add constraint "registration_event_id_arrival_unique" unique ("event_id", "arrival");`);

    this.addSql(`create table "events"."feedback" ("id" uuid not null, "event_id" uuid not null, "registration_id" uuid not null, "organization_id" uuid null, "rating" smallint not null, "comment" text null, "created_at" timestamptz not null, constraint "feedback_pkey" primary key ("id"));`);
    this.addSql(`create index "feedback_event_id_index" on "events"."feedback" ("event_id");`);
    this.addSql(`alter table "events"."feedback" add constraint "feedback_registration_id_unique" unique ("registration_id");`);

    this.addSql(`create table "events"."seed_run" ("name" text not null, "applied_at" timestamptz not null, constraint "seed_run_pkey" primary key ("name"));`);

    this.addSql(`create table "events"."sustainability_checklist" ("id" uuid not null, "edition_id" uuid null, "event_id" uuid null, "items" jsonb not null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "sustainability_checklist_pkey" primary key ("id"), constraint sustainability_checklist_one_owner check ((edition_id is null) <> (event_id is null)));`);
    this.addSql(`alter table "events"."sustainability_checklist" add constraint "sustainability_checklist_edition_id_unique" unique ("edition_id");`);
    this.addSql(`alter table "events"."sustainability_checklist" add constraint "sustainability_checklist_event_id_unique" unique ("event_id");`);

    this.addSql(`alter table "events"."event" add constraint "event_edition_id_foreign" foreign key ("edition_id") references "events"."forum_edition" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "events"."registration" add constraint "registration_event_id_foreign" foreign key ("event_id") references "events"."event" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "events"."feedback" add constraint "feedback_event_id_foreign" foreign key ("event_id") references "events"."event" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "events"."feedback" add constraint "feedback_registration_id_foreign" foreign key ("registration_id") references "events"."registration" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "events"."sustainability_checklist" add constraint "sustainability_checklist_edition_id_foreign" foreign key ("edition_id") references "events"."forum_edition" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "events"."sustainability_checklist" add constraint "sustainability_checklist_event_id_foreign" foreign key ("event_id") references "events"."event" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "events"."event" drop constraint "event_edition_id_foreign";`);

    this.addSql(`alter table "events"."sustainability_checklist" drop constraint "sustainability_checklist_edition_id_foreign";`);

    this.addSql(`alter table "events"."registration" drop constraint "registration_event_id_foreign";`);

    this.addSql(`alter table "events"."feedback" drop constraint "feedback_event_id_foreign";`);

    this.addSql(`alter table "events"."sustainability_checklist" drop constraint "sustainability_checklist_event_id_foreign";`);

    this.addSql(`alter table "events"."feedback" drop constraint "feedback_registration_id_foreign";`);

    this.addSql(`drop table if exists "events"."audit_record" cascade;`);

    this.addSql(`drop table if exists "events"."forum_edition" cascade;`);

    this.addSql(`drop table if exists "events"."event" cascade;`);

    this.addSql(`drop table if exists "events"."registration" cascade;`);

    this.addSql(`drop table if exists "events"."feedback" cascade;`);

    this.addSql(`drop table if exists "events"."seed_run" cascade;`);

    this.addSql(`drop table if exists "events"."sustainability_checklist" cascade;`);

    this.addSql(`drop schema if exists "events";`);
  }

}
