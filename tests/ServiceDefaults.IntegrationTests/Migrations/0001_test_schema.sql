-- A stand-in service's own tables: a state change (orders) and a consumer's effect (effects).
CREATE TABLE orders (id uuid PRIMARY KEY, note text NOT NULL);
-- No unique key on event_id on purpose: only the inbox may stop a second effect.
CREATE TABLE effects (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL, note text NOT NULL, trace_id text NULL, applied_at timestamptz NOT NULL DEFAULT now());
