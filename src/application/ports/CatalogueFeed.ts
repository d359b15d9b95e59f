import type { BookPrimitives } from '../../domain/catalog/Book.js';
import type { BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import type { DigitalCopy } from '../../domain/digital/DigitalCopy.js';

/** What search needs to know of one copy: its title, branch and state. */
export type CopyState = Pick<BookItemPrimitives, 'isbn' | 'branch' | 'status' | 'referenceOnly'>;

/**
 * What changed in the catalogue, as it is now: titles (null: removed), copies (null: removed) and the digital
 * pools of titles. A part may name a title or copy that did not change; applying it again changes nothing.
 */
export interface CatalogueChanges {
  /** Records by record id (a record with an ISBN is keyed by it). */
  readonly books: readonly { readonly recordId: string; readonly book: BookPrimitives | null }[];
  readonly copies: readonly { readonly barcode: string; readonly copy: CopyState | null }[];
  readonly pools: readonly { readonly isbn: string; readonly pools: readonly DigitalCopy[] }[];
}

/**
 * The catalogue as a stream for an index kept in this process: first all of it, in batches, then every change
 * committed by any process on the same data, within a bounded lag. The feed hands one batch at a time to
 * `apply` and waits for it before reading the next.
 */
export interface CatalogueFeed {
  /** Streams the whole catalogue to `apply`, then follows its changes; resolves once the whole catalogue was applied. */
  start(apply: (changes: CatalogueChanges) => Promise<void>): Promise<void>;
  /** This process committed a change to the catalogue: wake the other processes following it, so they read it now. */
  changed(): void;
  /** Reads the changes now; resolves once every change committed before the call has been applied. */
  catchUp(): Promise<void>;
  /** Stops following. */
  close(): Promise<void>;
}
