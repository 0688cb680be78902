/**
 * SQL that makes a schema's audit trail append-only in the database itself, so not even a bug in a service (or a
 * hand-written query) can change or remove the record of who did what.
 */
export function auditAppendOnlySql(schema: string): string[] {
  return [
    `create or replace function "${schema}".audit_record_is_append_only() returns trigger language plpgsql as $$
     begin
       raise exception 'audit records are append-only' using errcode = 'insufficient_privilege';
     end $$;`,
    `create trigger audit_record_no_update_or_delete before update or delete on "${schema}"."audit_record"
       for each row execute function "${schema}".audit_record_is_append_only();`,
    `create trigger audit_record_no_truncate before truncate on "${schema}"."audit_record"
       for each statement execute function "${schema}".audit_record_is_append_only();`,
  ];
}

export function dropAuditAppendOnlySql(schema: string): string[] {
  return [
    `drop trigger if exists audit_record_no_truncate on "${schema}"."audit_record";`,
    `drop trigger if exists audit_record_no_update_or_delete on "${schema}"."audit_record";`,
    `drop function if exists "${schema}".audit_record_is_append_only();`,
  ];
}
