import { describe, expect, it } from 'vitest';
import type { IsbnDocument } from '../../src/application/ports/SearchIndex.js';
import { InvertedIndexSearch, SearchError } from '../../src/infrastructure/search/index.js';
import { allBooks, Books } from './fixtures.js';

async function indexOf(docs: readonly IsbnDocument[], options: ConstructorParameters<typeof InvertedIndexSearch>[0] = {}): Promise<InvertedIndexSearch> {
  const index = new InvertedIndexSearch(options);
  for (const doc of docs) await index.upsert(doc);
  return index;
}

const isbns = (result: { hits: readonly { recordId: string }[] }): string[] => result.hits.map((h) => h.recordId);

describe(InvertedIndexSearch, () => {
  describe('.search', () => {
    describe('when a term appears in a title and in a description', () => {
      it('should rank the title match first (title boost)', async () => {
        const index = await indexOf(allBooks());
        const result = await index.search({ text: 'dragon' });
        expect(isbns(result)).toEqual([Books.dragonCookbook.isbn, Books.hobbit.isbn]);
        expect(result.total).toBe(2);
      });
    });

    describe('when every term matches some document', () => {
      it('should AND the terms', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ text: 'algorithms sedgewick' }))).toEqual([Books.sedgewick.isbn]);
      });
    });

    describe('when no document has all the terms', () => {
      it('should fall back to OR', async () => {
        const index = await indexOf(allBooks());
        const result = await index.search({ text: 'hobbit algorithms', limit: 10 });
        expect(result.total).toBe(4);
        expect(isbns(result)).toContain(Books.hobbit.isbn);
      });
    });

    describe('when the name is typed without accents', () => {
      it('should find the accented author', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ text: 'bronte' }))).toEqual([Books.janeEyre.isbn]);
        expect(isbns(await index.search({ text: 'etranger' }))).toEqual([Books.etranger.isbn]);
      });
    });

    describe('when the titles and names are Chinese, Japanese or Korean', () => {
      const cjk: IsbnDocument[] = [
        { isbn: '9784000000001', title: '米国の統治の仕組み', authors: ['山田太郎'], subjects: [], language: 'ja', year: 2004 },
        { isbn: '9787000000001', title: '中华人民共和国史', authors: ['王'], subjects: [], language: 'zh', year: 1999 },
        { isbn: '9788900000001', title: '한국의 역사와 문화', authors: ['김철수'], subjects: [], language: 'ko', year: 2010 },
      ];

      it('should find a word wherever it stands in a title, by its characters two by two', async () => {
        const index = await indexOf([...allBooks(), ...cjk]);
        expect(isbns(await index.search({ text: '統治' }))).toEqual(['9784000000001']);
        expect(isbns(await index.search({ text: '仕組み' }))).toEqual(['9784000000001']);
        expect(isbns(await index.search({ text: '共和国' }))).toEqual(['9787000000001']);
        expect(isbns(await index.search({ text: '역사' }))).toEqual(['9788900000001']);
      });

      it('should find one character alone, a surname or the end of a title', async () => {
        const index = await indexOf([...allBooks(), ...cjk]);
        expect(isbns(await index.search({ text: '王' }))).toEqual(['9787000000001']);
        expect(isbns(await index.search({ text: '史' }))).toEqual(['9787000000001']);
        expect(isbns(await index.search({ text: '', author: '山田太郎' }))).toEqual(['9784000000001']);
      });
    });

    describe('when the last term is a prefix', () => {
      it('should expand it over the dictionary', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ text: 'sedge' }))).toEqual([Books.sedgewick.isbn]);
      });

      it('should not expand it when prefix matching is off', async () => {
        const index = await indexOf(allBooks(), { prefixLastTerm: false });
        expect((await index.search({ text: 'sedge' })).total).toBe(0);
      });
    });

    describe('when a term has a typo', () => {
      it('should match within one edit for terms of five letters or more', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ text: 'tolkein' }))).toEqual([Books.hobbit.isbn]);
        expect(isbns(await index.search({ text: 'cormne' }))).toEqual([Books.algorithms.isbn]);
      });

      it('should match within two edits for terms of nine letters or more', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ text: 'leisersno' }))).toEqual([Books.algorithms.isbn]);
        expect(isbns(await index.search({ text: 'leiserrsonn' }))).toEqual([Books.algorithms.isbn]);
      });

      it('should not match short terms loosely', async () => {
        const index = await indexOf(allBooks(), { prefixLastTerm: false });
        expect((await index.search({ text: 'hobit' })).total).toBe(2);
        expect((await index.search({ text: 'jabe' })).total).toBe(0);
      });
    });

    describe('when the text is an ISBN', () => {
      it('should look it up exactly, in either ISBN form and with hyphens', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ text: '0-14-243720-4' }))).toEqual([Books.janeEyre.isbn]);
        expect(isbns(await index.search({ text: '978-0-14-243720-9' }))).toEqual([Books.janeEyre.isbn]);
        expect((await index.search({ text: '9780141439518' })).total).toBe(0);
      });
    });

    describe('when filters are given', () => {
      it('should restrict by author, language, subject and years', async () => {
        const index = await indexOf(allBooks());
        expect(isbns(await index.search({ author: 'Robert Sedgewick' }))).toEqual([Books.sedgewick.isbn]);
        expect(isbns(await index.search({ language: 'FR' }))).toEqual([Books.etranger.isbn]);
        expect(isbns(await index.search({ text: 'algorithms', subject: 'computer science', yearFrom: 2020 }))).toEqual([Books.algorithms.isbn]);
        expect((await index.search({ text: 'hobbit', yearTo: 1900 })).total).toBe(0);
        expect((await index.search({ subject: 'No Such Subject' })).total).toBe(0);
      });

      it('should match the author as one name, not as scattered tokens', async () => {
        const index = await indexOf([
          { isbn: '1', title: 'One', authors: ['Stephen King'], subjects: [] },
          { isbn: '2', title: 'Two', authors: ['Stephen Fry', 'Carole King'], subjects: [] },
        ]);
        expect(isbns(await index.search({ author: 'stephen king' }))).toEqual(['1']);
      });
    });

    describe('when facets are requested', () => {
      it('should count every match, not only the page', async () => {
        const index = await indexOf(allBooks());
        const result = await index.search({ text: 'fiction', facets: true, limit: 1 });
        expect(result.hits).toHaveLength(1);
        expect(result.total).toBe(2);
        expect(result.facets).toEqual({
          subjects: [{ value: 'fiction', count: 2 }, { value: 'classics', count: 1 }, { value: 'fantasy', count: 1 }],
          languages: [{ value: 'en', count: 2 }],
          decades: [{ value: '1840s', count: 1 }, { value: '1930s', count: 1 }],
          formats: [],
          materialTypes: [{ value: 'BOOK', count: 2 }],
        });
      });
    });

    describe('when paginating', () => {
      it('should return consecutive pages of the same exact ranking', async () => {
        const index = await indexOf(allBooks());
        const all = await index.search({ limit: 6 });
        const page1 = await index.search({ limit: 2, offset: 0 });
        const page2 = await index.search({ limit: 2, offset: 2 });
        expect([...isbns(page1), ...isbns(page2)]).toEqual(isbns(all).slice(0, 4));
        expect(page2.total).toBe(6);
      });
    });

    describe('when the query is invalid', () => {
      it.each([
        [{ limit: -1 }],
        [{ limit: 1.5 }],
        [{ offset: -3 }],
        [{ yearFrom: 2000, yearTo: 1990 }],
      ])('should reject %j with INVALID_QUERY', async (query) => {
        const index = await indexOf(allBooks());
        const error: unknown = await index.search(query).catch((e: unknown) => e);
        expect(SearchError.is(error)).toBe(true);
        expect(SearchError.is(error) && error.code).toBe('INVALID_QUERY');
      });
    });
  });

  describe('.upsert', () => {
    describe('when the ISBN is already indexed', () => {
      it('should replace the old version without a rebuild', async () => {
        const index = await indexOf(allBooks());
        await index.upsert({ ...Books.hobbit, title: 'There and Back Again', description: 'A journey.' });
        expect((await index.search({ text: 'baggins' })).total).toBe(0);
        expect(isbns(await index.search({ text: 'there and back' }))).toEqual([Books.hobbit.isbn]);
        expect(index.size).toBe(6);
      });
    });

    describe('when the ISBN is already indexed with copies on the shelf', () => {
      it('should keep its availability for the new version, as upserting many does', async () => {
        for (const write of ['upsert', 'upsertMany'] as const) {
          const index = await indexOf(allBooks());
          await index.setAvailability(Books.hobbit.isbn, { available: 2, byBranch: { north: 2 }, formats: ['PRINT'] });
          const revised = { ...Books.hobbit, title: 'The Hobbit, or There and Back Again' };
          if (write === 'upsert') await index.upsert(revised);
          else await index.upsertMany([revised, Books.janeEyre]);
          expect([write, (await index.search({ text: 'there and back' })).hits[0]]).toMatchObject([write, { recordId: Books.hobbit.isbn, availableCopies: 2, formats: ['PRINT'] }]);
          expect([write, isbns(await index.search({ branch: 'north' }))]).toEqual([write, [Books.hobbit.isbn]]);
        }
      });
    });

    describe('when the document has no ISBN', () => {
      it('should throw INVALID_DOCUMENT', async () => {
        const index = new InvertedIndexSearch();
        await expect(index.upsert({ isbn: ' ', title: 'x', authors: [], subjects: [] })).rejects.toThrow(SearchError);
      });
    });
  });

  describe('.remove', () => {
    it('should drop the document from results, totals and facets', async () => {
      const index = await indexOf(allBooks());
      await index.search({ text: 'hobbit', facets: true });
      await index.remove(Books.hobbit.isbn);
      const result = await index.search({ text: 'hobbit', facets: true });
      expect(isbns(result)).toEqual([Books.dragonCookbook.isbn]);
      expect(result.facets?.subjects).toEqual([{ value: 'cooking', count: 1 }]);
    });

    describe('when many documents churn', () => {
      it('should stay correct across compactions', async () => {
        const index = new InvertedIndexSearch();
        for (let round = 0; round < 5; round++) {
          for (let i = 0; i < 2000; i++) {
            await index.upsert({ isbn: `b${i}`, title: `volume ${round} ${i % 2 === 0 ? 'even' : 'odd'}`, authors: [], subjects: [] });
          }
        }
        for (let i = 0; i < 1000; i++) await index.remove(`b${i}`);
        expect(index.size).toBe(1000);
        expect((await index.search({ text: 'even' })).total).toBe(500);
        expect((await index.search({ text: '3' })).total).toBe(0);
        expect((await index.search({ text: '4' })).total).toBe(1000);
      });
    });
  });

  describe('.setAvailability', () => {
    it('should keep the available-only filter current', async () => {
      const index = await indexOf(allBooks());
      await index.setAvailability(Books.hobbit.isbn, { available: 2, byBranch: { central: 2 } });
      expect(isbns(await index.search({ text: 'hobbit', availableOnly: true }))).toEqual([Books.hobbit.isbn]);
      await index.setAvailability(Books.hobbit.isbn, { available: 0, byBranch: {} });
      expect((await index.search({ text: 'hobbit', availableOnly: true })).total).toBe(0);
      expect((await index.search({ text: 'hobbit', branch: 'central' })).total).toBe(0);
    });

    it('should filter by branch and report available copies', async () => {
      const index = await indexOf(allBooks());
      await index.setAvailability(Books.hobbit.isbn, { available: 3, byBranch: { north: 1, south: 2 } });
      await index.setAvailability(Books.janeEyre.isbn, { available: 1, byBranch: { south: 1 } });
      const north = await index.search({ branch: 'north' });
      expect(isbns(north)).toEqual([Books.hobbit.isbn]);
      expect(north.hits[0]?.availableCopies).toBe(3);
      expect((await index.search({ branch: 'south' })).total).toBe(2);
    });

    it('should boost available titles slightly', async () => {
      const index = await indexOf(allBooks());
      const before = await index.search({ text: 'algorithms' });
      await index.setAvailability(before.hits[1]!.recordId, { available: 1, byBranch: {} });
      const after = await index.search({ text: 'algorithms' });
      expect(after.hits[1]!.score).toBeCloseTo(before.hits[1]!.score * 1.1, 10);
    });

    describe('when the title is indexed after its availability arrives', () => {
      it('should apply the pending availability', async () => {
        const index = new InvertedIndexSearch();
        await index.setAvailability(Books.hobbit.isbn, { available: 1, byBranch: {} });
        await index.upsert(Books.hobbit);
        expect((await index.search({ availableOnly: true })).hits[0]?.availableCopies).toBe(1);
      });
    });

    describe('when a title is removed and indexed again', () => {
      it('should keep its availability', async () => {
        const index = await indexOf(allBooks());
        await index.setAvailability(Books.hobbit.isbn, { available: 1, byBranch: { north: 1 } });
        await index.remove(Books.hobbit.isbn);
        await index.upsert(Books.hobbit);
        expect(isbns(await index.search({ branch: 'north' }))).toEqual([Books.hobbit.isbn]);
      });
    });

    describe('when the counts are negative', () => {
      it('should throw INVALID_AVAILABILITY', async () => {
        const index = new InvertedIndexSearch();
        await expect(index.setAvailability('x', { available: -1, byBranch: {} })).rejects.toMatchObject({ code: 'INVALID_AVAILABILITY' });
      });
    });
  });

  describe('caching', () => {
    it('should not serve a cached result after a write', async () => {
      const index = await indexOf(allBooks(), { cacheSize: 8 });
      const first = await index.search({ text: 'hobbit' });
      expect(await index.search({ text: 'hobbit' })).toBe(first);
      await index.remove(Books.dragonCookbook.isbn);
      expect((await index.search({ text: 'hobbit' })).total).toBe(1);
    });
  });
});
