-- A stand-in service's own tables: a state change (orders) and a consumer's effect (effects).
CREATE TABLE orders (id uuid PRIMARY KEY, note text NOT NULL);
CREATE TABLE effects (event_id uuid PRIMARY KEY, note text NOT NULL, trace_id text NULL, applied_at timestamptz NOT NULL DEFAULT now());
