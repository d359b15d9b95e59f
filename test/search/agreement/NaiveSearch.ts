import type { Availability, FacetCount, IsbnDocument, SearchFacets, SearchQuery } from '../../../src/application/ports/SearchIndex.js';
import { Isbn } from '../../../src/domain/catalog/Isbn.js';
import { analyze, analyzeQuery, fold, stem, tokenize } from '../../../src/infrastructure/search/analysis.js';

/**
 * The search rules of docs/search.md written as a linear scan over every book, for comparison with the index:
 * no postings, no deletion neighbourhood, no heap. It shares only the analysis pipeline (fold, tokenize, stop
 * words, stem) and the domain's ISBN rule.
 */
const FIELDS = ['title', 'authors', 'subjects', 'description'] as const;
type Field = (typeof FIELDS)[number];
const BOOST: Record<Field, number> = { title: 3, authors: 2, subjects: 1.5, description: 1 };
const K1 = 1.2;
const B = 0.75;

/** Optimal string alignment distance, full table. */
export function osaDistance(a: string, b: string): number {
  const w = b.length + 1;
  const d = new Int32Array((a.length + 1) * w);
  for (let j = 0; j < w; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * w + j]! + 1, d[i * w + j - 1]! + 1, d[(i - 1) * w + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2]! + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length]!;
}

/** The documented typo budget: 1 edit from 5 letters, 2 from 9. */
export const editBudget = (word: string): number => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

interface Book {
  readonly doc: IsbnDocument;
  readonly index: number;
  readonly terms: Record<Field, string[]>;
  /** Occurrences of each term per field. */
  readonly counts: Map<string, Record<Field, number>>;
  readonly availability: Availability;
}

export interface NaiveHit {
  readonly isbn: string;
  readonly score: number;
  readonly index: number;
}

export interface NaiveResult {
  readonly total: number;
  /** Every match, best first (score, then older first). */
  readonly ranked: readonly NaiveHit[];
  readonly facets: SearchFacets;
}

type Alternatives = Map<string, number>;

export class NaiveSearch {
  private readonly books: Book[];
  private readonly df = new Map<string, number>();
  /** Stems in the order the catalogue first used them (the index's term order, for tie-breaks). */
  private readonly order = new Map<string, number>();
  private readonly surfaces = new Set<string>();
  private readonly averageLength: Record<Field, number>;

