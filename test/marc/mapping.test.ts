import { describe, expect, it } from 'vitest';
import { MarcRecord } from '@natlibfi/marc-record';
import { entryOf, withoutIsbd } from '../../src/infrastructure/marc/mapping.js';
import { materialTypeOf } from '../../src/infrastructure/marc/materialTypes.js';
import { annalsRecord, cormenRecord, diacriticsRecord, f008, samuraiRecord } from './records.js';

describe('entryOf', () => {
  describe('when the record has an ISBN (Koha export)', () => {
    const { description, holdings } = entryOf(cormenRecord());

    it('should key it by the ISBN-13 and keep every identifier normalised', () => {
      expect(description.isbn).toBe('9780262033848');
      expect(description.recordId).toBeUndefined();
      expect(description.identifiers).toEqual(['LCCN:2009008593', 'ISBN:9780262033848']);
    });

    it('should take the title from 245 $a without ISBD punctuation, and the authors from 100 and 700', () => {
      expect(description.title).toBe('Introduction to algorithms');
      expect(description.authors).toEqual(['Cormen, Thomas H.', 'Leiserson, Charles E.', 'Rivest, Ronald L.']);
    });

    it('should take publisher and year from 264, subjects from 650, language from 008 and the description from 520', () => {
      expect(description).toMatchObject({
        publisher: 'MIT Press',
        year: 2009,
        subjects: ['Computer programming', 'Computer algorithms'],
        language: 'eng',
        description: 'A comprehensive introduction to the modern study of computer algorithms.',
        materialType: 'BOOK',
      });
    });

    it("should make each 952 a copy: barcode $p, branch $a, call number $o, item type $y through the mapping", () => {
      expect(holdings).toEqual([
        { barcode: '31000000001', branch: 'main', rack: '005.1 COR', loanCategory: 'STANDARD', status: 'AVAILABLE' },
        { barcode: '31000000002', branch: 'east', rack: '005.1 COR', loanCategory: 'REFERENCE', status: 'AVAILABLE' },
      ]);
    });
  });

  describe('when the record has no ISBN (a serial)', () => {
    const { description, holdings } = entryOf(annalsRecord());

    it('should key it by 003-001, take 245 $b, the 260 imprint, 041 language and subdivided subjects', () => {
      expect(description).toMatchObject({
        recordId: 'DLC-sn78004256',
        identifiers: ['ISSN:0003-486X'],
        title: 'Annals of mathematics: second series',
        publisher: 'Princeton University Press',
        year: 1884,
        language: 'eng',
        subjects: ['United States -- Mathematics -- Periodicals'],
        materialType: 'SERIAL',
      });
    });

    it('should catalogue it with no author (its publisher is not one), and read 852 holdings', () => {
      expect(description).toMatchObject({ authors: [], publisher: 'Princeton University Press' });
      expect(holdings).toEqual([{ barcode: 'S-0001', branch: 'main', rack: 'QA1 .A6', loanCategory: 'SHORT_LOAN', status: 'AVAILABLE' }]);
    });
  });

  describe('when the record is a DVD', () => {
    it('should read the UPC from 024, the corporate author from 110, the genre from 655, and call it a DVD', () => {
      expect(entryOf(samuraiRecord()).description).toMatchObject({
        recordId: 'ocm50542208',
        identifiers: ['UPC:715515012423'],
        authors: ['Toho Company'],
        subjects: ['Feature films'],
        language: 'jpn',
        year: 2002,
        materialType: 'DVD',
      });
    });
  });

  describe('when a Koha item is not for loan (952 $7 set, not 0)', () => {
    it('should shelve it as REFERENCE whatever its item type, and leave an item with $7 0 to its type', () => {
      const record = cormenRecord();
      record.fields = record.fields.map((f) => (f.tag === '952' && 'subfields' in f ? { ...f, subfields: [...f.subfields, { code: '7', value: f.subfields.some((s) => s.value === 'main') ? '1' : '0' }] } : f));
      expect(entryOf(record).holdings.map((h) => [h.barcode, h.loanCategory])).toEqual([
        ['31000000001', 'REFERENCE'],
        ['31000000002', 'REFERENCE'],
      ]);
      record.fields = record.fields.map((f) => (f.tag === '952' && 'subfields' in f ? { ...f, subfields: f.subfields.map((s) => (s.code === '7' ? { code: '7', value: '0' } : s)) } : f));
      expect(entryOf(record).holdings.map((h) => h.loanCategory)).toEqual(['STANDARD', 'REFERENCE']);
    });
  });

  describe('when the only ISBN is in 020 $z (cancelled or invalid)', () => {
    it('should neither key the record by it nor list it, and key it by 003-001', () => {
      const record = cormenRecord();
      record.fields = record.fields.map((f) => (f.tag === '020' ? { ...f, subfields: [{ code: 'z', value: '0262033844 (hardcover)' }] } : f));
      expect(entryOf(record).description).toMatchObject({ recordId: 'KOHA-42', identifiers: ['LCCN:2009008593'] });
      expect(entryOf(record).description).not.toHaveProperty('isbn');
    });
  });

  describe('when 008 gives no language and an older 041 $a runs several codes together', () => {
    it('should take the first code as the language', () => {
      const record = cormenRecord();
      record.fields = record.fields.map((f) => (f.tag === '008' ? { tag: '008', value: f008('2009', '   ') } : f));
      record.fields.push({ tag: '041', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: 'engfre' }] });
      expect(entryOf(record).description.language).toBe('eng');
    });
  });

  describe('when a standard number fails its check digit, or 020 $a holds no number at all', () => {
    it('should leave it out of the identifiers, never key the record by it, and still map the record', () => {
      for (const bad of ['0262033845', 'Basnet, Nirmardan,']) {
        const record = cormenRecord();
        record.fields = record.fields.map((f) => (f.tag === '020' ? { ...f, subfields: [{ code: 'a', value: bad }] } : f));
        expect(entryOf(record).description).toMatchObject({ recordId: 'KOHA-42', identifiers: ['LCCN:2009008593'], title: 'Introduction to algorithms' });
      }
    });
  });

  describe('when the record is an authority or a holdings record, not a bibliographic one', () => {
    it('should refuse it with UNMAPPABLE_RECORD, saying what it is', () => {
      const record = cormenRecord();
      record.leader = '00000cz  a2200000n  4500';
      expect(() => entryOf(record)).toThrow(expect.objectContaining({ code: 'UNMAPPABLE_RECORD', message: 'leader/06 "z": an authority record, not a bibliographic one' }));
    });
  });

  describe('when the publisher is not identified (RDA "[publisher not identified]", AACR2 "[s.n.]")', () => {
    it('should take no publisher from it, but the one a later imprint names', () => {
      for (const unknown of ['[publisher not identified],', '[s.n.],']) {
        const record = cormenRecord();
        record.fields = record.fields.map((f) => (f.tag === '264' ? { ...f, subfields: [{ code: 'b', value: unknown }, { code: 'c', value: '[2012]' }] } : f));
        expect(entryOf(record).description).not.toHaveProperty('publisher');
        record.fields.push({ tag: '260', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: 'MIT Press,' }] });
        expect(entryOf(record).description).toMatchObject({ publisher: 'MIT Press', year: 2012 });
      }
    });
  });

  describe('when the imprint is split over two 260s and the only name is a meeting (711)', () => {
    it('should take the publisher and year from the 260 that has them, and the meeting as author', () => {
      const record = cormenRecord();
      record.fields = [
        ...record.fields.filter((f) => !['100', '264', '700'].includes(f.tag)),
        { tag: '260', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'Moscow :.' }] },
        { tag: '260', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: 'Sov. khudozhnik,' }, { code: 'c', value: '1976.' }] },
        { tag: '711', ind1: '2', ind2: ' ', subfields: [{ code: 'a', value: 'Exhibition of works' }, { code: 'd', value: '(1976 ;' }] },
      ];
      expect(entryOf(record).description).toMatchObject({ publisher: 'Sov. khudozhnik', year: 1976, authors: ['Exhibition of works'] });
    });
  });

  describe('when the record has no title', () => {
    it('should refuse it with UNMAPPABLE_RECORD', () => {
      const record = new MarcRecord({ leader: '00000nam a2200000 a 4500', fields: [{ tag: '001', value: 'x1' }, { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: 'Anon' }] }] });
      expect(() => entryOf(record)).toThrow(expect.objectContaining({ code: 'UNMAPPABLE_RECORD' }));
    });
  });

  describe('when the record has neither ISBN nor 001', () => {
    it('should make the same id from its title, authors and year on every import', () => {
      const record = diacriticsRecord();
      record.fields = record.fields.filter((f) => f.tag !== '001' && f.tag !== '020');
      const id = entryOf(record).description.recordId;
      expect(id).toMatch(/^gen-[0-9a-f]{20}$/);
      expect(entryOf(record).description.recordId).toBe(id);
    });
  });
});

