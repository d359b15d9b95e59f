-- State that used to live in one server's memory, so a restart or a second server sees it too.

-- Staff API tokens: only the scrypt hash of the secret part is stored.
CREATE TABLE staff_tokens (
  token_id    text PRIMARY KEY,
  label       text NOT NULL,
  scope       text NOT NULL CHECK (scope IN ('counter', 'librarian', 'admin')),
  secret_hash text NOT NULL,
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);

-- Member PINs: the hash, the recent wrong attempts (inside the lockout window) and the lock they caused.
-- Attempts are counted by one UPDATE each, so servers sharing the database lock a card at the same count.
CREATE TABLE member_pins (
  member_id    text PRIMARY KEY,
  pin_hash     text NOT NULL,
  failures     timestamptz[] NOT NULL DEFAULT '{}',
  locked_until timestamptz
);

-- Idempotency-Key records: claimed by an INSERT … ON CONFLICT before the request runs, answered after.
CREATE TABLE idempotency_records (
  key          text PRIMARY KEY,
  claimant     text NOT NULL,
  fingerprint  text NOT NULL,
  lease_until  timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  -- the answer ({status, body}) once there is one; json, not jsonb, so a replay keeps the first answer's key order
  response     json
);
CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);

-- Branch calendars saved at run time (they take the place of the policy's) and their closures.
CREATE TABLE branch_calendars (
  branch        text PRIMARY KEY,
  time_zone     text NOT NULL,
  opening_hours jsonb
);
CREATE TABLE branch_closures (
  position  bigserial PRIMARY KEY,
  branch    text NOT NULL REFERENCES branch_calendars (branch),
  from_date date NOT NULL,
  to_date   date NOT NULL CHECK (to_date >= from_date),
  kind      text NOT NULL CHECK (kind IN ('HOLIDAY', 'EMERGENCY')),
  reason    text NOT NULL,
  UNIQUE (branch, from_date, to_date, kind, reason)
);

-- Who acted, readably: a staff token's label next to its id.
ALTER TABLE audit ADD COLUMN actor_label text;
