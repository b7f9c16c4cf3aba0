-- Every sign-in attempt, kept 180 days: the sign-in log (登录日志) and the
-- state of login throttling, which several app servers share and a restart
-- keeps. `at_s` is `at` in Unix seconds, for the throttle's arithmetic.
-- `cleared` marks failures an admin has forgiven (unlock).
CREATE TABLE login_attempt (
  id {{id}},
  at TEXT NOT NULL,
  at_s BIGINT NOT NULL,
  username {{text_c}} NOT NULL,
  address {{text_c}} NOT NULL,
  ok INTEGER NOT NULL,
  cleared INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_attempt_pair ON login_attempt(username, address, at_s);
CREATE INDEX login_attempt_user ON login_attempt(username, at_s);
CREATE INDEX login_attempt_address ON login_attempt(address, at_s);
CREATE INDEX login_attempt_at ON login_attempt(at_s);
