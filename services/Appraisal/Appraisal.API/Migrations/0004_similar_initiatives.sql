-- Sáng kiến tương tự: every initiative registered anywhere (any year, any province), kept so that a council can
-- see the earlier initiatives most like the one before it, judge its novelty and spot a duplicate.
-- pg_trgm ships in Debian's postgresql-15 package and is a trusted extension: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- title_key / summary_key are VietnameseText.SearchKey of the text (folded, lower case, words one space apart),
-- written in C# so that there is one folding for every service. NULL only for rows copied below from
-- intake_records until SimilarityCorpusKeys (a start-up seeder) writes them.
CREATE TABLE similarity_corpus (
    initiative_id uuid        PRIMARY KEY,
    campaign_id   uuid        NOT NULL,
    title         text        NOT NULL,
    summary       text        NULL,
    title_key     text        NULL,
    summary_key   text        NULL,
    kind          text        NOT NULL,
    province_code text        NOT NULL,
    commune_code  text        NOT NULL,
    registered_at timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Nearest titles first: a GiST trigram index walked by distance (title_key <-> key) stops after the candidates it
-- needs. A 64-byte signature instead of the default 12: titles of 60 to 120 characters set most bits of a short
-- one, and the walk then cannot tell subtrees apart (docs/benchmarks.md has the numbers).
CREATE INDEX similarity_corpus_title_trgm ON similarity_corpus USING gist (title_key gist_trgm_ops (siglen = 64));

-- Rows still waiting for their keys: the seeder finds them without reading the corpus.
CREATE INDEX similarity_corpus_unkeyed ON similarity_corpus (initiative_id) WHERE title_key IS NULL;

-- Initiatives registered before this migration: intake_records holds all of them but not their summaries.
INSERT INTO similarity_corpus (initiative_id, campaign_id, title, kind, province_code, commune_code, registered_at)
SELECT initiative_id, campaign_id, title, kind, province_code, commune_code, registered_at FROM intake_records
ON CONFLICT (initiative_id) DO NOTHING;
