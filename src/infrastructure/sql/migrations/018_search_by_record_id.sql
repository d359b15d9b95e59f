-- The search documents are keyed by record id, like the catalogue records: a record without an ISBN (a serial, a
-- DVD, older or local material) is searchable too. The documents already here are of records with an ISBN, whose
-- record id is that ISBN, so they keep their key. Each document also carries the record's ISBN (null when it has
-- none), its identifiers (`SCHEME:value`, matched exactly by a query) and its material type (a filter and a facet).
ALTER TABLE search_documents RENAME COLUMN isbn TO record_id;
ALTER TABLE search_documents ALTER COLUMN record_id TYPE varchar(64);
ALTER TABLE search_documents ADD COLUMN isbn varchar(13);
UPDATE search_documents SET isbn = record_id;
ALTER TABLE search_documents ADD COLUMN identifiers text[] NOT NULL DEFAULT '{}';
UPDATE search_documents d SET identifiers = b.identifiers FROM books b WHERE b.record_id = d.record_id;
ALTER TABLE search_documents ADD COLUMN material_type text NOT NULL DEFAULT 'BOOK';
UPDATE search_documents d SET material_type = b.material_type FROM books b WHERE b.record_id = d.record_id;
