-- One case per initiative and campaign at the level it entered (cases nominated from below are the others): a resubmission
-- or a re-sent event can then never open a second case in another council, whatever councils are set up meanwhile.
CREATE UNIQUE INDEX appraisal_cases_one_per_initiative ON appraisal_cases (campaign_id, initiative_id) WHERE nominated_from_case_id IS NULL;
