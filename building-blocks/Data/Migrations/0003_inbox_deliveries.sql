-- How many times each consumer was handed the message: 1 when it was delivered once, more when a redelivery was
-- recognized and ignored. The evidence that a duplicate arrived and changed nothing (tests wait on it instead of
-- sleeping; operators see which events were redelivered).
ALTER TABLE inbox_messages ADD COLUMN deliveries integer NOT NULL DEFAULT 1;
