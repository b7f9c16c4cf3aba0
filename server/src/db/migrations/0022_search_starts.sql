-- A broad search (one letter, a common surname) walks a list's order and
-- tests each record instead of gathering every index row that starts with the
-- query: search_text gains the starts of the record's index rows (data step:
-- store::SearchIndexMigrationSteps). A list of people under a region reads
-- its page's ids and its count from this index alone, as enterprises do
-- since migration 21.
DROP INDEX person_path;
CREATE INDEX person_path ON person(region_path, sort_key, deleted_at);
