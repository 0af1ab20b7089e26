-- Rút sáng kiến: the author withdrew the initiative in registration. Its open cases close ('withdrawn', with when and
-- why), every act on them is refused, and no case is opened for it afterwards (a dossier event arriving late, a
-- council set up later).
ALTER TABLE appraisal_cases DROP CONSTRAINT appraisal_cases_state_check;
ALTER TABLE appraisal_cases ADD CONSTRAINT appraisal_cases_state_check
    CHECK (state IN ('screening', 'admitted', 'returned', 'rejected', 'decided', 'withdrawn'));
ALTER TABLE appraisal_cases
    ADD COLUMN withdrawn_at      timestamptz NULL,
    ADD COLUMN withdrawal_reason text        NULL;

CREATE TABLE withdrawn_initiatives (
    initiative_id   uuid        PRIMARY KEY,
    withdrawn_at    timestamptz NOT NULL,
    reason          text        NOT NULL,
    withdrawn_by    text        NOT NULL,
    source_event_id uuid        NOT NULL
);

-- Sáng kiến tương tự shows only initiatives submitted to a council or recognized (docs/decisions/0008): the corpus
-- keeps each initiative's stage, derived from appraisal's own records so that the events' order does not matter.
ALTER TABLE similarity_corpus ADD COLUMN stage text NOT NULL DEFAULT 'registered'
    CHECK (stage IN ('registered', 'submitted', 'recognized', 'withdrawn'));
UPDATE similarity_corpus c SET stage = 'submitted'
WHERE EXISTS (SELECT 1 FROM received_dossiers r WHERE r.initiative_id = c.initiative_id);
UPDATE similarity_corpus c SET stage = 'recognized'
WHERE EXISTS (SELECT 1 FROM appraisal_cases a WHERE a.initiative_id = c.initiative_id AND a.state = 'decided' AND a.recognized);

-- The nearest-title walk only ever looks at visible rows: the index holds just those, so the walk does not step over
-- registrations that were never submitted.
DROP INDEX similarity_corpus_title_trgm;
CREATE INDEX similarity_corpus_title_trgm ON similarity_corpus USING gist (title_key gist_trgm_ops (siglen = 64))
    WHERE stage IN ('submitted', 'recognized');
