-- Search: finer statistics on the search document, so that a rare word is estimated as rare.
--
-- The list sorts by id and stops after a page, so PostgreSQL chooses between walking the primary key
-- backwards and filtering each row (cheap when many rows match) and the GIN index followed by a sort
-- (cheap when few match). For a word that is not among the document's most common elements it assumes
-- half the frequency of the least common one it tracks: with the default statistics target (100) that
-- was 0.2 % of the rows (2,200 of a million) for a word found in 34, or in none (a typing mistake), so it
-- walked the whole primary key: 1.2 to 2.6 s per page at a million initiatives (docs/benchmarks.md).
-- Ten times the target keeps ten times the elements and brings that assumption down about tenfold
-- (230 rows): such words then go through the GIN index, under a millisecond. Costs: ANALYZE samples
-- 300,000 rows instead of 30,000 (about 3 s for this column at a million rows on a busy 2-core machine).
ALTER TABLE initiatives ALTER COLUMN search_document SET STATISTICS 1000;
ANALYZE initiatives (search_document);