  constructor(docs: readonly IsbnDocument[], availability: ReadonlyMap<string, Availability>) {
    this.books = docs.map((doc, index) => {
      const raw = [doc.title, doc.authors.join(' '), doc.subjects.join(' '), doc.description ?? ''];
      for (const token of raw.flatMap((text) => tokenize(text))) {
        this.surfaces.add(token);
        if (!this.order.has(stem(token))) this.order.set(stem(token), this.order.size);
      }
      const terms = { title: analyze(raw[0]!, true), authors: analyze(raw[1]!, true), subjects: analyze(raw[2]!, false), description: analyze(raw[3]!, false) };
      const counts = new Map<string, Record<Field, number>>();
      for (const f of FIELDS) {
        for (const t of terms[f]) {
          const c = counts.get(t) ?? { title: 0, authors: 0, subjects: 0, description: 0 };
          c[f]++;
          counts.set(t, c);
        }
      }
      for (const t of counts.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { doc, index, terms, counts, availability: availability.get(doc.isbn) ?? { available: 0, byBranch: {} } };
    });
    const average = (f: Field): number => this.books.reduce((sum, b) => sum + b.terms[f].length, 0) / this.books.length;
    this.averageLength = { title: average('title'), authors: average('authors'), subjects: average('subjects'), description: average('description') };
  }

  search(query: SearchQuery, options: { prefix: boolean; typos: boolean }): NaiveResult {
    const text = query.text?.trim() ?? '';
    const isbn = text === '' ? null : Isbn.tryParse(text);
    const byId = text !== '' && isbn === null ? this.books.filter((b) => b.doc.isbn === text) : [];
    let matches: NaiveHit[];
    if (isbn !== null || byId.length > 0) {
      const forms = isbn === null ? [text] : [isbn.value, isbn.toIsbn10()];
      matches = this.books.filter((b) => forms.includes(b.doc.isbn) && this.passes(b, query)).map((b) => this.hit(b, 1, query));
    } else {
      const textGroups = this.textGroups(text, options);
      const authorGroups = query.author === undefined ? [] : analyze(query.author, true).slice(0, 8).map((t) => new Map([[t, 1]]));
      const candidates = this.books.filter((b) => this.passes(b, query) && authorGroups.every((g) => this.has(b, g, ['authors'])));
      if (textGroups.length === 0 && authorGroups.length === 0) matches = candidates.map((b) => this.hit(b, 1, query));
      else {
        const scored = (b: Book): NaiveHit => this.hit(b, [...textGroups.map((g) => this.score(b, g, FIELDS)), ...authorGroups.map((g) => this.score(b, g, ['authors']))].reduce((s, x) => s + x, 0), query);
        matches = candidates.filter((b) => textGroups.every((g) => this.has(b, g, FIELDS))).map(scored);
        if (matches.length === 0 && textGroups.length > 1) {
          matches = candidates.filter((b) => textGroups.some((g) => this.has(b, g, FIELDS))).map(scored);
        }
      }
    }
    const ranked = [...matches].sort((x, y) => y.score - x.score || x.index - y.index);
    return { total: matches.length, ranked, facets: this.facets(matches.map((m) => this.books[m.index]!)) };
  }

  /** Per query term: its stem if indexed; prefix expansions of the last term; typo candidates if the stem is unknown. */
  private textGroups(text: string, options: { prefix: boolean; typos: boolean }): Alternatives[] {
    const tokens = analyzeQuery(text).slice(0, 16);
    return tokens.map((token, i) => {
      const alts: Alternatives = new Map();
      const known = this.df.has(token.stem);
      if (known) alts.set(token.stem, 1);
      if (options.prefix && i === tokens.length - 1) {
        for (const p of new Set([token.surface, token.stem])) {
          if (p.length < 2) continue;
          const found = [...this.df.keys()].filter((t) => t.startsWith(p)).sort((a, b) => this.byFrequency(a, b)).slice(0, 64);
          for (const t of found) if (!alts.has(t)) alts.set(t, known ? 0.3 : 0.9);
        }
      }
      const budget = editBudget(token.surface);
      if (options.typos && !known && budget > 0) {
        const nearest = new Map<string, number>();
        for (const s of this.surfaces) {
          if (Math.abs(s.length - token.surface.length) > budget) continue;
          const d = osaDistance(token.surface, s);
          const t = stem(s);
          if (d > 0 && d <= budget && this.df.has(t) && d < (nearest.get(t) ?? Infinity)) nearest.set(t, d);
        }
        const chosen = [...nearest].sort(([a, da], [b, db]) => da - db || this.byFrequency(a, b)).slice(0, 8);
        for (const [t, d] of chosen) if (!alts.has(t)) alts.set(t, d === 1 ? 0.8 : 0.6);
      }
      return alts;
    });
  }

  private byFrequency(a: string, b: string): number {
    return (this.df.get(b) ?? 0) - (this.df.get(a) ?? 0) || this.order.get(a)! - this.order.get(b)!;
  }

  private has(book: Book, alts: Alternatives, fields: readonly Field[]): boolean {
    for (const t of alts.keys()) {
      const c = book.counts.get(t);
      if (c !== undefined && fields.some((f) => c[f] > 0)) return true;
    }
    return false;
  }

  private score(book: Book, alts: Alternatives, fields: readonly Field[]): number {
    const n = this.books.length;
    let total = 0;
    for (const [t, weight] of alts) {
      const c = book.counts.get(t);
      if (c === undefined) continue;
      let tf = 0;
      for (const f of fields) {
        const count = c[f];
        if (count > 0) tf += (BOOST[f] * count) / (1 - B + (B * book.terms[f].length) / this.averageLength[f]);
      }
      if (tf === 0) continue;
      const df = this.df.get(t)!;
      total += (weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * tf * (K1 + 1)) / (K1 + tf);
    }
    return total;
  }

  /** A match with its relevance (1 when nothing is ranked), times 1.1 when a copy is on the shelf (at the branch asked for). */
  private hit(book: Book, relevance: number, query: SearchQuery): NaiveHit {
    const shelf = query.branch === undefined ? book.availability.available : (book.availability.byBranch[query.branch] ?? 0);
    return { isbn: book.doc.isbn, score: relevance * (shelf > 0 ? 1.1 : 1), index: book.index };
  }

  private passes(book: Book, q: SearchQuery): boolean {
    const { doc, availability } = book;
    if ((q.yearFrom !== undefined || q.yearTo !== undefined) && (doc.year === undefined || doc.year < (q.yearFrom ?? -Infinity) || doc.year > (q.yearTo ?? Infinity))) return false;
    if (q.language !== undefined && q.language.trim() !== '' && fold(doc.language?.trim() ?? '') !== fold(q.language.trim())) return false;
    if (q.subject !== undefined && q.subject.trim() !== '' && !doc.subjects.some((s) => fold(s.trim()) === fold(q.subject!.trim()))) return false;
    if (q.availableOnly === true && availability.available === 0) return false;
    if (q.branch !== undefined && (availability.byBranch[q.branch] ?? 0) === 0) return false;
    const phrase = q.author === undefined ? [] : tokenize(q.author);
    if (phrase.length > 0 && !doc.authors.some((a) => ` ${tokenize(a).join(' ')} `.includes(` ${phrase.join(' ')} `))) return false;
    return true;
  }

  private facets(books: readonly Book[]): SearchFacets {
    const count = (values: (string | undefined)[]): FacetCount[] => {
      const counts = new Map<string, number>();
      for (const v of values) if (v !== undefined && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts].map(([value, c]) => ({ value, count: c })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    };
    return {
      subjects: count(books.flatMap((b) => [...new Set(b.doc.subjects.map((s) => fold(s.trim())))])),
      languages: count(books.map((b) => (b.doc.language === undefined ? undefined : fold(b.doc.language.trim())))),
      decades: count(books.map((b) => (b.doc.year === undefined ? undefined : `${Math.floor(b.doc.year / 10) * 10}s`))),
      formats: count(books.flatMap((b) => [...(b.availability.formats ?? [])])),
      materialTypes: count(books.map((b) => b.doc.materialType ?? 'BOOK')),
    };
  }
}
