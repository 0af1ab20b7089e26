-- The fingerprint of the request that first used an Idempotency-Key: a retry must carry the same
-- registration; a different one under the same key is refused rather than silently answered with the first.
ALTER TABLE initiatives ADD COLUMN idempotency_fingerprint text NULL;
