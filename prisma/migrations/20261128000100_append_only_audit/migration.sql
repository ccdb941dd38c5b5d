-- The history of a report and the audit trail are append-only (code of ethics: every action is
-- recorded and cannot be edited afterwards). Prisma does not model triggers; this migration is
-- written by hand and the schema diff ignores it.
CREATE OR REPLACE FUNCTION penghubung_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER report_event_append_only
  BEFORE UPDATE OR DELETE ON "report_event"
  FOR EACH ROW EXECUTE FUNCTION penghubung_reject_change();

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION penghubung_reject_change();

-- TRUNCATE bypasses row triggers; refuse it too.
CREATE TRIGGER report_event_no_truncate
  BEFORE TRUNCATE ON "report_event"
  FOR EACH STATEMENT EXECUTE FUNCTION penghubung_reject_change();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION penghubung_reject_change();
