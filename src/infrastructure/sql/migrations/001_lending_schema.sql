-- Shelfmark lending schema: one row per aggregate root with an optimistic `version`,
-- child rows for the queue and the ledger, and constraints that keep illegal states out
-- even if a writer bypasses the domain model.

CREATE TABLE books (
  isbn         varchar(13) PRIMARY KEY CHECK (isbn ~ '^[0-9]{13}$'),
  version      integer NOT NULL CHECK (version > 0),
  title        text NOT NULL CHECK (length(title) > 0),
  authors      text[] NOT NULL CHECK (cardinality(authors) > 0),
  subjects     text[] NOT NULL DEFAULT '{}',
  publisher    text,
  year         integer,
  language     text,
  description  text
);
CREATE INDEX books_title_lower ON books (lower(title));

CREATE TABLE book_items (
  barcode              text PRIMARY KEY,
  version              integer NOT NULL CHECK (version > 0),
  isbn                 varchar(13) NOT NULL REFERENCES books (isbn) DEFERRABLE INITIALLY DEFERRED,
  branch               text NOT NULL,
  rack                 text NOT NULL,
  reference_only       boolean NOT NULL,
  replacement_amount   bigint CHECK (replacement_amount >= 0),
  replacement_currency char(3),
  status               text NOT NULL CHECK (status IN ('AVAILABLE', 'RESERVED', 'LOANED', 'LOST')),
  hold_member_id       text,
  hold_reservation_id  text,
  hold_expires_at      timestamptz,
  loan_id              text,
  loan_member_id       text,
  CHECK ((replacement_amount IS NULL) = (replacement_currency IS NULL)),
  -- A held copy names its member and reservation; only a held copy does.
  CHECK ((status = 'RESERVED') = (hold_member_id IS NOT NULL AND hold_reservation_id IS NOT NULL)),
  CHECK (status = 'RESERVED' OR (hold_member_id IS NULL AND hold_reservation_id IS NULL AND hold_expires_at IS NULL)),
  -- A lent copy names its loan and borrower; only a lent copy does.
  CHECK ((status = 'LOANED') = (loan_id IS NOT NULL AND loan_member_id IS NOT NULL)),
  CHECK (status = 'LOANED' OR (loan_id IS NULL AND loan_member_id IS NULL)),
  CHECK (NOT (reference_only AND status IN ('LOANED', 'RESERVED')))
);
CREATE INDEX book_items_isbn ON book_items (isbn);
CREATE INDEX book_items_on_shelf ON book_items (isbn, barcode COLLATE "C") WHERE status = 'AVAILABLE' AND NOT reference_only;
CREATE INDEX book_items_hold_expiry ON book_items (hold_expires_at) WHERE status = 'RESERVED';

CREATE TABLE members (
  id                  text PRIMARY KEY,
  version             integer NOT NULL CHECK (version > 0),
  name                text NOT NULL,
  type                text NOT NULL CHECK (type IN ('STUDENT', 'FACULTY', 'PUBLIC')),
  plan                text NOT NULL CHECK (plan IN ('BASIC', 'PREMIUM')),
  status              text NOT NULL CHECK (status IN ('ACTIVE', 'BLOCKED')),
  block_reason        text,
  email               text,
  phone               text,
  active_loan_ids     text[] NOT NULL DEFAULT '{}',
  active_loan_count   integer GENERATED ALWAYS AS (cardinality(active_loan_ids)) STORED,
  -- title ISBN -> reservation id, for the member's WAITING and READY_FOR_PICKUP reservations
  active_reservations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(active_reservations) = 'object'),
  CHECK ((status = 'BLOCKED') = (block_reason IS NOT NULL))
);

CREATE TABLE loans (
  id             text PRIMARY KEY,
  version        integer NOT NULL CHECK (version > 0),
  barcode        text NOT NULL REFERENCES book_items (barcode) DEFERRABLE INITIALLY DEFERRED,
  isbn           varchar(13) NOT NULL,
  member_id      text NOT NULL REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
  status         text NOT NULL CHECK (status IN ('OPEN', 'RETURNED', 'LOST')),
  checked_out_at timestamptz NOT NULL,
  due_at         timestamptz NOT NULL CHECK (due_at >= checked_out_at),
  returned_at    timestamptz CHECK (returned_at >= checked_out_at),
  renewals       integer NOT NULL CHECK (renewals >= 0),
  -- open loans have no return instant, returned ones have one; a loan closed as lost never came back
  CHECK (status <> 'OPEN' OR returned_at IS NULL),
  CHECK (status <> 'RETURNED' OR returned_at IS NOT NULL)
);
-- At most one open loan per copy, whatever the application does.
CREATE UNIQUE INDEX loans_one_open_per_copy ON loans (barcode) WHERE status = 'OPEN';
CREATE INDEX loans_member ON loans (member_id, checked_out_at);
CREATE INDEX loans_open_due ON loans (due_at) WHERE status = 'OPEN';
CREATE INDEX loans_open_title ON loans (isbn, checked_out_at) WHERE status = 'OPEN';

