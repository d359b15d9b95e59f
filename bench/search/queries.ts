/** The benchmark's queries: seeded, per kind, drawn from the synthetic catalogue's own words, titles and authors. */
import { LANGUAGES, rng, type Corpus } from './generator.js';
import type { BenchQuery, QueryKind } from './peers.js';

export const KINDS: readonly QueryKind[] = ['common', 'rare', 'and2', 'prefix', 'typo1', 'typo2', 'author', 'filtered+facets'];

function titleWords(corpus: Corpus, random: () => number): string[] {
  const book = corpus.books[Math.floor(random() * corpus.books.length)]!;
  return book.title.toLowerCase().split(' ');
}

/** One edit (transposition or substitution) that does not produce another vocabulary word; applied twice for typo2 (a word of 9+ letters). */
function typo(word: string, random: () => number, vocabulary: ReadonlySet<string>): string {
  for (;;) {
    const i = 1 + Math.floor(random() * (word.length - 2));
    const variant = random() < 0.5
      ? word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2)
      : word.slice(0, i) + 'abcdefghijklmnopqrstuvwxyz'.charAt(Math.floor(random() * 26)) + word.slice(i + 1);
    if (variant !== word && !vocabulary.has(variant)) return variant;
  }
}

export function makeQueries(corpus: Corpus, perKind: number, seed = 7): Map<QueryKind, BenchQuery[]> {
  const random = rng(seed);
  const vocab = corpus.vocabulary;
  const vocabSet = new Set(vocab);
  const pick = (lo: number, hi: number): string => vocab[lo + Math.floor(random() * (hi - lo))]!;
  const out = new Map<QueryKind, BenchQuery[]>();
  for (const kind of KINDS) {
    const qs: BenchQuery[] = [];
    for (let i = 0; i < perKind; i++) {
      switch (kind) {
        case 'common':
          qs.push({ kind, text: pick(0, 20) });
          break;
        case 'rare':
          qs.push({ kind, text: pick(10_000, 30_000) });
          break;
        case 'and2': {
          const words = titleWords(corpus, random);
          qs.push({ kind, text: `${words[0]!} ${words[1]!}` });
          break;
        }
        case 'prefix': {
          const words = titleWords(corpus, random);
          const last = words[1]!;
          qs.push({ kind, text: `${words[0]!} ${last.slice(0, Math.max(3, last.length - 2))}` });
          break;
        }
        case 'typo1': {
          let w = pick(100, 5000);
          while (w.length < 6) w = pick(100, 5000);
          qs.push({ kind, text: typo(w, random, vocabSet) });
          break;
        }
        case 'typo2': {
          let w = pick(100, 20_000);
          while (w.length < 9) w = pick(100, 20_000);
          qs.push({ kind, text: typo(typo(w, random, vocabSet), random, vocabSet) });
          break;
        }
        case 'author':
          qs.push({ kind, author: corpus.authors[Math.floor(random() * Math.min(corpus.authors.length, 2000))]! });
          break;
        case 'filtered+facets': {
          const from = 1900 + Math.floor(random() * 80);
          qs.push({ kind, text: pick(0, 50), language: LANGUAGES[Math.floor(random() * 4)]!, yearFrom: from, yearTo: from + 40 });
          break;
        }
      }
    }
    out.set(kind, qs);
  }
  return out;
}

