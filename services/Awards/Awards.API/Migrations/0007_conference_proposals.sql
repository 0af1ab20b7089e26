-- Proposals that come from a review conference (hội nghị sơ kết, tổng kết, reporting's ConferenceCommendationsProposed):
-- the call remembers the conference it came from, and each recipient the achievement the organization stated for them.
ALTER TABLE proposal_calls ADD COLUMN conference_id uuid NULL UNIQUE;
ALTER TABLE proposal_recipients ADD COLUMN achievement text NULL;