CREATE TABLE reservation_queues (
  isbn          varchar(13) PRIMARY KEY REFERENCES books (isbn) DEFERRABLE INITIALLY DEFERRED,
  version       integer NOT NULL CHECK (version > 0),
  next_sequence integer NOT NULL CHECK (next_sequence > 0)
);

CREATE TABLE reservations (
  id         text PRIMARY KEY,
  isbn       varchar(13) NOT NULL REFERENCES reservation_queues (isbn) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  member_id  text NOT NULL,
  sequence   integer NOT NULL CHECK (sequence > 0),
  status     text NOT NULL CHECK (status IN ('WAITING', 'READY_FOR_PICKUP', 'FULFILLED', 'EXPIRED', 'CANCELLED')),
  placed_at  timestamptz NOT NULL,
  barcode    text,
  expires_at timestamptz,
  closed_at  timestamptz,
  UNIQUE (isbn, sequence),
  CHECK ((status = 'READY_FOR_PICKUP') <= (barcode IS NOT NULL)),
  CHECK ((status IN ('WAITING', 'READY_FOR_PICKUP')) = (closed_at IS NULL))
);
-- One active reservation per member per title.
CREATE UNIQUE INDEX reservations_one_active_per_member ON reservations (isbn, member_id) WHERE status IN ('WAITING', 'READY_FOR_PICKUP');
CREATE INDEX reservations_waiting ON reservations (isbn, sequence) WHERE status = 'WAITING';

CREATE TABLE fine_ledgers (
  member_id text PRIMARY KEY,
  version   integer NOT NULL CHECK (version > 0),
  currency  char(3) NOT NULL
);

CREATE TABLE fines (
  id          text PRIMARY KEY,
  member_id   text NOT NULL REFERENCES fine_ledgers (member_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     integer NOT NULL CHECK (ordinal >= 0),
  loan_id     text,
  barcode     text,
  reason      text NOT NULL CHECK (reason IN ('OVERDUE', 'DAMAGED', 'LOST', 'REPLACEMENT')),
  amount      bigint NOT NULL CHECK (amount > 0),
  -- Never negative, never more than was charged.
  outstanding bigint NOT NULL CHECK (outstanding >= 0 AND outstanding <= amount),
  status      text NOT NULL CHECK (status IN ('OPEN', 'PAID', 'WAIVED')),
  assessed_at timestamptz NOT NULL,
  UNIQUE (member_id, ordinal),
  CHECK ((status = 'OPEN') = (outstanding > 0))
);
-- A loan is charged each reason at most once.
CREATE UNIQUE INDEX fines_once_per_loan_and_reason ON fines (loan_id, reason) WHERE loan_id IS NOT NULL;

CREATE TABLE payments (
  id          text PRIMARY KEY,
  member_id   text NOT NULL REFERENCES fine_ledgers (member_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     integer NOT NULL CHECK (ordinal >= 0),
  amount      bigint NOT NULL CHECK (amount > 0),
  method      text NOT NULL,
  paid_at     timestamptz NOT NULL,
  allocations jsonb NOT NULL CHECK (jsonb_typeof(allocations) = 'array'),
  UNIQUE (member_id, ordinal)
);

CREATE TABLE outbox (
  position        bigserial UNIQUE,
  id              text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  kind            text NOT NULL,
  member_id       text NOT NULL,
  payload         jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  delivered_at    timestamptz,
  CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, created_at) WHERE status = 'PENDING';
CREATE INDEX outbox_member ON outbox (member_id);

CREATE TABLE audit (
  position  bigserial UNIQUE,
  id        text PRIMARY KEY,
  at        timestamptz NOT NULL,
  actor     text NOT NULL,
  action    text NOT NULL,
  member_id text,
  barcode   text,
  isbn      text,
  data      jsonb NOT NULL
);
CREATE INDEX audit_member ON audit (member_id, at) WHERE member_id IS NOT NULL;
CREATE INDEX audit_barcode ON audit (barcode, at) WHERE barcode IS NOT NULL;
CREATE INDEX audit_isbn ON audit (isbn, at) WHERE isbn IS NOT NULL;

-- The audit trail is append-only: the database refuses edits and deletions.
CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
