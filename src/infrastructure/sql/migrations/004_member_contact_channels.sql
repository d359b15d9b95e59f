-- The channels a member wants notices on, in order of preference; NULL: no choice made
-- (email, else SMS, else push). See docs/notifications.md.
ALTER TABLE members ADD COLUMN contact_channels text[]
  CHECK (contact_channels <@ ARRAY['email', 'sms', 'push']::text[]);
