import { documentKey, type SearchDocument } from '../../application/ports/SearchIndex.js';
import type { BookDescription } from '../../domain/catalog/Book.js';
import { ShelfmarkError } from '../../domain/shared/ShelfmarkError.js';
import type { Library } from '../../Library.js';

/** What adding the imported rows to a library's catalogue did. */
export interface CatalogueReport {
  readonly added: number;
  /** Rows whose ISBN the catalogue already had (a second import of the same file adds nothing). */
  readonly alreadyCatalogued: number;
  /** Rows the catalogue refused, with the error code and the ISBN. */
  readonly refused: readonly { readonly isbn: string; readonly code: string; readonly message: string }[];
}

/** Rows per transaction. */
const BATCH = 500;

const bookOf = (doc: SearchDocument): BookDescription => ({
  ...(doc.isbn === undefined ? { recordId: documentKey(doc) } : { isbn: doc.isbn }),
  title: doc.title,
  authors: doc.authors,
  subjects: doc.subjects,
  ...(doc.year === undefined ? {} : { year: doc.year }),
  ...(doc.language === undefined ? {} : { language: doc.language }),
  ...(doc.publisher === undefined ? {} : { publisher: doc.publisher }),
  ...(doc.description === undefined ? {} : { description: doc.description }),
});

/**
 * Catalogues each imported row as a book in `library` (as `actor`, so the audit log says who imported), a batch of
 * rows per transaction (`catalog.addBooks`). A batch a row spoils is retried row by row: the refused row is reported
 * and the import goes on.
 */
export async function catalogue(library: Library, documents: readonly SearchDocument[], actor: string, progress: (done: number) => void = () => undefined): Promise<CatalogueReport> {
  const catalog = library.as(actor).catalog;
  let added = 0;
  let alreadyCatalogued = 0;
  const refused: { isbn: string; code: string; message: string }[] = [];
  const write = async (docs: readonly SearchDocument[]): Promise<void> => {
    const outcome = await catalog.addBooks(docs.map(bookOf), { revise: true });
    added += outcome.added;
    alreadyCatalogued += outcome.revised + outcome.unchanged;
  };
  for (let from = 0; from < documents.length; from += BATCH) {
    const docs = documents.slice(from, from + BATCH);
    try {
      await write(docs);
    } catch (error) {
      if (!ShelfmarkError.isShelfmarkError(error)) throw error;
      for (const doc of docs) {
        try {
          await write([doc]);
        } catch (single) {
          if (!ShelfmarkError.isShelfmarkError(single)) throw single;
          refused.push({ isbn: documentKey(doc), code: single.code, message: single.message });
        }
      }
    }
    progress(added + alreadyCatalogued + refused.length);
  }
  return { added, alreadyCatalogued, refused };
}
