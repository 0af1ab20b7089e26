-- Letters about a person's account (confirm the e-mail, reset the password, an invitation) go out by e-mail only:
-- they belong to no in-app notice, and a person who has no account yet has no inbox.
ALTER TABLE email_deliveries ALTER COLUMN notification_id DROP NOT NULL;
