import { rng as seededRandom } from '../../../bench/search/generator.js';
import type { Availability, IsbnDocument } from '../../../src/application/ports/SearchIndex.js';
import { Isbn } from '../../../src/domain/catalog/Isbn.js';

/** A catalogue generated from a fixed seed: the same books, words and availability on every run. */
export interface Catalogue {
  readonly books: readonly IsbnDocument[];
  readonly availability: ReadonlyMap<string, Availability>;
  /** Every word used, so queries can pick real words (and misspell them). */
  readonly vocabulary: readonly string[];
  /** Unindexed words with thirteen indexed words one edit away. */
  readonly crowded: readonly string[];
  readonly authors: readonly string[];
  readonly subjects: readonly string[];
  readonly languages: readonly string[];
  readonly branches: readonly string[];
}

/** mulberry32: a small seeded generator, so the catalogue does not depend on Math.random (the benchmarks' own). */
export { rng as seededRandom } from '../../../bench/search/generator.js';
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'br', 'st', 'tr', 'gl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['', 'n', 'r', 's', 'l', 'nd', 'st', 'ck'];
const STOP_WORDS_USED = ['the', 'of', 'and', 'a', 'in', 'to', 'with'];
const SUBJECTS = ['Fiction', 'History', 'Science', 'Poetry', 'Travel', 'Cooking', 'Art', 'Philosophy'];
const LANGUAGES = ['en', 'fr', 'de', 'es'];
const BRANCHES = ['central', 'north', 'harbour'];

export function generateCatalogue(size: number, seed: number): Catalogue {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  /** Skewed towards the start of the list, so some words are frequent and most are rare. */
  const skewed = <T>(xs: readonly T[]): T => xs[Math.floor(random() ** 2.5 * xs.length)]!;

  const words = new Set<string>();
  while (words.size < 1500) {
    const syllables = 1 + Math.floor(random() * 4);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS) + (i === syllables - 1 ? pick(CODAS) : '');
    if (w.length >= 3) words.add(w);
  }
  // A few crowded neighbourhoods: each of ten words with twelve variants in its third letter, so that a query with
  // yet another third letter is one edit from thirteen words and the typo cap decides which ones count.
  const crowded: string[] = [];
  for (const base of [...words].filter((w) => w.length === 6).slice(0, 10)) {
    const variant = (letter: string): string => base.slice(0, 2) + letter + base.slice(3);
    const letters = Array.from('abcdefghijklmnopqrstuvwxyz').filter((l) => l !== base.charAt(2));
    for (const l of letters.slice(0, 12)) words.add(variant(l));
    crowded.push(...letters.slice(12).map(variant).filter((q) => !words.has(q)));
  }
  const vocabulary = [...words];
  const names = vocabulary.filter((w) => w.length >= 4).slice(0, 300).map((w) => w[0]!.toUpperCase() + w.slice(1));
  const authors = Array.from({ length: 400 }, () => `${pick(names)} ${pick(names)}`);
  const phrase = (min: number, max: number, stopShare: number): string =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => (random() < stopShare ? pick(STOP_WORDS_USED) : skewed(vocabulary))).join(' ');

  const books: IsbnDocument[] = [];
  const availability = new Map<string, Availability>();
  for (let i = 0; i < size; i++) {
    const thirteen = Isbn.fromTwelveDigits(`978${String(100_000_000 + i * 7919).slice(-9)}`);
    const isbn = i % 3 === 0 ? (thirteen.toIsbn10() ?? thirteen.value) : thirteen.value;
    const subjects = [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(SUBJECTS)))];
    const book: IsbnDocument = {
      isbn,
      title: phrase(1, 5, 0.15),
      authors: Array.from({ length: 1 + Math.floor(random() * 2) }, () => skewed(authors)),
      subjects,
      description: phrase(0, 14, 0.25),
      ...(random() < 0.9 ? { language: random() < 0.1 ? pick(LANGUAGES).toUpperCase() : pick(LANGUAGES) } : {}),
      ...(random() < 0.85 ? { year: 1850 + Math.floor(random() * 175) } : {}),
    };
    books.push(book);
    if (random() < 0.6) {
      const byBranch: Record<string, number> = {};
      let available = 0;
      for (const b of BRANCHES) {
        const n = random() < 0.4 ? 1 + Math.floor(random() * 3) : 0;
        if (n > 0) byBranch[b] = n;
        available += n;
      }
      availability.set(isbn, { available, byBranch });
    }
  }
  return { books, availability, vocabulary, crowded, authors, subjects: SUBJECTS, languages: LANGUAGES, branches: BRANCHES };
}
