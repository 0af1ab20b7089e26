-- Certificates' seals and their public log (issue 12, capability 5).

-- Each issuing body's ES256 keys. The current key (retired_at NULL) seals new certificates; a rotated key is retired,
-- never deleted: it stays in the published trust list so that the certificates it sealed keep verifying.
-- body_name is the body's name when the key was made (the trust list shows the newest).
CREATE TABLE certificate_issuer_keys (
    kid          text        PRIMARY KEY,
    body_key     text        NOT NULL,
    body_name    text        NOT NULL,
    -- SubjectPublicKeyInfo (DER) of the P-256 public key; the kid is derived from it.
    public_key   bytea       NOT NULL,
    -- PKCS#8 (DER) private key. Only this service's database role reads it.
    private_key  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    activates_at timestamptz NOT NULL,
    retired_at   timestamptz,
    CHECK (retired_at IS NULL OR retired_at >= activates_at)
);

-- At most one current key per body: two replicas creating a body's first key cannot both succeed.
CREATE UNIQUE INDEX certificate_issuer_keys_current ON certificate_issuer_keys (body_key) WHERE retired_at IS NULL;

-- A key is never deleted nor altered; the only change is its retirement, once.
CREATE FUNCTION certificate_issuer_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.retired_at IS NULL AND NEW.retired_at IS NOT NULL
       AND (NEW.kid, NEW.body_key, NEW.body_name, NEW.public_key, NEW.private_key, NEW.created_at, NEW.activates_at)
           IS NOT DISTINCT FROM (OLD.kid, OLD.body_key, OLD.body_name, OLD.public_key, OLD.private_key, OLD.created_at, OLD.activates_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'certificate_issuer_keys: % refused (a key is only ever retired)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER certificate_issuer_keys_guard BEFORE UPDATE OR DELETE ON certificate_issuer_keys
    FOR EACH ROW EXECUTE FUNCTION certificate_issuer_keys_guard();
CREATE TRIGGER certificate_issuer_keys_no_truncate BEFORE TRUNCATE ON certificate_issuer_keys
    FOR EACH STATEMENT EXECUTE FUNCTION certificate_issuer_keys_guard();

-- The transparency log: every certificate issued, revoked or superseded, in order, each entry chaining the previous
-- one's hash (the formula is in Awards.Certificates.Seal/CertificateLogChain.cs). Appended under an advisory lock, so
-- seq has no gap and the chain no fork; published at GET /api/v1/certificates/log.
CREATE TABLE certificate_log (
    seq              bigint      PRIMARY KEY CHECK (seq > 0),
    kind             text        NOT NULL CHECK (kind IN ('issued', 'revoked', 'superseded')),
    certificate_code text        NOT NULL,
    decision_number  text        NOT NULL,
    body_key         text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    prev_hash        text        NOT NULL,
    entry_hash       text        NOT NULL UNIQUE
);

CREATE INDEX certificate_log_code ON certificate_log (certificate_code);

-- Append-only, whoever asks: no UPDATE, DELETE or TRUNCATE.
-- The service's one refusal (0003), naming the table and the operation.

CREATE TRIGGER certificate_log_no_update_delete BEFORE UPDATE OR DELETE ON certificate_log
    FOR EACH ROW EXECUTE FUNCTION awards_refuse_change();
CREATE TRIGGER certificate_log_no_truncate BEFORE TRUNCATE ON certificate_log
    FOR EACH STATEMENT EXECUTE FUNCTION awards_refuse_change();
