import type { BookPrimitives } from '../../domain/catalog/Book.js';
import { marcRecordOf, type ExportedCopy } from './exportRecord.js';
import { writeIso2709 } from './iso2709.js';
import { writeMarcxml } from './marcxml.js';

/** Writes catalogue records as one MARC file, record by record: ISO 2709 (UTF-8) or a MARCXML collection. */
export class MarcFileWriter {
  constructor(
    private readonly format: 'marc' | 'marcxml',
    private readonly out: (chunk: string | Buffer) => Promise<void>,
  ) {}

  async begin(): Promise<void> {
    if (this.format === 'marcxml') await this.out('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n');
  }

  async write(book: BookPrimitives, copies: readonly ExportedCopy[]): Promise<void> {
    const record = marcRecordOf(book, copies);
    await this.out(this.format === 'marc' ? writeIso2709(record) : `${writeMarcxml(record).replace(/ xmlns="http:\/\/www\.loc\.gov\/MARC21\/slim"/, '')}\n`);
  }

  async end(): Promise<void> {
    if (this.format === 'marcxml') await this.out('</collection>\n');
  }
}
