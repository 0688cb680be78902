import { Migration } from '@mikro-orm/migrations';

export class Migration20261129053029_un_linkages extends Migration {

  override async up(): Promise<void> {
    // Existing rows get empty lists; new rows always name theirs, as the entities do.
    this.addSql(`alter table "cities"."indicator" add column "sdg_targets" text[] not null default '{}';`);
    this.addSql(`alter table "cities"."indicator" alter column "sdg_targets" drop default;`);

    this.addSql(`alter table "cities"."policy" add column "sdg_targets" text[] not null default '{}', add column "un_recommendations" jsonb not null default '[]';`);
    this.addSql(`alter table "cities"."policy" alter column "sdg_targets" drop default, alter column "un_recommendations" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."indicator" drop column "sdg_targets";`);

    this.addSql(`alter table "cities"."policy" drop column "sdg_targets", drop column "un_recommendations";`);
  }

}
