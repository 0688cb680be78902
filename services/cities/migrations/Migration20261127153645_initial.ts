import { Migration } from '@mikro-orm/migrations';

export class Migration20261127153645_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "cities";`);
    this.addSql(`create table "cities"."audit_record" ("id" bigserial primary key, "occurred_at" timestamptz not null, "actor_subject" text null, "actor_organization_id" uuid null, "actor_roles" text[] not null, "action" text not null, "entity_type" text not null, "entity_id" text not null, "before" jsonb null, "after" jsonb null, "request_id" text not null);`);
    this.addSql(`create index "audit_record_entity_type_entity_id_index" on "cities"."audit_record" ("entity_type", "entity_id");`);

    this.addSql(`create table "cities"."city" ("id" uuid not null, "slug" text not null, "name" text not null, "name_translations" jsonb not null, "country" char(2) not null, "region" text check ("region" in ('AFRICA', 'AMERICAS', 'ASIA', 'EUROPE', 'OCEANIA')) not null, "population" int null, "latitude" double precision null, "longitude" double precision null, "declared_on" date null, "declared_in" int null, "mechanisms" jsonb not null, "memberships" jsonb not null, "website" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "city_pkey" primary key ("id"));`);
    this.addSql(`alter table "cities"."city" add constraint "city_slug_unique" unique ("slug");`);
    this.addSql(`create index "city_name_index" on "cities"."city" ("name");`);
    this.addSql(`create index "city_country_index" on "cities"."city" ("country");`);
    this.addSql(`create index "city_region_index" on "cities"."city" ("region");`);

    this.addSql(`create table "cities"."indicator" ("id" uuid not null, "code" text not null, "name" text not null, "name_translations" jsonb not null, "description" text not null, "theme" text check ("theme" in ('SPATIAL', 'SOCIAL', 'CULTURAL', 'ECONOMIC', 'POLITICAL')) not null, "type" text check ("type" in ('STRUCTURAL', 'PROCESS', 'OUTCOME')) not null, "unit" text not null, "direction" text check ("direction" in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')) not null, constraint "indicator_pkey" primary key ("id"));`);
    this.addSql(`alter table "cities"."indicator" add constraint "indicator_code_unique" unique ("code");`);
    this.addSql(`create index "indicator_theme_index" on "cities"."indicator" ("theme");`);

    this.addSql(`create table "cities"."indicator_value" ("id" uuid not null, "status" text check ("status" in ('SUBMITTED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')) not null default 'SUBMITTED', "contributed_by" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "indicator_id" uuid not null, "city_id" uuid not null, "year" int not null, "value" double precision not null, "source" text not null, constraint "indicator_value_pkey" primary key ("id"));`);
    this.addSql(`create index "indicator_value_status_index" on "cities"."indicator_value" ("status");`);
    this.addSql(`create index "indicator_value_contributed_by_index" on "cities"."indicator_value" ("contributed_by");`);
    this.addSql(`create index "indicator_value_city_id_index" on "cities"."indicator_value" ("city_id");`);
    this.addSql(`alter table "cities"."indicator_value" add constraint "indicator_value_indicator_id_city_id_year_unique" unique ("indicator_id", "city_id", "year");`);

    this.addSql(`create table "cities"."organization" ("id" uuid not null, "slug" text not null, "name" text not null, "name_translations" jsonb not null, "kind" text check ("kind" in ('CITY_GOVERNMENT', 'NGO', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'UN_AGENCY', 'CITY_NETWORK', 'NATIONAL_HUMAN_RIGHTS_INSTITUTION', 'FORUM_SECRETARIAT', 'OTHER')) not null, "home_city_id" uuid null, "country" char(2) not null, "website" text null, "contact_email" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "cities"."organization" add constraint "organization_slug_unique" unique ("slug");`);
    this.addSql(`create index "organization_name_index" on "cities"."organization" ("name");`);
    this.addSql(`create index "organization_kind_index" on "cities"."organization" ("kind");`);
    this.addSql(`create index "organization_home_city_id_index" on "cities"."organization" ("home_city_id");`);

    this.addSql(`create table "cities"."policy" ("id" uuid not null, "status" text check ("status" in ('SUBMITTED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')) not null default 'SUBMITTED', "contributed_by" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "city_id" uuid not null, "title" text not null, "title_translations" jsonb not null, "summary" text not null, "summary_translations" jsonb not null, "themes" text[] not null, "sdgs" smallint[] not null, "adopted_on" date null, "adopted_in" int null, "stage" text check ("stage" in ('PROPOSED', 'ADOPTED', 'IMPLEMENTED', 'EVALUATED')) not null default 'ADOPTED', "source_url" text null, "search_vector" tsvector null, constraint "policy_pkey" primary key ("id"));`);
    this.addSql(`create index "policy_status_index" on "cities"."policy" ("status");`);
    this.addSql(`create index "policy_contributed_by_index" on "cities"."policy" ("contributed_by");`);
    this.addSql(`create index "policy_city_id_index" on "cities"."policy" ("city_id");`);
    this.addSql(`create index "policy_search_vector_index" on "cities"."policy" using gin("search_vector");`);

    this.addSql(`create table "cities"."seed_run" ("name" text not null, "applied_at" timestamptz not null, constraint "seed_run_pkey" primary key ("name"));`);

    this.addSql(`alter table "cities"."indicator_value" add constraint "indicator_value_indicator_id_foreign" foreign key ("indicator_id") references "cities"."indicator" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "cities"."indicator_value" add constraint "indicator_value_city_id_foreign" foreign key ("city_id") references "cities"."city" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "cities"."organization" add constraint "organization_home_city_id_foreign" foreign key ("home_city_id") references "cities"."city" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "cities"."policy" add constraint "policy_city_id_foreign" foreign key ("city_id") references "cities"."city" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" drop constraint "indicator_value_city_id_foreign";`);

    this.addSql(`alter table "cities"."organization" drop constraint "organization_home_city_id_foreign";`);

    this.addSql(`alter table "cities"."policy" drop constraint "policy_city_id_foreign";`);

    this.addSql(`alter table "cities"."indicator_value" drop constraint "indicator_value_indicator_id_foreign";`);

    this.addSql(`drop table if exists "cities"."audit_record" cascade;`);

    this.addSql(`drop table if exists "cities"."city" cascade;`);

    this.addSql(`drop table if exists "cities"."indicator" cascade;`);

    this.addSql(`drop table if exists "cities"."indicator_value" cascade;`);

    this.addSql(`drop table if exists "cities"."organization" cascade;`);

    this.addSql(`drop table if exists "cities"."policy" cascade;`);

    this.addSql(`drop table if exists "cities"."seed_run" cascade;`);

    this.addSql(`drop schema if exists "cities";`);
  }

}
