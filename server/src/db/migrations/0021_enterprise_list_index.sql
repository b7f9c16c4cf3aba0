-- A list of enterprises under a region reads its page's ids and its count
-- from this index alone (store::PageRows with keys): with deleted_at in it,
-- no enterprise row is read for one not shown (issue 17).
DROP INDEX enterprise_path;
CREATE INDEX enterprise_path ON enterprise(region_path, sort_key, deleted_at);
