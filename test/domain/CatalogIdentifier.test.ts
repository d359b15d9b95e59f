import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/domain/catalog/CatalogError.js';
import { CatalogIdentifier } from '../../src/domain/catalog/CatalogIdentifier.js';
import { Isbn } from '../../src/domain/catalog/Isbn.js';
import { RecordId } from '../../src/domain/catalog/RecordId.js';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return CatalogError.is(error) ? error.code : 'not a CatalogError';
  }
};

describe('CatalogIdentifier', () => {
  describe('.parse', () => {
    describe('when the number is valid in its scheme', () => {
      it.each([
        ['ISBN', '0-262-03384-4', 'ISBN:9780262033848'],
        ['ISBN', '978-0-262-03384-8', 'ISBN:9780262033848'],
        ['ISSN', '0003486x', 'ISSN:0003-486X'],
        ['ISSN', '0317-8471', 'ISSN:0317-8471'],
        ['EAN', '4006381333931', 'EAN:4006381333931'],
        ['EAN', '9780262033848', 'ISBN:9780262033848'],
        ['UPC', '036000291452', 'UPC:036000291452'],
        ['LCCN', '85-2', 'LCCN:85000002'],
        ['LCCN', 'n  78890351 ', 'LCCN:n78890351'],
        ['LCCN', '2001-000002/AC/r932', 'LCCN:2001000002'],
      ] as const)('should read %s %s as %s', (scheme, raw, written) => {
        expect(CatalogIdentifier.parse(scheme, raw).toString()).toBe(written);
      });
    });

    describe('when the check digit or shape is wrong', () => {
      it.each([
        ['ISBN', '0-262-03384-5'],
        ['ISSN', '0003-4861'],
        ['EAN', '4006381333932'],
        ['UPC', '036000291453'],
        ['LCCN', 'not a number'],
      ] as const)('should refuse %s %s with INVALID_IDENTIFIER', (scheme, raw) => {
        expect(codeOf(() => CatalogIdentifier.parse(scheme, raw))).toBe('INVALID_IDENTIFIER');
      });
    });

    it('should write every ISBN-10 and its ISBN-13 as the same identifier', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^\d{9}$/), (body) => {
          const isbn = Isbn.fromTwelveDigits(`978${body}`);
          const ten = isbn.toIsbn10()!;
          expect(CatalogIdentifier.parse('ISBN', ten).toString()).toBe(CatalogIdentifier.parse('EAN', isbn.value).toString());
        }),
      );
    });
  });

  describe('.fromText', () => {
    describe('when the text names no scheme', () => {
      it('should read a bare number as an ISBN, and refuse an unknown scheme', () => {
        expect(CatalogIdentifier.fromText('0262033844').toString()).toBe('ISBN:9780262033848');
        expect(codeOf(() => CatalogIdentifier.fromText('DOI:10.1000/1'))).toBe('INVALID_IDENTIFIER');
      });
    });
  });
});

describe('RecordId', () => {
  describe('.key', () => {
    describe('when the text has the shape of an ISBN', () => {
      it('should give the ISBN-13, and refuse a wrong check digit with INVALID_ISBN', () => {
        expect(RecordId.key('0-262-03384-4')).toBe('9780262033848');
        expect(codeOf(() => RecordId.key('978-0-262-03384-7'))).toBe('INVALID_ISBN');
      });
    });

    describe('when the text is a record id', () => {
      it('should give it unchanged, and refuse one with other characters with INVALID_RECORD_ID', () => {
        expect(RecordId.key('KOHA-42')).toBe('KOHA-42');
        expect(codeOf(() => RecordId.key('a b'))).toBe('INVALID_RECORD_ID');
      });
    });
  });

  describe('.fromControlNumber', () => {
    describe('when MARC 003 names the agency', () => {
      it('should qualify the control number by it', () => {
        expect(RecordId.fromControlNumber(' 12345 ', 'OCoLC')).toBe('OCoLC-12345');
      });
    });

    describe('when there is no agency', () => {
      it('should keep the number, prefixed when it has the shape of an ISBN', () => {
        expect(RecordId.fromControlNumber('KOHA-42')).toBe('KOHA-42');
        expect(RecordId.fromControlNumber('9780262033848')).toBe('ctl-9780262033848');
      });

      it('should prefix a number of nine or more digits, which a caller giving it would have read as an ISBN', () => {
        expect(RecordId.fromControlNumber('000000040')).toBe('ctl-000000040');
        expect(RecordId.key(RecordId.fromControlNumber('000000040'))).toBe('ctl-000000040');
        expect(RecordId.fromControlNumber('42')).toBe('42');
      });
    });

    it('should give a valid record id for any control number with a letter or digit', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 80 }).filter((s) => /[A-Za-z0-9]/.test(s)), fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), (number, agency) => {
          const id = RecordId.fromControlNumber(number, agency);
          expect(RecordId.parse(id)).toBe(id);
          expect(RecordId.key(id)).toBe(id);
        }),
      );
    });
  });
});
