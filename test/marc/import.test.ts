import { Readable } from 'node:stream';
import fc from 'fast-check';
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers';
import { describe, expect, it } from 'vitest';
import type { BookDescription } from '../../src/domain/catalog/Book.js';
import { MATERIAL_TYPES } from '../../src/domain/catalog/MaterialType.js';
import { MarcFileWriter } from '../../src/infrastructure/marc/writer.js';
import { importMarc } from '../../src/interfaces/cli/marcImport.js';
import type { Library } from '../../src/Library.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { annalsRecord, casablancaRecord, cormenRecord, samuraiRecord } from './records.js';

const iso = (...records: ReturnType<typeof cormenRecord>[]): Buffer => Buffer.concat(records.map((r) => Buffer.from(ISO2709.to(r), 'utf8')));
const stream = (bytes: Buffer): AsyncIterable<Buffer> => Readable.from([bytes]);

/** The whole catalogue of a library, records with their copies, as an export reads it. */
async function catalogueOf(library: Library): Promise<unknown[]> {
  return library.catalog.catalogPage(null, 10_000);
}

async function exported(library: Library, format: 'marc' | 'marcxml'): Promise<Buffer> {
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

describe('importMarc', () => {
  describe('when a file holds books, a serial and a DVD with holdings', () => {
    it('should catalogue every record and shelve every holding, those of the serial under its record id', async () => {
      const { library } = aLibrary('desk');
      const report = await importMarc(library, stream(iso(cormenRecord(), annalsRecord(), samuraiRecord())), { format: 'marc' });
      expect(report).toEqual({ records: 3, catalogued: { added: 3, revised: 0, unchanged: 0 }, copies: { added: 3, unchanged: 0 }, skipped: [], warnings: [] });
      expect((await library.catalog.copiesOf('9780262033848')).map((c) => [c.barcode, c.branch, c.rack])).toEqual([
        ['31000000001', 'main', '005.1 COR'],
        ['31000000002', 'east', '005.1 COR'],
      ]);
      expect((await library.catalog.copiesOf('DLC-sn78004256')).map((c) => [c.barcode, c.isbn, c.branch, c.rack])).toEqual([['S-0001', 'DLC-sn78004256', 'main', 'QA1 .A6']]);
    });
  });

  describe('when a record without an ISBN has a Koha holding (952)', () => {
    it('should shelve it under the record id as a copy that is lent, returned and exported back', async () => {
      const { library } = aLibrary('desk');
      const report = await importMarc(library, stream(iso(casablancaRecord())), { format: 'marc' });
      expect(report).toEqual({ records: 1, catalogued: { added: 1, revised: 0, unchanged: 0 }, copies: { added: 1, unchanged: 0 }, skipped: [], warnings: [] });
      expect(await library.catalog.getCopy('DVD-0001')).toMatchObject({ isbn: 'OCoLC-ocm12345678', branch: 'main', rack: 'DVD CAS', status: 'AVAILABLE' });

      await enrol(library, 'priya');
      expect(await library.circulation.checkOut({ memberId: MemberFixtures.priya.id, barcode: 'DVD-0001' })).toMatchObject({ isbn: 'OCoLC-ocm12345678', status: 'OPEN' });
      expect((await library.circulation.returnCopy({ barcode: 'DVD-0001' })).loan).toMatchObject({ isbn: 'OCoLC-ocm12345678', status: 'RETURNED' });

      const again = aLibrary('desk').library;
      await importMarc(again, stream(await exported(library, 'marc')), { format: 'marc' });
      expect(await catalogueOf(again)).toEqual(await catalogueOf(library));
      expect((await catalogueOf(again))[0]).toMatchObject({ copies: [{ barcode: 'DVD-0001', branch: 'main', rack: 'DVD CAS', loanCategory: 'MEDIA' }] });
    });

    it('should find them by title, author and subject in search, and by any identifier', async () => {
      const { library } = aLibrary('desk');
      await importMarc(library, stream(iso(cormenRecord(), annalsRecord(), samuraiRecord())), { format: 'marc' });
      const isbns = async (query: Parameters<Library['catalog']['search']>[0]): Promise<string[]> => (await library.catalog.search(query)).hits.map((h) => h.recordId);
      expect(await isbns({ text: 'introduction algorithms' })).toEqual(['9780262033848']);
      expect(await isbns({ author: 'Leiserson' })).toEqual(['9780262033848']);
      expect(await isbns({ subject: 'computer algorithms' })).toEqual(['9780262033848']);
      expect((await library.catalog.findByIdentifier('ISSN:0003486X')).map((b) => b.recordId)).toEqual(['DLC-sn78004256']);
      expect((await library.catalog.findByIdentifier('UPC:715515012423')).map((b) => b.materialType)).toEqual(['DVD']);
      expect((await library.catalog.findByIdentifier('LCCN:2009008593')).map((b) => b.recordId)).toEqual(['9780262033848']);
    });
  });

  describe('when the same file is imported twice', () => {
    it('should update the records instead of duplicating them, and leave the copies shelved', async () => {
      const { library } = aLibrary('desk');
      const file = iso(cormenRecord(), annalsRecord());
      await importMarc(library, stream(file), { format: 'marc' });
      const again = await importMarc(library, stream(file), { format: 'marc' });
      expect(again).toMatchObject({ catalogued: { added: 0, revised: 0, unchanged: 2 }, copies: { added: 0, unchanged: 3 } });
      expect(await catalogueOf(library)).toHaveLength(2);
    });
  });

  describe('when a record in the middle is malformed', () => {
    it('should report it with its position and reason, and import the others in the same batch', async () => {
      const { library } = aLibrary('desk');
      const broken = Buffer.from(ISO2709.to(samuraiRecord()), 'utf8');
      broken.write('xx', 12, 'latin1'); // the base address
      const report = await importMarc(library, stream(Buffer.concat([iso(cormenRecord()), broken, iso(annalsRecord())])), { format: 'marc' });
      expect(report.skipped.map((s) => [s.position, s.code])).toEqual([[2, 'BAD_LEADER']]);
      expect(report.skipped[0]?.reason).toContain('base address');
      expect(report.catalogued.added).toBe(2);
    });
  });

  describe('when a dry run is asked for', () => {
    it('should check every record and write nothing', async () => {
      const { library } = aLibrary('desk');
      const report = await importMarc(library, stream(iso(cormenRecord(), annalsRecord())), { format: 'marc', dryRun: true });
      expect(report).toMatchObject({ records: 2, skipped: [] });
      expect(await catalogueOf(library)).toEqual([]);
    });
  });

  describe('when the file is MARCXML', () => {
    it('should catalogue the same records as from ISO 2709', async () => {
      const fromXml = aLibrary('desk').library;
      const fromIso = aLibrary('desk').library;
      const xml = `<collection xmlns="http://www.loc.gov/MARC21/slim">${[cormenRecord(), samuraiRecord()].map((r) => MARCXML.to(r, { omitDeclaration: true })).join('')}</collection>`;
      await importMarc(fromXml, stream(Buffer.from(xml, 'utf8')), { format: 'marcxml' });
      await importMarc(fromIso, stream(iso(cormenRecord(), samuraiRecord())), { format: 'marc' });
      expect(await catalogueOf(fromXml)).toEqual(await catalogueOf(fromIso));
    });
  });
});

/** Text as the catalogue keeps it: trimmed, no ISBD punctuation at the end, no ": " (245 $a $b) in authors. */
const word = fc.stringMatching(/^[A-Za-zÀ-ÿČčŁł]{1,10}$/);
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const description: fc.Arbitrary<BookDescription & { recordId: string }> = fc.record({
  recordId: fc.stringMatching(/^[a-z]{2,5}-[0-9]{1,6}$/),
  title: fc.oneof(phrase, fc.tuple(phrase, phrase).map(([a, b]) => `${a}: ${b}`)),
  authors: fc.uniqueArray(phrase, { minLength: 1, maxLength: 3 }),
  subjects: fc.uniqueArray(phrase, { maxLength: 3 }),
  materialType: fc.constantFrom(...MATERIAL_TYPES),
  identifiers: fc.constantFrom([], ['ISSN:0003-486X'], ['LCCN:2009008593', 'UPC:715515012423']),
  year: fc.integer({ min: 1450, max: 2030 }),
  language: fc.constantFrom('eng', 'fre', 'dan'),
  publisher: phrase,
  description: phrase,
});

describe('import → export → import', () => {
  it('should give back the same catalogue, records and copies, in ISO 2709 and in MARCXML', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(description, { minLength: 1, maxLength: 6, selector: (d) => d.recordId }), fc.boolean(), fc.constantFrom('marc' as const, 'marcxml' as const), async (records, withIsbn, format) => {
        const first = aLibrary('desk').library;
        const books = records.map((r, i) => (withIsbn && i === 0 ? { ...r, isbn: '9780262033848' } : r));
        await first.catalog.addBooks(books);
        if (withIsbn) await first.catalog.addCopies([{ barcode: 'b-1', isbn: '9780262033848', branch: 'main', rack: '005 COR', loanCategory: 'SHORT_LOAN' }]);
        // A copy of a record without an ISBN (the last one, unless it is the only one and has an ISBN) goes out and back too.
        await first.catalog.addCopies([{ barcode: 'r-1', isbn: books.at(-1)?.isbn ?? records.at(-1)?.recordId ?? '', branch: 'east', rack: 'AV 1', loanCategory: 'MEDIA' }]);
        const second = aLibrary('desk').library;
        const report = await importMarc(second, stream(await exported(first, format)), { format });
        expect(report.skipped).toEqual([]);
        expect(await catalogueOf(second)).toEqual(await catalogueOf(first));
      }),
      { numRuns: 40 },
    );
  });
});
