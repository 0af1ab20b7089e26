-- Read model built from registration events: initiatives registered per campaign and commune.
-- Province totals are sums over their communes, so the hierarchy stays data.
CREATE TABLE initiative_counts (
    campaign_id   uuid    NOT NULL,
    province_code text    NOT NULL,
    commune_code  text    NOT NULL,
    registered    bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, province_code, commune_code)
);
