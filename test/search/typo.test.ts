import { describe, expect, it } from 'vitest';
import { InvertedIndexSearch } from '../../src/infrastructure/search/index.js';
import { DeletionIndex, damerauDistance, maxEditsFor } from '../../src/infrastructure/search/typo.js';
import { allBooks, Books } from './fixtures.js';

const isbns = (result: { hits: readonly { recordId: string }[] }): string[] => result.hits.map((h) => h.recordId).sort();

function indexOf(options: ConstructorParameters<typeof InvertedIndexSearch>[0] = {}): InvertedIndexSearch {
  const index = new InvertedIndexSearch(options);
  index.addMany(allBooks());
  index.addMany([
    { isbn: '9780000000101', title: 'Dragon Lore', authors: ['Mira Vale'], subjects: [] },
    { isbn: '9780000000102', title: 'Dragoon Tactics', authors: ['Oren Pike'], subjects: [] },
  ]);
  return index;
}

describe(DeletionIndex, () => {
  describe('.lookup', () => {
    describe('when a long word has two substitutions', () => {
      it('should find the indexed word (2-deletions on both sides)', () => {
        const index = new DeletionIndex();
        index.add('leiserson', 7);
        expect(index.lookup('leizersan')).toEqual([{ termId: 7, distance: 2 }]);
      });
    });

    describe('when the query word is shorter than five letters', () => {
      it('should find nothing', () => {
        const index = new DeletionIndex();
        index.add('hobbit', 1);
        index.add('jane', 2);
        expect(index.lookup('jabe')).toEqual([]);
      });
    });

    describe('when several indexed words stand for one term', () => {
      it('should report the term once with its nearest distance', () => {
        const index = new DeletionIndex();
        index.add('algorithm', 3);
        index.add('algorithms', 3);
        expect(index.lookup('algoritms')).toEqual([{ termId: 3, distance: 1 }]);
      });
    });
  });
});

describe(maxEditsFor, () => {
  it('should allow no edit below 5 letters, 1 from 5 and 2 from 9', () => {
    expect(['jabe', 'hobit', 'leisrson', 'leizersan'].map(maxEditsFor)).toEqual([0, 1, 1, 2]);
  });
});

describe(damerauDistance, () => {
  it('should count an adjacent transposition as one edit', () => {
    expect(damerauDistance('tolkein', 'tolkien', 2)).toBe(1);
    expect(damerauDistance('leizersan', 'leiserson', 2)).toBe(2);
    expect(damerauDistance('leizerzan', 'leiserson', 2)).toBe(3);
  });
});

describe(InvertedIndexSearch, () => {
  describe('.search', () => {
    describe('when a word of nine letters or more has two substitutions', () => {
      it('should match within two edits', async () => {
        const index = indexOf();
        expect(isbns(await index.search({ text: 'leizersan' }))).toEqual([Books.algorithms.isbn]);
        expect(isbns(await index.search({ text: 'alguritnms' }))).toEqual([Books.algorithms.isbn, Books.sedgewick.isbn].sort());
      });
    });

    describe('when a word of eight letters has two edits', () => {
      it('should not match', async () => {
        const index = indexOf({ prefixLastTerm: false });
        expect((await index.search({ text: 'laisersn' })).total).toBe(0);
      });
    });

    describe('when the typed word is compared with the words as written in the catalogue', () => {
      it('should match a word whose stem differs from the typo’s stem', async () => {
        const index = indexOf({ prefixLastTerm: false });
        expect(isbns(await index.search({ text: 'algoritms' }))).toEqual([Books.algorithms.isbn, Books.sedgewick.isbn].sort());
      });
    });

    describe('when an unknown last word is also a prefix of indexed words', () => {
      it('should add its typo candidates to its prefix expansions', async () => {
        const index = indexOf();
        expect(isbns(await index.search({ text: 'dragoo' }))).toEqual(
          [Books.hobbit.isbn, Books.dragonCookbook.isbn, '9780000000101', '9780000000102'].sort(),
        );
      });
    });

    describe('when typo tolerance is off', () => {
      it('should not match a misspelt word', async () => {
        const index = indexOf({ typoTolerance: false, prefixLastTerm: false });
        expect((await index.search({ text: 'tolkein' })).total).toBe(0);
      });
    });
  });
});
