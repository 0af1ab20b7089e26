-- The account audit trail cannot be edited: no UPDATE, DELETE or TRUNCATE, whoever asks (issue: "an audit trail that cannot be edited").
CREATE FUNCTION account_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'account_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER account_audit_no_update_delete BEFORE UPDATE OR DELETE ON account_audit
    FOR EACH ROW EXECUTE FUNCTION account_audit_refuse_change();
CREATE TRIGGER account_audit_no_truncate BEFORE TRUNCATE ON account_audit
    FOR EACH STATEMENT EXECUTE FUNCTION account_audit_refuse_change();
