import type { IsbnDocument } from '../../src/application/ports/SearchIndex.js';

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pr', 'qu', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'th', 'nd', 'st', 'm', 'ck', 'x'];

export const SUBJECTS: readonly string[] = [
  'Fiction', 'Fantasy', 'Science Fiction', 'Mystery', 'Thriller', 'Romance', 'Horror', 'Historical Fiction', 'Biography',
  'History', 'Science', 'Mathematics', 'Computer Science', 'Philosophy', 'Poetry', 'Drama', 'Children', 'Young Adult',
  'Travel', 'Cooking', 'Art', 'Music', 'Economics', 'Politics', 'Psychology', 'Religion', 'Sports', 'Health', 'Law',
  'Education', 'Nature', 'Adventure', 'Classics', 'Comics', 'Crime', 'Humor', 'Memoir', 'Self Help', 'Business', 'Essays',
];
export const LANGUAGES: readonly string[] = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'ja'];
const LANGUAGE_WEIGHTS = [0.55, 0.1, 0.08, 0.07, 0.05, 0.04, 0.03, 0.03, 0.03, 0.02];

/**
 * Zipf–Mandelbrot sampler of ranks 0..n-1 with probability ∝ 1/(rank + 1 + q)^s. The offset q models text after
 * stop-word removal: the most frequent content word appears in about a tenth of the descriptions, not in all.
 */
export function zipf(n: number, s: number, random: () => number, q = 0): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / Math.pow(i + 1 + q, s);
    cdf[i] = sum;
  }
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function pseudoWords(count: number, random: () => number, minSyllables: number): string[] {
  const words = new Set<string>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  while (words.size < count) {
    const syllables = minSyllables + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS) + (i === syllables - 1 ? pick(CODAS) : '');
    if (w.length >= 3) words.add(w);
  }
  return [...words];
}

/** A valid ISBN-13 numbered n (978 + n + check digit). */
export function isbn13(n: number): string {
  const body = `978${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export interface Corpus {
  readonly books: IsbnDocument[];
  /** Vocabulary ordered by Zipf rank (rank 0 = most frequent). */
  readonly vocabulary: readonly string[];
  readonly authors: readonly string[];
  /** Copies available now per book (parallel to books) and the branch holding them. */
  readonly available: Uint8Array;
  readonly branch: Uint8Array;
}

export const BRANCHES: readonly string[] = ['central', 'north', 'south', 'east', 'west'];

/** N synthetic books: Zipf title/description vocabulary, thousands of authors, 40 subjects, 10 languages. */
export function generateCorpus(n: number, seed = 42): Corpus {
  const random = rng(seed);
  const vocabulary = pseudoWords(40_000, random, 2);
  const firstNames = pseudoWords(800, random, 1).map(capital);
  const lastNames = pseudoWords(4000, random, 2).map(capital);
  const authorCount = Math.max(2000, Math.min(200_000, Math.floor(n / 20)));
  const authors: string[] = [];
  for (let i = 0; i < authorCount; i++) {
    authors.push(`${firstNames[Math.floor(random() * firstNames.length)]!} ${lastNames[Math.floor(random() * lastNames.length)]!}`);
  }
  const word = zipf(vocabulary.length, 1.0, random, 50);
  const author = zipf(authors.length, 0.8, random);
  const subject = zipf(SUBJECTS.length, 0.9, random);
  const langCdf = LANGUAGE_WEIGHTS.map((_, i) => LANGUAGE_WEIGHTS.slice(0, i + 1).reduce((s, x) => s + x, 0));
  const books: IsbnDocument[] = [];
  const available = new Uint8Array(n);
  const branch = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const titleLen = 2 + Math.floor(random() * 5);
    const title: string[] = [];
    for (let j = 0; j < titleLen; j++) title.push(capital(vocabulary[word()]!));
    const descLen = 20 + Math.floor(random() * 21);
    const desc: string[] = [];
    for (let j = 0; j < descLen; j++) desc.push(vocabulary[word()]!);
    const bookAuthors = [authors[author()]!];
    if (random() < 0.15) bookAuthors.push(authors[author()]!);
    const subjects = new Set<string>([SUBJECTS[subject()]!]);
    if (random() < 0.5) subjects.add(SUBJECTS[subject()]!);
    const r = random();
    const language = LANGUAGES[langCdf.findIndex((c) => r <= c)] ?? 'en';
    const year = Math.round(2024 - Math.pow(random(), 2) * 224);
    available[i] = random() < 0.6 ? 1 + Math.floor(random() * 3) : 0;
    branch[i] = Math.floor(random() * BRANCHES.length);
    books.push({ isbn: isbn13(i + 1), title: title.join(' '), authors: bookAuthors, subjects: [...subjects], description: desc.join(' '), language, year });
  }
  return { books, vocabulary, authors, available, branch };
}
