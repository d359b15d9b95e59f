-- Full-text catalog search (the SearchIndex port): a weighted tsvector with a GIN index,
-- and live availability kept beside it (the catalog may report availability before or after the text).

CREATE TABLE search_documents (
  isbn        varchar(13) PRIMARY KEY,
  title       text NOT NULL,
  authors     text[] NOT NULL,
  subjects    text[] NOT NULL DEFAULT '{}',
  description text,
  language    text,
  year        integer,
  publisher   text,
  -- A: title, B: authors, C: description and subjects. Computed on write (array_to_string is not immutable).
  document    tsvector NOT NULL
);
CREATE INDEX search_documents_fts ON search_documents USING GIN (document);

CREATE TABLE search_availability (
  isbn      varchar(13) PRIMARY KEY,
  available integer NOT NULL CHECK (available >= 0),
  by_branch jsonb NOT NULL CHECK (jsonb_typeof(by_branch) = 'object')
);
