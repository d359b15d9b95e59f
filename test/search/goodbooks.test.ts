import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importGoodbooks, normalizeLanguage, recordIdOfRow } from '../../src/infrastructure/search/goodbooks.js';
import { InvertedIndexSearch } from '../../src/infrastructure/search/index.js';

/** The project root: the nearest folder above this file that holds package.json. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the test file');
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
const csvPath = path.resolve(repoRoot, '..', 'shared', 'data', 'goodbooks-10k', 'books.csv');
const haveData = existsSync(csvPath);
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '';

if (!haveData && inCi) {
  describe('goodbooks-10k data', () => {
    it('should be present next to the repository in CI', () => {
      throw new Error(`books.csv missing at ${path.relative(repoRoot, csvPath)}`);
    });
  });
} else if (!haveData) {
  console.warn(`skipping goodbooks-10k tests: ${path.relative(repoRoot, csvPath)} not found`);
}

/** The row's ISBN-10, padded, when its check digit holds (a separate, minimal check); null otherwise. */
function validIsbnOf(raw: string): string | null {
  if (raw.trim() === '') return null;
  const isbn = raw.trim().padStart(10, '0');
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (isbn[i] === 'X' ? 10 : Number(isbn[i])) * (10 - i);
  return sum % 11 === 0 ? isbn : null;
}

/** The rows of books.csv without a valid ISBN, as [book_id, title] (quoted commas only). */
function rowsWithoutIsbn(csv: string): [string, string][] {
  return csvRows(csv).flatMap((cols, i, all) => {
    if (i === 0) return [];
    const head = all[0]!;
    return validIsbnOf(cols[head.indexOf('isbn')] ?? '') === null ? [[cols[head.indexOf('book_id')] ?? '', cols[head.indexOf('title')] ?? '']] : [];
  });
}

/** The CSV's rows, split by a separate minimal reader (quoted commas only). */
function csvRows(csv: string): string[][] {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  return lines.map(split);
}

/** Language counts computed straight from the CSV. */
function languageCountsFromCsv(csv: string): Map<string, number> {
  const [head = [], ...rows] = csvRows(csv);
  const isbnAt = head.indexOf('isbn');
  const langAt = head.indexOf('language_code');
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const cols of rows) {
    const isbn = validIsbnOf(cols[isbnAt] ?? '');
    // A row without a valid ISBN is catalogued under its book_id, so it counts once; an ISBN counts once.
    if (isbn !== null && seen.has(isbn)) continue;
    if (isbn !== null) seen.add(isbn);
    const lang = normalizeLanguage(cols[langAt] ?? '');
    if (lang !== undefined) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(!haveData)('goodbooks-10k catalog', () => {
  let csv = '';
  let index = new InvertedIndexSearch();

  beforeAll(() => {
    csv = readFileSync(csvPath, 'utf8');
    index = new InvertedIndexSearch();
    index.addMany(importGoodbooks(csv).documents);
  });

  describe(InvertedIndexSearch, () => {
    describe('.search', () => {
      describe('when searching "harry potter"', () => {
        it('should rank Harry Potter books first', () => {
          const result = index.searchSync({ text: 'harry potter', limit: 10 });
          expect(result.hits).toHaveLength(10);
          for (const hit of result.hits) expect(hit.title).toMatch(/Harry Potter/);
        });
      });

      describe('when the author is misspelled "tolkein"', () => {
        it('should find Tolkien', () => {
          const top = index.searchSync({ text: 'tolkein', limit: 5 }).hits;
          expect(top.length).toBeGreaterThan(0);
          for (const hit of top) expect(hit.authors.join(', ')).toMatch(/Tolkien/);
        });
      });

      describe('when the accent is left out of "bronte"', () => {
        it('should find the Brontës', () => {
          const top = index.searchSync({ text: 'bronte' }).hits;
          expect(top.map((h) => h.title)).toEqual(expect.arrayContaining(['Jane Eyre', 'Wuthering Heights']));
          for (const hit of top) expect(hit.authors.join(', ')).toMatch(/Brontë/);
        });
      });

      describe('when the last word is unfinished "hunger ga"', () => {
        it('should find The Hunger Games', () => {
          expect(index.searchSync({ text: 'hunger ga' }).hits[0]?.title).toBe('The Hunger Games (The Hunger Games, #1)');
        });
      });

      describe('when the title is a single stop word "it"', () => {
        it('should still rank the exact title first', () => {
          expect(index.searchSync({ text: 'it' }).hits[0]).toMatchObject({ title: 'It', authors: ['Stephen King'] });
        });
      });

      describe('when filtering by author "Stephen King"', () => {
        it('should return only his books', () => {
          const result = index.searchSync({ author: 'Stephen King', limit: 1000 });
          expect(result.total).toBeGreaterThan(50);
          expect(result.hits).toHaveLength(result.total);
          for (const hit of result.hits) expect(hit.authors).toContain('Stephen King');
        });
      });

      describe('when rows have no valid ISBN', () => {
        it('should catalogue each under its book_id, found by its title, with no ISBN', () => {
          const missing = rowsWithoutIsbn(csv);
          expect(missing.length).toBeGreaterThan(600);
          const report = importGoodbooks(csv);
          expect(report.documents.filter((d) => d.isbn === undefined).map((d) => d.recordId)).toEqual(missing.map(([id]) => recordIdOfRow(id)));
          const [id, title] = missing[0]!;
          const hit = index.searchSync({ text: title, limit: 5 }).hits.find((h) => h.recordId === recordIdOfRow(id));
          expect(hit).toMatchObject({ title });
          expect(hit).not.toHaveProperty('isbn');
        });
      });

      describe('when counting language facets over the whole catalog', () => {
        it('should match counts computed directly from the CSV', () => {
          const facets = index.searchSync({ facets: true, limit: 0 }).facets;
          const expected = languageCountsFromCsv(csv);
          expect(new Map(facets?.languages.map((f) => [f.value, f.count]))).toEqual(expected);
        });
      });
    });
  });
});
