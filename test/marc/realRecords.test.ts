import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { MarcDataField, MarcRecord } from '@natlibfi/marc-record';
import { describe, expect, it } from 'vitest';
import { detectFormat, readMarc } from '../../src/infrastructure/marc/reader.js';
import { importMarc } from '../../src/interfaces/cli/marcImport.js';
import type { Library } from '../../src/Library.js';
import { aLibrary } from '../fixtures/library.js';
import { exported } from './exported.js';

/** Records other systems exported (test/fixtures/marc/README.md names each file's source). */
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/marc/${name}`, import.meta.url));
const stream = (bytes: Buffer): AsyncIterable<Buffer> => Readable.from([bytes]);

async function imported(name: string, format: 'marc' | 'marcxml' = 'marc'): Promise<{ library: Library; report: Awaited<ReturnType<typeof importMarc>> }> {
  const { library } = aLibrary('desk');
  const report = await importMarc(library, stream(fixture(name)), { format });
  return { library, report };
}

async function recordsOf(bytes: Buffer, format: 'marc' | 'marcxml' = 'marc'): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const read of readMarc(stream(bytes), format)) if ('record' in read) out.push(read.record);
  return out;
}

const subfield = (record: MarcRecord | undefined, tag: string, code: string): string | undefined =>
  (record?.get(tag)[0] as MarcDataField | undefined)?.subfields.find((s) => s.code === code)?.value;

const catalogueOf = (library: Library): Promise<unknown[]> => library.catalog.catalogPage(null, 10_000);

describe('importMarc', () => {
  describe('when the file is Library of Congress records as MARC::Record ships them (camel.usmarc)', () => {
    it('should catalogue all ten, with title, authors, identifiers, publisher, year, language and material type mapped', async () => {
      const { library, report } = await imported('camel.usmarc');
      expect(report).toEqual({ records: 10, catalogued: { added: 10, revised: 0, unchanged: 0 }, copies: { added: 0, unchanged: 0 }, skipped: [], warnings: [] });
      expect(await library.catalog.getBook('9780471383147')).toMatchObject({
        title: 'ActivePerl with ASP and ADO',
        authors: ['Martinsson, Tobias'],
        identifiers: ['ISBN:9780471383147', 'LCCN:00020737'],
        publisher: 'John Wiley & Sons',
        year: 2000,
        language: 'eng',
        materialType: 'BOOK',
        subjects: ['Perl (Computer program language)'],
      });
      expect(await library.catalog.getBook('9780596000271')).toMatchObject({ title: 'Programming Perl', authors: ['Wall, Larry', 'Christiansen, Tom', 'Orwant, Jon'], publisher: "O'Reilly" });
    });

    it('should key a record without an ISBN by its 001 and 003, the trailing blank of the 001 dropped', async () => {
      const { library } = await imported('camel.usmarc');
      expect(await library.catalog.getBook('IMchF-fol05843555')).toMatchObject({ title: "Perl: programmer's reference", authors: ['Brown, Martin C.'], identifiers: ['LCCN:00501349'], year: 1999 });
    });
  });

  describe('when the same records are separated by a DOS end-of-file byte 0x1A (cameleof.usmarc)', () => {
    it('should read the same ten records as without it', async () => {
      const plain = await imported('camel.usmarc');
      const withEof = await imported('cameleof.usmarc');
      expect(withEof.report.skipped).toEqual([]);
      expect(await catalogueOf(withEof.library)).toEqual(await catalogueOf(plain.library));
    });
  });

  describe('when NUL padding and line breaks fill the space before and between records (filler.usmarc)', () => {
    it('should detect the file as MARC and read every record', async () => {
      expect(detectFormat(fixture('filler.usmarc').subarray(0, 64))).toBe('marc');
      const { report } = await imported('filler.usmarc');
      expect(report).toMatchObject({ records: 3, catalogued: { added: 3 }, skipped: [] });
    });
  });

  describe('when a record has a local alphanumeric tag (alphatag.dat: CAT, a cataloguing history)', () => {
    it('should read the record and keep the CAT fields as data fields', async () => {
      const [record] = await recordsOf(fixture('alphatag.dat'));
      expect(record?.get('CAT')).toHaveLength(4);
      expect(subfield(record, 'CAT', 'a')).toBe('CONV');
      const { library, report } = await imported('alphatag.dat');
      expect(report.skipped).toEqual([]);
      expect(await library.catalog.getBook('ctl-000000001')).toMatchObject({ title: 'Chemistry experiments for children', authors: ['Mullin, Virginia L.', 'Case, Bernard'], year: 1968 });
    });
  });

  describe('when a record is MARC-8 with ANSEL diacritics (marc8.dat)', () => {
    it('should decode them to NFC Unicode, a letter and its mark as one code point', async () => {
      const [record] = await recordsOf(fixture('marc8.dat'));
      const uniform = subfield(record, '240', 'a');
      expect(uniform).toBe('De la solitude \u00e0 la communaut\u00e9.');
      expect(uniform?.normalize('NFC')).toBe(uniform);
    });
  });

  describe('when the same record was written in UTF-8 but its leader/09 left blank (utf8_without_leader_flag.dat)', () => {
    it('should read it as UTF-8, NFC-normalised (it is written decomposed), giving the fields the MARC-8 record gives', async () => {
      const [fromUtf8] = await recordsOf(fixture('utf8_without_leader_flag.dat'));
      const [fromMarc8] = await recordsOf(fixture('marc8.dat'));
      expect(fromUtf8?.leader.charAt(9)).toBe(' ');
      expect(fromUtf8?.fields).toEqual(fromMarc8?.fields);
    });
  });

  describe('when records hold MARC 21 holdings (852) with barcodes and a stray byte follows the last one (badldr.usmarc)', () => {
    it('should shelve each barcode at its branch and call number, and report the tail by its position', async () => {
      const { library, report } = await imported('badldr.usmarc');
      expect(report.records).toBe(7);
      expect(report.skipped).toEqual([{ position: 7, code: 'TRUNCATED_RECORD', reason: '1 bytes: shorter than a leader' }]);
      expect(report.catalogued.added).toBe(6);
      expect(await library.catalog.getCopy('13397000015')).toMatchObject({ branch: 'MFF', rack: 'A AND', status: 'AVAILABLE' });
      const copy = await library.catalog.getCopy('13397000015');
      expect(await library.catalog.getBook(copy.isbn)).toMatchObject({ title: 'Fallen hearts', authors: ['Andrews, V.C.'], publisher: 'Miscellaneous' });
    });
  });

  describe("when the file is pymarc's deliberately broken records (bad_records.mrc)", () => {
    it('should refuse each with its position, code and reason, and still import the good records after them', async () => {
      const { library } = aLibrary('desk');
      const report = await importMarc(library, stream(Buffer.concat([fixture('bad_records.mrc'), fixture('marc8.dat')])), { format: 'marc' });
      expect(report.skipped.map((s) => [s.position, s.code])).toEqual([
        [2, 'BAD_DIRECTORY'],
        [3, 'BAD_DIRECTORY'],
        [4, 'BAD_DIRECTORY'],
        [5, 'BAD_DIRECTORY'],
        [6, 'BAD_LEADER'],
        [7, 'UNMAPPABLE_RECORD'],
      ]);
      expect(report.skipped[5]?.reason).toBe('no title (245 $a)');
      expect(report.skipped[4]?.reason).toContain('no record length or base address');
      // Records 1 and 8 are one record naming no author and no publisher: catalogued by its title, once.
      expect(report).toMatchObject({ records: 9, catalogued: { added: 2, unchanged: 1 } });
      const { hits } = await library.catalog.search({ text: 'pragmatic programmer' });
      expect(hits.map((h) => [h.title, h.authors])).toEqual([['The pragmatic programmer: from journeyman to master', []]]);
    });
  });

  describe('when a MARC-8 record has its title in Japanese in an 880, in the East Asian set (bad_eacc_encoding.dat, from OCLC)', () => {
    /**
     * The record with its 880 and its 245 swapped, the Japanese title the one the catalogue reads: `title` replaces
     * OCLC's "{6924f6}" (a character it could not map, written as text).
     */
    const withJapaneseTitle = (title: string): Buffer => {
      const bytes = Buffer.from(fixture('bad_eacc_encoding.dat'));
      const directory = bytes.toString('latin1', 0, Number(bytes.toString('latin1', 12, 17)));
      const romanised = directory.search(/245\d{9}/);
      const japanese = directory.search(/880\d{9}/);
      bytes.write('880', romanised, 'latin1');
      bytes.write('245', japanese, 'latin1');
      const unmapped = bytes.indexOf('{6924f6}', 0, 'latin1');
      bytes.write(title.padEnd(8, ' '), unmapped, 'latin1');
      return bytes;
    };

    it('should leave out the 880 whose East Asian text holds bytes that are no EACC character, and catalogue the record from its romanised fields, ANSEL macron decoded', async () => {
      const { library, report } = await imported('bad_eacc_encoding.dat');
      expect(report.skipped).toEqual([]);
      expect(await library.catalog.getBook('OCoLC-ocn503001208')).toMatchObject({ title: 'Beikoku no t\u014dchi no shikumi', language: 'jpn', materialType: 'EBOOK', year: 2004, publisher: 'Braddock Communications' });
    });

    it('should read that text when it is whole, three bytes a character: 米国の統治の仕組み', async () => {
      const { library } = aLibrary('desk');
      const report = await importMarc(library, stream(withJapaneseTitle('i$_')), { format: 'marc' });
      expect(report.skipped).toEqual([]);
      expect((await library.catalog.getBook('OCoLC-ocn503001208')).title).toBe('\u7c73\u56fd\u306e\u7d71\u6cbb\u306e\u4ed5\u7d44\u307f');
      const { hits } = await library.catalog.search({ text: 'Braddock' });
      expect(hits.map((h) => h.title)).toEqual(['\u7c73\u56fd\u306e\u7d71\u6cbb\u306e\u4ed5\u7d44\u307f']);
    });

    it('should refuse the record with UNSUPPORTED_ENCODING, naming the set, when such bytes are in a field the catalogue reads', async () => {
      const { library } = aLibrary('desk');
      const report = await importMarc(library, stream(Buffer.concat([withJapaneseTitle('{6924f6}'), fixture('marc8.dat')])), { format: 'marc' });
      expect(report.skipped).toHaveLength(1);
      expect(report.skipped[0]).toMatchObject({ position: 1, code: 'UNSUPPORTED_ENCODING' });
      expect(report.skipped[0]?.reason).toContain('East Asian');
      expect(report.catalogued.added).toBe(1);
    });
  });

  describe('when the file is a MARCXML collection (batch.xml) or has a namespace and empty indicators (namespace.xml)', () => {
    it('should map a sound recording, a web site and a serial', async () => {
      const batch = await imported('batch.xml', 'marcxml');
      expect(batch.report.skipped).toEqual([]);
      expect(await batch.library.catalog.getBook('DLC-5637241')).toMatchObject({ title: 'The Great Ray Charles', authors: ['Charles, Ray'], materialType: 'MUSIC', year: 1957, identifiers: ['LCCN:91758335'] });
      expect(await batch.library.catalog.getBook('12149120')).toMatchObject({ title: 'The White House', materialType: 'COMPUTER_FILE', year: 1994 });
      const serial = await imported('namespace.xml', 'marcxml');
      expect(serial.report.skipped).toEqual([]);
      expect((await serial.library.catalog.findByIdentifier('ISSN:0148-2076')).map((b) => [b.title, b.materialType, b.authors])).toEqual([['19th century music', 'SERIAL', ['EBSCO Publishing (Firm)']]]);
    });
  });

  describe('when the file is MARC-8 from a III catalogue with Hebrew in its 880s (hebrew.marc, Evergreen)', () => {
    it('should decode the Hebrew set and the romanisation\'s ANSEL marks, and catalogue every record', async () => {
      const [first] = await recordsOf(fixture('hebrew.marc'));
      expect(subfield(first, '880', 'a')).toBe('\u05dc\u05ea\u05d5\u05e8\u05d4 \u05d1\u05dc\u05de\u05d5\u05e2\u05d3\u05d9\u05dd :');
      const { library, report } = await imported('hebrew.marc');
      expect(report).toMatchObject({ records: 20, catalogued: { added: 20 }, skipped: [] });
      expect(await library.catalog.getBook('OCoLC-13810341')).toMatchObject({
        title: 'La-Torah vela-mo\u02bbadim: resise hegyonot',
        authors: ['Ze\u1e7fin, Shelomoh Yosef'],
        publisher: 'Zioni',
        year: 1961,
        language: 'heb',
      });
      // 260 $c "5715-733 [1954 or 1955-1972 or 1973]": a Hebrew-calendar year first, then ours.
      expect(await library.catalog.getBook('OCoLC-42434062')).toMatchObject({ title: 'Sefer Merome \u015badeh: h.h. \u1e25idushe ha-Netsiv mi-\u1e7eolazin', year: 1954 });
    });
  });

  describe('when an Aleph export wrote UTF-8 (Cyrillic, Armenian) with leader/09 blank and split imprints (FSL.marc, Evergreen)', () => {
    it('should read the scripts, take the imprint from the 260 that has it, and leave a bad ISBN out', async () => {
      const { library, report } = await imported('FSL.marc');
      expect(report).toMatchObject({ records: 52, catalogued: { added: 52 }, skipped: [] });
      expect(await library.catalog.getBook('ctl-000538873')).toMatchObject({
        title: '\u0410\u043d\u0442\u0438\u0447\u043d\u0430\u044f \u043c\u043e\u0437\u0430\u0438\u043a\u0430 \u0438 \u0448\u0435\u0434\u0435\u0432\u0440\u044b \u0438\u0437\u043e\u0431\u0440\u0430\u0437\u0438\u0442\u0435\u043b\u044c\u043d\u043e\u0433\u043e \u0438\u0441\u043a\u0443\u0441\u0441\u0442\u0432\u0430 \u0422\u0443\u043d\u0438\u0441\u0430: \u041a\u0430\u0442\u0430\u043b\u043e\u0433 \u0432\u044b\u0441\u0442\u0430\u0432\u043a\u0438',
        publisher: '\u0421\u043e\u0432. \u0445\u0443\u0434\u043e\u0436\u043d\u0438\u043a',
        year: 1976,
        language: 'rus',
      });
      // 020 $a "5-02-016536-2" fails its check digit: the record is catalogued under its control number, without it.
      expect(await library.catalog.getBook('ctl-000538891')).toMatchObject({ identifiers: [], year: 1989 });
    });
  });

  describe("when records carry known bad ISBNs and EANs (badisbns.xml and an RDA score, Evergreen's test sets)", () => {
    it('should catalogue every record, keyed by a valid ISBN or by its control number, never by a bad one', async () => {
      const { library, report } = await imported('badisbns.xml', 'marcxml');
      expect(report).toMatchObject({ records: 10, catalogued: { added: 10 }, skipped: [] });
      // Every number left out is reported at its record's place in the file.
      expect(report.warnings.length).toBeGreaterThan(0);
      expect(report.warnings.every((w) => w.position >= 1 && w.position <= 10 && / is not a valid (ISBN|EAN|ISSN|UPC|LCCN): left out of the identifiers$/.test(w.message))).toBe(true);
      expect(await library.catalog.getBook('MAnMC-mrq01239723')).toMatchObject({ title: 'Teen Patti', identifiers: [], materialType: 'VIDEO' });
      const score = await imported('RDA_record_SCORE_Wiegenlied.mrc');
      expect(score.report.skipped).toEqual([]);
      // 024 $a 9784890077773 (ind1 3, an EAN) fails its check digit; the ISBN in 020 keys the record, and the report says so.
      expect(score.report.warnings).toEqual([{ position: 1, message: '024 $a "9784890077773" is not a valid EAN: left out of the identifiers' }]);
      expect(await score.library.catalog.getBook('9783890077772')).toMatchObject({ materialType: 'SCORE', authors: ['Brahms, Johannes', 'Fassbaender, Brigitte', 'Sandberger, Wolfgang'], identifiers: ['ISBN:9783890077772', 'LCCN:2013493195'] });
    });
  });

  describe('when RDA records give a 264 imprint with "[publisher not identified]" (a DVD) or a map (Evergreen)', () => {
    it('should map the material type, take no publisher from the placeholder, and the year from 264 $c', async () => {
      const dvd = await imported('RDA_record_DVD_Jorge_Mautner.mrc');
      const book = await dvd.library.catalog.getBook('18112802');
      expect(book).toMatchObject({ title: 'Jorge Mautner: o filho do Holocausto', materialType: 'DVD', year: 2012, language: 'por', identifiers: ['LCCN:2014340080', 'EAN:7892141647564'] });
      expect(book.publisher).toBeNull();
      const map = await imported('RDA_record_MAP_2012_Enchanted_Circle.mrc');
      expect(await map.library.catalog.getBook('17631075')).toMatchObject({ materialType: 'MAP', publisher: 'Taos news', year: 2012 });
    });
  });

  describe('when the file holds authority records, not bibliographic ones (auth-subset100.mrc, an Aleph export)', () => {
    it('should refuse each, saying it is an authority record', async () => {
      const { report } = await imported('auth-subset100.mrc');
      expect(report.records).toBe(17);
      expect(new Set(report.skipped.map((s) => `${s.code}: ${s.reason}`))).toEqual(new Set(['UNMAPPABLE_RECORD: leader/06 "z": an authority record, not a bibliographic one']));
      expect(report.skipped).toHaveLength(17);
    });
  });

  describe('when real files (Latin, Hebrew romanised, Cyrillic, Armenian; books, a DVD, a score, a map) are imported, exported and imported again', () => {
    it.each(['marc', 'marcxml'] as const)('should give the same catalogue back through %s', async (format) => {
      const { library: first } = aLibrary('desk');
      const files = ['camel.usmarc', 'badldr.usmarc', 'marc8.dat', 'hebrew.marc', 'FSL.marc', 'RDA_record_DVD_Jorge_Mautner.mrc', 'RDA_record_SCORE_Wiegenlied.mrc', 'RDA_record_MAP_2012_Enchanted_Circle.mrc'];
      // badldr.usmarc without the stray byte after its last record.
      await importMarc(first, stream(Buffer.concat(files.map((f) => (f === 'badldr.usmarc' ? fixture(f).subarray(0, -1) : fixture(f))))), { format: 'marc' });
      const second = aLibrary('desk').library;
      const report = await importMarc(second, stream(await exported(first, format)), { format });
      expect(report.skipped).toEqual([]);
      expect(report.records).toBe(10 + 6 + 1 + 20 + 52 + 3);
      expect(await catalogueOf(second)).toEqual(await catalogueOf(first));
    });
  });
});
