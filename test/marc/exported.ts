import { MarcFileWriter } from '../../src/infrastructure/marc/writer.js';
import type { Library } from '../../src/Library.js';

/** The library's whole catalogue, with holdings, as `shelfmark export` writes it in `format`. */
export async function exported(library: Library, format: 'marc' | 'marcxml'): Promise<Buffer> {
  const parts: Buffer[] = [];
  const writer = new MarcFileWriter(format, (chunk) => {
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    return Promise.resolve();
  });
  await writer.begin();
  for (const { book, copies } of await library.catalog.catalogPage(null, 10_000)) await writer.write(book, copies);
  await writer.end();
  return Buffer.concat(parts);
}
