import { Migration } from '@mikro-orm/migrations';

export class Migration20261129103843_covering_count_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "cities"."policy_city_adopted_id_index";`);
    this.addSql(`drop index "cities"."policy_contributed_by_adopted_id_index";`);

    this.addSql(`create index "policy_contributed_by_adopted_id_covering_index" on "cities"."policy" ("contributed_by", (coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id") include ("status");`);
    this.addSql(`create index "policy_city_adopted_id_covering_index" on "cities"."policy" ("city_id", (coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id") include ("status", "contributed_by");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "cities"."policy_contributed_by_adopted_id_covering_index";`);
    this.addSql(`drop index "cities"."policy_city_adopted_id_covering_index";`);

    this.addSql(`CREATE INDEX policy_city_adopted_id_index ON cities.policy USING btree (city_id, COALESCE(adopted_on, make_date(adopted_in, 1, 1), '0001-01-01'::date), id);`);
    this.addSql(`CREATE INDEX policy_contributed_by_adopted_id_index ON cities.policy USING btree (contributed_by, COALESCE(adopted_on, make_date(adopted_in, 1, 1), '0001-01-01'::date), id);`);
  }

}
