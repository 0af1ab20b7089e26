-- Zalo OA tokens: the access token in use and the refresh token that renews it. Zalo's refresh tokens are single-use
-- (each refresh answers the next one), so the current one lives here, shared by every replica, and is replaced in the
-- same transaction that holds the refresh lock: one row, one refresh at a time.
CREATE TABLE zalo_tokens (
    id            integer     PRIMARY KEY CHECK (id = 1),
    access_token  text        NOT NULL,
    refresh_token text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    refreshed_at  timestamptz NOT NULL DEFAULT now()
);
