-- A delivery is claimed with a lease ('sending' until lease_until) and sent outside any transaction,
-- so a crash or a restart never rolls back the record of a mail the SMTP server already accepted; a
-- lease that expires (the sender died mid-send) makes the delivery due again.
ALTER TABLE email_deliveries DROP CONSTRAINT email_deliveries_status_check;
ALTER TABLE email_deliveries ADD CONSTRAINT email_deliveries_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
ALTER TABLE email_deliveries ADD COLUMN lease_until timestamptz NULL;
CREATE INDEX email_deliveries_leased ON email_deliveries (lease_until) WHERE status = 'sending';
