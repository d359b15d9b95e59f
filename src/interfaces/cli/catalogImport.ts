import type { SearchDocument } from '../../application/ports/SearchIndex.js';
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

/** Books added side by side; a SQL store's pool serves a few at once. */
const PARALLEL = 4;

/**
 * Catalogues each imported row as a book in `library` (as `actor`, so the audit log says who imported).
 * A refused row is reported and the import goes on.
 */
export async function catalogue(library: Library, documents: readonly SearchDocument[], actor: string, progress: (done: number) => void = () => undefined): Promise<CatalogueReport> {
  const catalog = library.as(actor).catalog;
  let added = 0;
  let alreadyCatalogued = 0;
  const refused: { isbn: string; code: string; message: string }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < documents.length) {
      const doc = documents[next++];
      if (doc === undefined) return;
      try {
        await catalog.addBook({
          isbn: doc.isbn,
          title: doc.title,
          authors: doc.authors,
          subjects: doc.subjects,
          ...(doc.year === undefined ? {} : { year: doc.year }),
          ...(doc.language === undefined ? {} : { language: doc.language }),
          ...(doc.publisher === undefined ? {} : { publisher: doc.publisher }),
          ...(doc.description === undefined ? {} : { description: doc.description }),
        });
        added++;
      } catch (error) {
        if (!ShelfmarkError.isShelfmarkError(error)) throw error;
        if (error.code === 'BOOK_ALREADY_EXISTS') alreadyCatalogued++;
        else refused.push({ isbn: doc.isbn, code: error.code, message: error.message });
      }
      progress(added + alreadyCatalogued + refused.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { added, alreadyCatalogued, refused };
}
