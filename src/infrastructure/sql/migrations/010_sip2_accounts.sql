-- SIP2 logins of self-check kiosks and sorters: the scrypt hash of the password, the branch the device stands in,
-- and the two-character command codes it may send (login and resend are always allowed).
CREATE TABLE sip2_accounts (
  login_user       text PRIMARY KEY,
  password_hash    text NOT NULL,
  location         text NOT NULL,
  allowed_messages text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL
);
