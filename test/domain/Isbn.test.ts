import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/domain/catalog/CatalogError.js';
import { Isbn } from '../../src/domain/catalog/Isbn.js';

describe(Isbn, () => {
  describe('.tryParse', () => {
    describe('when given a valid ISBN-10 or ISBN-13', () => {
      it('should give the ISBN in its 13-digit form', () => {
        expect(Isbn.tryParse('0-439-02348-3')?.value).toBe('9780439023481');
        expect(Isbn.tryParse('978 0 13 595705 9')?.value).toBe('9780135957059');
        expect(Isbn.tryParse('054792822x')?.value).toBe('9780547928227');
      });
    });

    describe('when given anything else', () => {
      it('should give null', () => {
        expect(['0439023484', '9780135957050', '9770262033848', 'algorithms', ''].map((s) => Isbn.tryParse(s))).toEqual([null, null, null, null, null]);
      });
    });
  });

  describe('.fromTwelveDigits', () => {
    describe('when given 12 digits in the 978/979 range', () => {
      it('should append the check digit', () => {
        expect(Isbn.fromTwelveDigits('979100000001').value).toBe('9791000000015');
        expect(Isbn.fromTwelveDigits('978043902348').value).toBe('9780439023481');
      });
    });

    describe('when given anything else', () => {
      it('should throw INVALID_ISBN', () => {
        expect(() => Isbn.fromTwelveDigits('97910000001')).toThrow(CatalogError);
        expect(() => Isbn.fromTwelveDigits('977100000001')).toThrow(CatalogError);
      });
    });
  });
});
