import type { AddCopyCommand } from '../../application/CatalogService.js';
import { Book, type BookDescription } from '../../domain/catalog/Book.js';
import { BookItem } from '../../domain/catalog/BookItem.js';
import { ShelfmarkError } from '../../domain/shared/ShelfmarkError.js';
import { DEFAULT_MAPPING, entryOf, type MarcMapping } from '../../infrastructure/marc/mapping.js';
import { readMarc } from '../../infrastructure/marc/reader.js';
import type { LibraryActions } from '../../Library.js';

/** A record of the file that was not catalogued: where, and why. */
export interface Skipped {
  /** The record's place in the file, from 1. */
  readonly position: number;
  readonly code: string;
  readonly reason: string;
}

/** Something a catalogued record lost on the way in (an invalid standard number left out), at its place in the file. */
export interface ImportWarning {
  /** The record's place in the file, from 1. */
  readonly position: number;
  readonly message: string;
}

export interface MarcImportReport {
  readonly records: number;
  readonly catalogued: { readonly added: number; readonly revised: number; readonly unchanged: number };
  readonly copies: { readonly added: number; readonly unchanged: number };
  readonly skipped: readonly Skipped[];
  /** Records catalogued with something left out, one entry per thing. */
  readonly warnings: readonly ImportWarning[];
}

export interface MarcImportOptions {
  readonly format: 'marc' | 'marcxml';
  /** Records per transaction. Default 500. */
  readonly batchSize?: number;
  /** Read, map and check every record, and write nothing. */
  readonly dryRun?: boolean;
  readonly mapping?: MarcMapping;
  /** Called after each record read. */
  readonly progress?: (records: number) => void;
}

interface Pending {
  readonly position: number;
  readonly book: BookDescription;
  readonly copies: readonly AddCopyCommand[];
  readonly key: string;
}

const why = (error: unknown): { code: string; reason: string } => {
  if (ShelfmarkError.isShelfmarkError(error)) return { code: error.code, reason: error.message };
  throw error;
};

/**
 * Imports a MARC or MARCXML stream into `library`'s catalogue, a batch of records (with their copies) per transaction.
 * Each record is read, mapped and checked on its own first: a malformed or unmappable one is reported with its
 * position and skipped, the others go on. Re-importing a file revises its records and leaves shelved copies alone.
 */
export async function importMarc(library: LibraryActions, chunks: AsyncIterable<Buffer>, options: MarcImportOptions): Promise<MarcImportReport> {
  const batchSize = options.batchSize ?? 500;
  const mapping = options.mapping ?? DEFAULT_MAPPING;
  const now = new Date(0);
  const skipped: Skipped[] = [];
  const warnings: ImportWarning[] = [];
  const catalogued = { added: 0, revised: 0, unchanged: 0 };
  const copies = { added: 0, unchanged: 0 };
  let records = 0;
  let batch: Pending[] = [];
  const keys = new Set<string>();
  const barcodes = new Set<string>();

  const write = async (entries: readonly Pending[]): Promise<void> => {
    const outcome = await library.catalog.importBatch(entries.map((e) => ({ book: e.book, copies: e.copies })));
    catalogued.added += outcome.added;
    catalogued.revised += outcome.revised;
    catalogued.unchanged += outcome.unchanged;
    copies.added += outcome.copies.added;
    copies.unchanged += outcome.copies.unchanged;
  };
  const flush = async (): Promise<void> => {
    const entries = batch;
    batch = [];
    keys.clear();
    barcodes.clear();
    if (entries.length === 0 || options.dryRun === true) return;
    try {
      await write(entries);
    } catch (error) {
      why(error);
      // One record spoils the batch: write them one by one, so only that one is skipped.
      for (const entry of entries) {
        try {
          await write([entry]);
        } catch (single) {
          skipped.push({ position: entry.position, ...why(single) });
        }
      }
    }
  };

  for await (const read of readMarc(chunks, options.format)) {
    records++;
    options.progress?.(records);
    if ('error' in read) {
      skipped.push({ position: read.position, code: read.error.code, reason: read.error.message });
      continue;
    }
    let pending: Pending;
    try {
      const entry = entryOf(read.record, mapping);
      const book = Book.catalogue(entry.description, now);
      const shelved: AddCopyCommand[] = [];
      for (const holding of entry.holdings) {
        // A copy names its title by the record's key: its ISBN-13, or its record id when it has none.
        const command = { barcode: holding.barcode, isbn: book.recordId, branch: holding.branch, rack: holding.rack, loanCategory: holding.loanCategory, status: holding.status };
        BookItem.shelve(command, now);
        shelved.push(command);
      }
      pending = { position: read.position, book: entry.description, copies: shelved, key: book.recordId };
      for (const message of entry.warnings) warnings.push({ position: read.position, message });
    } catch (error) {
      skipped.push({ position: read.position, ...why(error) });
      continue;
    }
    if (keys.has(pending.key) || pending.copies.some((c) => barcodes.has(c.barcode))) await flush();
    batch.push(pending);
    keys.add(pending.key);
    for (const c of pending.copies) barcodes.add(c.barcode);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { records, catalogued, copies, skipped, warnings };
}
