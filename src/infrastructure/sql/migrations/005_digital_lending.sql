-- Digital lending: e-book license pools, digital loans, the loan-token revocation list, and holds that
-- name the format they accept. Reservations written before this migration read as PRINT holds.

-- One row per digital copy: the pool is one aggregate, saved under its optimistic version on every borrow.
CREATE TABLE digital_copies (
  copy_id          text PRIMARY KEY,
  version          integer NOT NULL CHECK (version > 0),
  isbn             varchar(13) NOT NULL REFERENCES books (isbn) DEFERRABLE INITIALLY DEFERRED,
  format           text NOT NULL CHECK (format IN ('EPUB', 'PDF', 'MOBI', 'AUDIOBOOK')),
  file_key         text NOT NULL CHECK (length(file_key) BETWEEN 1 AND 1024),
  drm              text NOT NULL CHECK (drm IN ('LOAN_TOKEN', 'NONE', 'ADOBE')),
  -- Concurrent licenses bought; NULL for unlimited (simultaneous-use) access.
  total_licenses   integer CHECK (total_licenses > 0),
  -- {checkoutsLeft, expiresAt, unlimitedAccess}
  terms            jsonb NOT NULL,
  -- [{loanId, memberId, dueAt}]: one per license lent
  leases           jsonb NOT NULL DEFAULT '[]',
  -- [{reservationId, memberId, expiresAt}]: one per license set aside for the queue head
  offers           jsonb NOT NULL DEFAULT '[]',
  -- The earliest claim deadline among the offers (NULL without offers): what the lapsed-offer sweep looks up.
  offers_expire_at timestamptz,
  CONSTRAINT digital_copies_terms_shape CHECK (
    jsonb_typeof(terms) = 'object'
    AND jsonb_typeof(terms -> 'unlimitedAccess') = 'boolean'
    AND jsonb_typeof(terms -> 'checkoutsLeft') IN ('null', 'number')
    AND jsonb_typeof(terms -> 'expiresAt') IN ('null', 'string')
  ),
  CONSTRAINT digital_copies_checkouts_left CHECK (coalesce((terms ->> 'checkoutsLeft')::integer, 0) >= 0),
  -- Unlimited access is exactly the absence of a license count.
  CONSTRAINT digital_copies_unlimited_has_no_count CHECK ((total_licenses IS NULL) = (terms ->> 'unlimitedAccess')::boolean),
  CONSTRAINT digital_copies_lists CHECK (jsonb_typeof(leases) = 'array' AND jsonb_typeof(offers) = 'array'),
  -- Never more licenses lent or promised than were bought, whatever the application does.
  CONSTRAINT digital_copies_never_oversold CHECK (
    total_licenses IS NULL
    OR (CASE WHEN jsonb_typeof(leases) = 'array' AND jsonb_typeof(offers) = 'array'
          THEN jsonb_array_length(leases) + jsonb_array_length(offers) <= total_licenses
        END)
  ),
  CONSTRAINT digital_copies_offer_deadline CHECK ((offers_expire_at IS NULL) = (offers = '[]'::jsonb))
);
CREATE INDEX digital_copies_isbn ON digital_copies (isbn, copy_id COLLATE "C");
CREATE INDEX digital_copies_offer_deadline ON digital_copies (offers_expire_at) WHERE offers_expire_at IS NOT NULL;

CREATE TABLE digital_loans (
  id                  text PRIMARY KEY,
  version             integer NOT NULL CHECK (version > 0),
  copy_id             text NOT NULL REFERENCES digital_copies (copy_id) DEFERRABLE INITIALLY DEFERRED,
  isbn                varchar(13) NOT NULL,
  member_id           text NOT NULL REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
  format              text NOT NULL CHECK (format IN ('EPUB', 'PDF', 'MOBI', 'AUDIOBOOK')),
  status              text NOT NULL CHECK (status IN ('ACTIVE', 'RETURNED', 'EXPIRED', 'REVOKED')),
  borrowed_at         timestamptz NOT NULL,
  due_at              timestamptz NOT NULL CHECK (due_at >= borrowed_at),
  ended_at            timestamptz CHECK (ended_at >= borrowed_at),
  renewals            integer NOT NULL CHECK (renewals >= 0),
  -- The `jti` of the loan token currently valid for the loan; the token itself is never stored.
  token_id            text,
  counts_toward_limit boolean NOT NULL,
  -- An active loan has not ended; every other one has.
  CHECK ((status = 'ACTIVE') = (ended_at IS NULL))
);
-- One active e-loan per member per title.
CREATE UNIQUE INDEX digital_loans_one_active_per_member_and_title ON digital_loans (member_id, isbn) WHERE status = 'ACTIVE';
CREATE INDEX digital_loans_active_member ON digital_loans (member_id, borrowed_at) WHERE status = 'ACTIVE';
CREATE INDEX digital_loans_active_due ON digital_loans (due_at) WHERE status = 'ACTIVE';
CREATE INDEX digital_loans_copy ON digital_loans (copy_id);

-- Loan tokens refused from now on; an entry is moot once `until` (the token's own expiry) has passed.
CREATE TABLE revoked_tokens (
  token_id text PRIMARY KEY,
  loan_id  text NOT NULL REFERENCES digital_loans (id) DEFERRABLE INITIALLY DEFERRED,
  until    timestamptz NOT NULL
);
CREATE INDEX revoked_tokens_until ON revoked_tokens (until);

ALTER TABLE reservations
  ADD COLUMN format text NOT NULL DEFAULT 'PRINT' CHECK (format IN ('PRINT', 'DIGITAL', 'ANY')),
  ADD COLUMN copy_id text REFERENCES digital_copies (copy_id) DEFERRABLE INITIALLY DEFERRED,
  -- Only a hold that accepts a digital copy is ever offered a license.
  ADD CONSTRAINT reservations_license_only_for_digital CHECK (copy_id IS NULL OR format <> 'PRINT'),
  -- A ready hold waits with a copy on the shelf or with a license set aside; 001 knew only the first.
  DROP CONSTRAINT reservations_check,
  ADD CONSTRAINT reservations_ready_names_what_waits CHECK (status <> 'READY_FOR_PICKUP' OR barcode IS NOT NULL OR copy_id IS NOT NULL);
