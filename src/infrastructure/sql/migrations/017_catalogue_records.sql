-- Catalogue records without an ISBN: every record has a record id (its key); a record with an ISBN keeps its ISBN-13
-- as record id, so the rows already here, and every copy, queue and loan that names a title by its ISBN, stay as they
-- are. `isbn` is now the record's ISBN (null when it has none), `identifiers` its standard numbers (`SCHEME:value`,
-- normalised), `material_type` what it describes (BOOK, DVD, SERIAL, …).
ALTER TABLE books DROP CONSTRAINT books_isbn_check;
ALTER TABLE books RENAME COLUMN isbn TO record_id;
ALTER TABLE books ALTER COLUMN record_id TYPE varchar(64);
ALTER TABLE books ADD CONSTRAINT books_record_id_shape CHECK (record_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$');

ALTER TABLE books ADD COLUMN isbn varchar(13) CHECK (isbn ~ '^[0-9]{13}$');
UPDATE books SET isbn = record_id;
-- A record with an ISBN is keyed by it (what copies and queues reference).
ALTER TABLE books ADD CONSTRAINT books_isbn_is_the_key CHECK (isbn IS NULL OR isbn = record_id);

ALTER TABLE books ADD COLUMN identifiers text[] NOT NULL DEFAULT '{}';
UPDATE books SET identifiers = ARRAY['ISBN:' || isbn];
CREATE INDEX books_identifiers ON books USING GIN (identifiers);

ALTER TABLE books ADD COLUMN material_type text NOT NULL DEFAULT 'BOOK' CHECK (material_type ~ '^[A-Z_]+$');