describe('withoutIsbd', () => {
  it.each([
    ['Introduction to algorithms /', 'Introduction to algorithms'],
    ['MIT Press,', 'MIT Press'],
    ['Cormen, Thomas H.', 'Cormen, Thomas H.'],
    ['Computer programming.', 'Computer programming'],
    ['King, Martin Luther, Jr.', 'King, Martin Luther, Jr.'],
    ['Annals of mathematics :', 'Annals of mathematics'],
    [': a gallery of Canadian greats', 'a gallery of Canadian greats'],
    ['/ by V.C. Andrews.', 'by V.C. Andrews'],
    ['Sidur Kol Yaakov ...', 'Sidur Kol Yaakov ...'],
  ])('should read %j as %j', (raw, clean) => {
    expect(withoutIsbd(raw)).toBe(clean);
  });
});

describe('materialTypeOf', () => {
  it.each([
    ['00000nam a2200000 a 4500', f008('2001', 'eng'), undefined, 'BOOK'],
    ['00000nam a2200000 a 4500', f008('2001', 'eng', 'd'), undefined, 'LARGE_PRINT'],
    ['00000nam a2200000 a 4500', f008('2001', 'eng', 'o'), undefined, 'EBOOK'],
    ['00000nas a2200000 a 4500', f008('2001', 'eng'), undefined, 'SERIAL'],
    ['00000nim a2200000 a 4500', undefined, undefined, 'AUDIOBOOK'],
    ['00000njm a2200000 a 4500', undefined, undefined, 'MUSIC'],
    ['00000ngm a2200000 a 4500', undefined, 'vd cvaizq', 'DVD'],
    ['00000ngm a2200000 a 4500', undefined, 'vf cbahou', 'VIDEO'],
    ['00000nem a2200000 a 4500', undefined, undefined, 'MAP'],
    ['00000ncm a2200000 a 4500', undefined, undefined, 'SCORE'],
  ] as const)('should read leader %j, 008 and 007 %j as %s', (leader, field008, field007, type) => {
    expect(materialTypeOf(leader, field008, field007)).toBe(type);
  });
});
