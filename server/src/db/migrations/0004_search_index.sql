-- The registry's search index: one row per suffix of the tokens of a record's
-- name (text::SearchTokens: the name, its full pinyin from each syllable, its
-- initials), so that "contains the query" is a range scan on (kind, token)
-- instead of `search_text LIKE '%q%'` over the whole table. Kinds: 1 person,
-- 2 organization, 3 enterprise. Filled for existing records by the registry's
-- data step for this migration (`shuanglun init` runs it; `shuanglun reindex`
-- rebuilds it).
CREATE TABLE search_token (
  kind INTEGER NOT NULL,
  token {{text_c}} NOT NULL,
  record_id BIGINT NOT NULL,
  PRIMARY KEY (kind, token, record_id)
){{without_rowid}};
