-- Long work (imports) runs as a job in the background: its state, progress
-- and result are kept here, so that any app server answers for it and a
-- restart finds what was under way. `worker` names the process running it
-- ("host pid nonce"); `heartbeat_s` (Unix seconds) says it is alive.
CREATE TABLE job (
  id {{id}},
  kind {{text_c}} NOT NULL,
  subject {{text_c}} NOT NULL,
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  username TEXT NOT NULL,
  lang TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  dry_run INTEGER NOT NULL DEFAULT 0,
  state {{text_c}} NOT NULL,
  rows_total BIGINT NOT NULL DEFAULT 0,
  rows_done BIGINT NOT NULL DEFAULT 0,
  result TEXT,
  failure TEXT,
  worker TEXT NOT NULL,
  heartbeat_s BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX job_user ON job(user_id, id);
CREATE INDEX job_state ON job(state);

-- What takes back each committed chunk of an import job until the job is
-- done: the records it created and the rows of those it changed (JSON).
CREATE TABLE job_undo (
  job_id BIGINT NOT NULL REFERENCES job(id),
  chunk BIGINT NOT NULL,
  steps TEXT NOT NULL,
  PRIMARY KEY (job_id, chunk)
);
