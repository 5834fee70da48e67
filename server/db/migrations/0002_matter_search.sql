-- Full-text search over the matter list (issue 3). The text is normalised in the application
-- (opencc-js: traditional → simplified, then NFKC and lower case, see
-- server/modules/matters/search-text.ts), because PostgreSQL has no simplified/traditional mapping;
-- the query normalises the search term the same way and matches with LIKE '%term%'.
-- pg_trgm ships with both the embedded PostgreSQL 18 and Debian's postgresql-15, and is a trusted
-- extension (PG 13+), so a database owner without superuser may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Content, case number and location address only: never the contact's personal data.
-- NULL means "not yet normalised": rows from before this migration are filled at start-up
-- (backfillMatterSearchText, called from prepareContext), as the mapping lives in JavaScript.
ALTER TABLE matters ADD COLUMN search_text text;

CREATE INDEX matters_search_text_trgm ON matters USING gin (search_text gin_trgm_ops);
