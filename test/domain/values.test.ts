import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/domain/catalog/CatalogError.js';
import { Isbn } from '../../src/domain/catalog/Isbn.js';
import { Money } from '../../src/domain/shared/Money.js';
import { ValidationError } from '../../src/domain/shared/ShelfmarkError.js';

describe('Isbn', () => {
  describe('.parse', () => {
    it('should normalise an ISBN-10 to its ISBN-13 form', () => {
      expect(Isbn.parse('0-262-03384-4').value).toBe('9780262033848');
    });

    it('should accept an X check digit', () => {
      expect(Isbn.parse('032157351X').value).toBe('9780321573513');
    });

    it('should accept hyphens and spaces in an ISBN-13', () => {
      expect(Isbn.parse('978-0-13-235088-4').value).toBe('9780132350884');
    });

    for (const bad of ['9780262033847', '0262033845', '12345', '', 'ISBN', '9770262033848', 'X262033844']) {
      describe(`when given "${bad}"`, () => {
        it('should throw INVALID_ISBN', () => {
          let error: unknown;
          try {
            Isbn.parse(bad);
          } catch (e) {
            error = e;
          }
          expect(CatalogError.is(error) && error.code).toBe('INVALID_ISBN');
        });
      });
    }
  });

  describe('.toIsbn10', () => {
    it('should give back the 10-digit form for 978 numbers', () => {
      expect(Isbn.parse('9780321573513').toIsbn10()).toBe('032157351X');
    });
  });
});

describe('Money', () => {
  describe('.of', () => {
    it('should refuse fractional minor units', () => {
      expect(() => Money.of(0.5, 'USD')).toThrow(ValidationError);
    });

    it('should refuse amounts beyond the safe-integer range', () => {
      expect(() => Money.of(2 ** 53, 'USD')).toThrow(ValidationError);
    });

    it('should refuse a malformed currency', () => {
      expect(() => Money.of(1, 'usd')).toThrow(ValidationError);
    });
  });

  describe('.nonNegative', () => {
    it('should refuse a negative amount', () => {
      expect(() => Money.nonNegative(-1, 'USD')).toThrow(ValidationError);
    });
  });

  describe('.plus', () => {
    it('should add in minor units', () => {
      expect(Money.of(25, 'USD').plus(Money.of(75, 'USD')).amount).toBe(100);
    });

    describe('when currencies differ', () => {
      it('should throw rather than mix them', () => {
        expect(() => Money.of(25, 'USD').plus(Money.of(25, 'INR'))).toThrow(ValidationError);
      });
    });
  });

  describe('.toString', () => {
    it('should print major units with two decimals', () => {
      expect(Money.of(1234, 'USD').toString()).toBe('USD 12.34');
      expect(Money.of(-5, 'INR').toString()).toBe('-INR 0.05');
    });
  });
});
