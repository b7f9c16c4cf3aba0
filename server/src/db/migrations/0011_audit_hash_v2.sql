-- Audit rows written from now on hash every stored field (hash_v 2: the
-- username and region path too); older rows keep the hash they were written
-- with (hash_v 1), which `audit verify` still checks.
ALTER TABLE audit ADD COLUMN hash_v INTEGER NOT NULL DEFAULT 1;
