import { Readable } from 'node:stream';
import { MarcRecord } from '@natlibfi/marc-record';
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameIso2709, parseIso2709, writeIso2709 } from '../../src/infrastructure/marc/iso2709.js';
import { EACC_ENTRIES } from '../../src/infrastructure/marc/eaccTable.js';
import { decodeMarc8, encodeMarc8 } from '../../src/infrastructure/marc/marc8.js';
import { parseMarcxml, writeMarcxml } from '../../src/infrastructure/marc/marcxml.js';
import { detectFormat, readMarc } from '../../src/infrastructure/marc/reader.js';
import { annalsRecord, cormenRecord, diacriticsRecord } from './records.js';

const chunked = (bytes: Buffer, size: number): AsyncIterable<Buffer> =>
  Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
const fieldsOf = (record: MarcRecord): unknown => record.toObject().fields;
const controlNumber = (record: MarcRecord): string => record.getControlfields().find((f) => f.tag === '001')?.value ?? '';
const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('parseIso2709', () => {
  describe('when the MARC library wrote the record in UTF-8', () => {
    it('should read back every field, diacritics included', () => {
      for (const record of [cormenRecord(), diacriticsRecord()]) {
        const bytes = Buffer.from(ISO2709.to(record), 'utf8');
        expect(fieldsOf(parseIso2709(bytes))).toEqual(fieldsOf(record));
      }
    });
  });

  describe('when the record is MARC-8 (leader/09 blank)', () => {
    it('should decode ANSEL letters and combining marks to NFC Unicode', () => {
      const bytes = writeIso2709(diacriticsRecord(), encodeMarc8, ' ');
      expect(bytes.includes(Buffer.from('Ærø', 'utf8'))).toBe(false);
      const read = parseIso2709(bytes);
      expect(read.leader.charAt(9)).toBe(' ');
      expect(fieldsOf(read)).toEqual(fieldsOf(diacriticsRecord()));
    });
  });

  describe('when the record has quirks real exports have', () => {
    const dataFieldOf = (record: MarcRecord, tag: string): unknown => record.toObject().fields.find((f) => f.tag === tag);
    it('should take the first two characters of an indicator part of three, and # as a blank', () => {
      const bytes = writeIso2709(cormenRecord());
      const text = bytes.toString('latin1').replace('\x1e1 \x1faCormen', '\x1e1#\x1faCormen').replace('\x1e  \x1faA comprehensive', '\x1e  \\\x1faA comprehensiv');
      const read = parseIso2709(Buffer.from(text, 'latin1'));
      expect(dataFieldOf(read, '100')).toMatchObject({ ind1: '1', ind2: ' ' });
      expect(dataFieldOf(read, '520')).toMatchObject({ ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'A comprehensiv introduction to the modern study of computer algorithms.' }] });
    });

    it('should read a record whose leader counts its length in characters, not bytes', () => {
      const bytes = writeIso2709(diacriticsRecord());
      bytes.write(String(bytes.length - 3).padStart(5, '0'), 0, 'latin1');
      expect(fieldsOf(parseIso2709(bytes))).toEqual(fieldsOf(diacriticsRecord()));
    });

    it('should read UTF-8 decomposed (a letter, then its mark) as NFC', () => {
      const record = diacriticsRecord();
      const bytes = writeIso2709(record, (t) => Buffer.from(t.normalize('NFD'), 'utf8'));
      expect(fieldsOf(parseIso2709(bytes))).toEqual(fieldsOf(record));
    });
  });

  describe('when the record is broken', () => {
    const good = (): Buffer => writeIso2709(cormenRecord());
    it('should refuse a leader without a record length with BAD_LEADER', () => {
      const bytes = good();
      bytes.write('12a45', 0, 'latin1');
      expect(codeOf(() => parseIso2709(bytes))).toBe('BAD_LEADER');
    });

    it('should refuse a directory entry pointing outside the record with BAD_DIRECTORY', () => {
      const bytes = good();
      bytes.write('99999', 24 + 7, 'latin1');
      expect(codeOf(() => parseIso2709(bytes))).toBe('BAD_DIRECTORY');
    });

    it('should refuse a directory that is not whole entries with BAD_DIRECTORY', () => {
      const bytes = good();
      bytes.write('0a', 24 + 3, 'latin1');
      expect(codeOf(() => parseIso2709(bytes))).toBe('BAD_DIRECTORY');
    });

    it('should refuse a record cut short with TRUNCATED_RECORD', () => {
      const bytes = good();
      expect(codeOf(() => parseIso2709(bytes.subarray(0, bytes.length - 40)))).toBe('TRUNCATED_RECORD');
      expect(codeOf(() => parseIso2709(bytes.subarray(0, 10)))).toBe('TRUNCATED_RECORD');
    });

    it('should refuse bytes that are not UTF-8 in a UTF-8 record with INVALID_UTF8', () => {
      const bytes = writeIso2709(diacriticsRecord());
      const at = bytes.indexOf(Buffer.from('Ærø', 'utf8'));
      bytes[at + 1] = 0x41; // the second byte of a two-byte character
      expect(codeOf(() => parseIso2709(bytes))).toBe('INVALID_UTF8');
    });
  });
});

