import type { MarcRecord } from '@natlibfi/marc-record';
import { frameIso2709, parseIso2709, type FramedRecord } from './iso2709.js';
import { frameMarcxml, parseMarcxml } from './marcxml.js';
import { MarcError } from './MarcError.js';

export const CATALOGUE_FORMATS = ['marc', 'marcxml', 'csv'] as const;
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number];

/**
 * The format of a catalogue file from its first bytes: XML (`<`, after any byte-order mark and white space) is
 * MARCXML, five digits (an ISO 2709 record length, after any filler: NUL, blanks, line breaks) are MARC, anything else is CSV.
 */
export function detectFormat(head: Buffer): CatalogueFormat {
  // NUL padding and blanks before the first ISO 2709 record are filler some exports write (see frameIso2709).
  let text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  while (text.length > 0 && text.charCodeAt(0) <= 0x20) text = text.slice(1);
  if (text.startsWith('<')) return 'marcxml';
  if (/^\d{5}/.test(text)) return 'marc';
  return 'csv';
}

/** A record read from a file, or why the one at that position could not be. */
export type ReadRecord = { readonly position: number; readonly record: MarcRecord } | { readonly position: number; readonly error: MarcError };

/** Reads the records of a MARC or MARCXML byte stream one at a time; a bad record is given as its error, and reading goes on. */
export async function* readMarc(chunks: AsyncIterable<Buffer>, format: 'marc' | 'marcxml'): AsyncGenerator<ReadRecord> {
  const frames: AsyncIterable<FramedRecord> = format === 'marc' ? frameIso2709(chunks) : frameMarcxml(chunks);
  for await (const frame of frames) {
    try {
      const record = format === 'marc' ? parseIso2709(frame.bytes) : await parseMarcxml(frame.bytes);
      yield { position: frame.position, record };
    } catch (error) {
      if (!MarcError.is(error)) throw error;
      yield { position: frame.position, error };
    }
  }
}
