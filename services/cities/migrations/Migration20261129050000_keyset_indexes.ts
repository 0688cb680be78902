import { Migration } from '@mikro-orm/migrations';

/** Indexes on (parent, sort keys) and on every offered sort order, so pages and per-parent counts read an index. */
export class Migration20261129050000_keyset_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "city_lower_name_id_index" on "cities"."city" (lower("name"), "id");`);
    this.addSql(`create index "city_country_lower_name_id_index" on "cities"."city" ("country", lower("name"), "id");`);
    this.addSql(`create index "city_declared_id_index" on "cities"."city" ((coalesce(coalesce("declared_on", make_date("declared_in", 1, 1)), '0001-01-01'::date)), "id");`);
    this.addSql(`create index "city_population_id_index" on "cities"."city" ((coalesce("population", -1)), "id");`);
    this.addSql(`create index "organization_lower_name_id_index" on "cities"."organization" (lower("name"), "id");`);
    this.addSql(`create index "policy_adopted_id_index" on "cities"."policy" ((coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id");`);
    this.addSql(`create index "policy_lower_title_id_index" on "cities"."policy" (lower("title"), "id");`);
    this.addSql(`create index "policy_updated_at_id_index" on "cities"."policy" ("updated_at", "id");`);
    this.addSql(`create index "policy_city_adopted_id_index" on "cities"."policy" ("city_id", (coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id");`);
    this.addSql(`create index "policy_contributed_by_adopted_id_index" on "cities"."policy" ("contributed_by", (coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id");`);
    this.addSql(`create index "policy_city_lower_title_id_index" on "cities"."policy" ("city_id", lower("title"), "id");`);
    this.addSql(`create index "policy_city_id_updated_at_id_index" on "cities"."policy" ("city_id", "updated_at", "id");`);
    this.addSql(`create index "policy_contributed_by_lower_title_id_index" on "cities"."policy" ("contributed_by", lower("title"), "id");`);
    this.addSql(`create index "policy_contributed_by_updated_at_id_index" on "cities"."policy" ("contributed_by", "updated_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "cities"."city_lower_name_id_index";`);
    this.addSql(`drop index "cities"."city_country_lower_name_id_index";`);
    this.addSql(`drop index "cities"."city_declared_id_index";`);
    this.addSql(`drop index "cities"."city_population_id_index";`);
    this.addSql(`drop index "cities"."organization_lower_name_id_index";`);
    this.addSql(`drop index "cities"."policy_adopted_id_index";`);
    this.addSql(`drop index "cities"."policy_lower_title_id_index";`);
    this.addSql(`drop index "cities"."policy_updated_at_id_index";`);
    this.addSql(`drop index "cities"."policy_city_adopted_id_index";`);
    this.addSql(`drop index "cities"."policy_contributed_by_adopted_id_index";`);
    this.addSql(`drop index "cities"."policy_city_lower_title_id_index";`);
    this.addSql(`drop index "cities"."policy_city_id_updated_at_id_index";`);
    this.addSql(`drop index "cities"."policy_contributed_by_lower_title_id_index";`);
    this.addSql(`drop index "cities"."policy_contributed_by_updated_at_id_index";`);
  }

}