describe('frameIso2709', () => {
  describe('when a file holds several records and a truncated tail, in chunks of any size', () => {
    it('should give each record whole, number them, and give the tail as a record to refuse', async () => {
      const file = Buffer.concat([writeIso2709(cormenRecord()), writeIso2709(annalsRecord()), writeIso2709(diacriticsRecord()).subarray(0, 50)]);
      for (const size of [1, 7, 4096]) {
        const read = [];
        for await (const r of readMarc(chunked(file, size), 'marc')) read.push('error' in r ? `${r.position}:${r.error.code}` : `${r.position}:${controlNumber(r.record)}`);
        expect(read).toEqual(['1:42', '2:sn78004256', '3:TRUNCATED_RECORD']);
      }
    });
  });

  it('should frame records from the frames alone, without reading them', async () => {
    const frames = [];
    for await (const f of frameIso2709(chunked(Buffer.concat([writeIso2709(cormenRecord()), writeIso2709(annalsRecord())]), 100))) frames.push(f.position);
    expect(frames).toEqual([1, 2]);
  });
});

describe('parseMarcxml', () => {
  describe('when the MARC library wrote the record, with or without a namespace prefix', () => {
    it('should read back every field', async () => {
      const xml = writeMarcxml(diacriticsRecord());
      expect(fieldsOf(await parseMarcxml(Buffer.from(xml, 'utf8')))).toEqual(fieldsOf(diacriticsRecord()));
      const prefixed = xml.replace(/<(\/?)(record|leader|controlfield|datafield|subfield)/g, '<$1marc:$2').replace('xmlns=', 'xmlns:marc=');
      expect(fieldsOf(await parseMarcxml(Buffer.from(prefixed, 'utf8')))).toEqual(fieldsOf(diacriticsRecord()));
    });
  });

  describe('when a collection holds a malformed record between good ones', () => {
    it('should read the good ones and report the bad one by position', async () => {
      const bad = '<record><leader>00000nam a2200000 a 4500</leader><datafield tag="245"><subfield code="a">Broken</datafield></record>';
      const file = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">${MARCXML.to(cormenRecord(), { omitDeclaration: true })}${bad}${MARCXML.to(annalsRecord(), { omitDeclaration: true })}</collection>`, 'utf8');
      const read = [];
      for await (const r of readMarc(chunked(file, 333), 'marcxml')) read.push('error' in r ? `${r.position}:${r.error.code}` : `${r.position}:ok`);
      expect(read).toEqual(['1:ok', '2:MALFORMED_XML', '3:ok']);
    });
  });

  describe('when an empty record element (<record/>, <marc:record … />) comes before a good one', () => {
    it('should refuse the empty one by its position and read the next, not run the two together', async () => {
      const file = Buffer.from(`<collection xmlns="http://www.loc.gov/MARC21/slim"><record/><marc:record xmlns:marc="http://www.loc.gov/MARC21/slim" />${MARCXML.to(cormenRecord(), { omitDeclaration: true })}</collection>`, 'utf8');
      for (const size of [5, 4096]) {
        const read = [];
        for await (const r of readMarc(chunked(file, size), 'marcxml')) read.push('error' in r ? `${r.position}:${r.error.code}` : `${r.position}:${controlNumber(r.record)}`);
        expect(read).toEqual(['1:MALFORMED_XML', '2:MALFORMED_XML', '3:42']);
      }
    });
  });
});

