import { Migration } from '@mikro-orm/migrations';

export class Migration20261127160149_policy_array_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "policy_themes_gin" on "cities"."policy" using gin ("themes");`);
    this.addSql(`create index "policy_sdgs_gin" on "cities"."policy" using gin ("sdgs");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "cities"."policy_themes_gin";`);
    this.addSql(`drop index "cities"."policy_sdgs_gin";`);
  }

}
