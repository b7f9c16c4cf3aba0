-- The regions of one level under a subtree (the towns of a province: the
-- units of a stored report, the rows of its towns table) were read through
-- region_path, i.e. every village and group of the province checked one by
-- one (194,000 rows for Hunan's 2,008 towns): 80 ms of a province's
-- compliance answer (BENCHMARKS.md, issue 17).
CREATE INDEX region_level_path ON region(level, path);