describe('decodeMarc8', () => {
  describe('when an escape selects another single-byte set, as G0 or G1', () => {
    it('should decode Cyrillic, Hebrew and subscripts by the Library of Congress tables, and return to ASCII', () => {
      expect(decodeMarc8(Buffer.from('\x1b(NABC\x1b(B!', 'latin1'))).toBe('\u0430\u0431\u0446!');
      expect(decodeMarc8(Buffer.from('\x1b)2\xe0\xe1', 'latin1'))).toBe('\u05d0\u05d1');
      expect(decodeMarc8(Buffer.from('H\x1bb2\x1bsO', 'latin1'))).toBe('H\u2082O');
    });
  });

  describe('when the record switches to the East Asian set (EACC)', () => {
    it('should read three bytes a character, as G0 or G1, a space or a control between them as one byte', () => {
      // 米国の統治 (OCLC ocn503001208's 880), then back to ASCII
      expect(decodeMarc8(Buffer.from('\x1b$1!PVK7oi$N!Q1!G4\x1b(B!', 'latin1'))).toBe('\u7c73\u56fd\u306e\u7d71\u6cbb!');
      expect(decodeMarc8(Buffer.from('\x1b$1!PV K7o\x1b(B', 'latin1'))).toBe('\u7c73 \u56fd');
      expect(decodeMarc8(Buffer.from('\x1b$)1\xa1\xd0\xd6x', 'latin1'))).toBe('\u7c73x');
      expect(decodeMarc8(Buffer.from('\x1b$,1!PV\x1b(B', 'latin1'))).toBe('\u7c73');
    });

    it('should read a subfield code as ASCII while the set stays in effect across the delimiter', () => {
      expect(decodeMarc8(Buffer.from('\x1b$1!PV\x1fbK7o\x1b(B', 'latin1'))).toBe('\u7c73\x1fb\u56fd');
      expect(decodeMarc8(Buffer.from('\x1b(2\x60\x1fb\x61\x1b(B', 'latin1'))).toBe('\u05d0\x1fb\u05d1');
    });

    it('should read the characters the Library of Congress maps past the Basic Multilingual Plane and to Hangul', () => {
      expect(decodeMarc8(Buffer.from('\x1b$1!uY\x1b(B', 'latin1'))).toBe('\u{212c4}');
      expect(decodeMarc8(Buffer.from("\x1b$1ow<\x1b(B", 'latin1'))).toBe('\uc717');
    });

    it('should decode every character of the table to its code point, as G0 and as G1', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: EACC_ENTRIES.length * 64 - 1 }), (n) => {
          const line = EACC_ENTRIES[Math.floor(n / 64)] ?? '';
          const at = (n % 64) * 11;
          fc.pre(at < line.length);
          const bytes = Buffer.from(line.slice(at, at + 6), 'hex');
          const char = String.fromCodePoint(parseInt(line.slice(at + 6, at + 11), 16)).normalize('NFC');
          expect(decodeMarc8(Buffer.concat([Buffer.from('\x1b$1', 'latin1'), bytes]))).toBe(char);
          expect(decodeMarc8(Buffer.concat([Buffer.from('\x1b$)1', 'latin1'), bytes.map((b) => b | 0x80)]))).toBe(char);
        }),
        { numRuns: 2000 },
      );
    });

    it('should refuse bytes that are no character of it (OCLC writes an unmapped one as the text {6924f6}), or cut short', () => {
      const unmapped = Buffer.from('\x1b$1!PV{6924f6}\x1b(B', 'latin1');
      expect(codeOf(() => decodeMarc8(unmapped))).toBe('UNSUPPORTED_ENCODING');
      expect(() => decodeMarc8(unmapped)).toThrow("bytes 0x7b 0x36 0x39 are not a character of MARC-8's East Asian (EACC) set");
      expect(codeOf(() => decodeMarc8(Buffer.from('\x1b$1!0', 'latin1')))).toBe('UNSUPPORTED_ENCODING');
    });
  });

  describe('when the record uses an escape MARC-8 does not define', () => {
    it('should refuse it with UNSUPPORTED_ENCODING rather than read it wrong', () => {
      expect(codeOf(() => decodeMarc8(Buffer.from('i\x1bt\xe2e', 'latin1')))).toBe('UNSUPPORTED_ENCODING');
      expect(codeOf(() => decodeMarc8(Buffer.from('\x1b$2!!!', 'latin1')))).toBe('UNSUPPORTED_ENCODING');
    });
  });

  it('should drop the non-sort marks (0x88, 0x89) around an initial article', () => {
    expect(decodeMarc8(Buffer.from('\x88The \x89end', 'latin1'))).toBe('The end');
  });

  it('should move each combining mark after its letter', () => {
    expect(decodeMarc8(Buffer.from([0xe2, 0x65, 0x74, 0xe8, 0x75]))).toBe('étü');
  });
});

describe('detectFormat', () => {
  it.each([
    ['<?xml version="1.0"?><collection>', 'marcxml'],
    ['\ufeff  <collection>', 'marcxml'],
    ['01234nam a2200289 a 4500', 'marc'],
    ['book_id,isbn,authors', 'csv'],
  ] as const)('should read %j as %s', (head, format) => {
    expect(detectFormat(Buffer.from(head, 'utf8'))).toBe(format);
  });
});
