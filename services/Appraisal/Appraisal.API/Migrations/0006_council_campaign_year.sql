-- The year of the council's campaign, as registration holds it when the council is set up: a nomination goes to the
-- level above's council of the same campaign, or of another campaign of the same year (a province's campaign
-- nominates to the centre's national one), never to last year's. Councils set up before this column keep NULL and
-- are found only by their own campaign.
ALTER TABLE councils ADD COLUMN campaign_year integer NULL CHECK (campaign_year BETWEEN 2000 AND 2100);
