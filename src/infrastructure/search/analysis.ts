import { stemmer } from 'stemmer';

/**
 * Text analysis shared by indexing and querying:
 * fold (lower case, NFKD, strip combining marks) → tokenize → stop words → stem.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const APOSTROPHES = /['\u2019\u02bc]/g;
const TOKEN = /[\p{L}\p{N}]+/gu;
const DIGIT = /\d/;

/** Case and accent folding: "Brontë" → "bronte", "ﬁ" → "fi". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFKD').replace(COMBINING_MARKS, '').replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ł/g, 'l').replace(/đ/g, 'd');
}

/** Folded word tokens; apostrophes are removed inside words ("L'Engle" → "lengle"). */
export function tokenize(text: string): string[] {
  return fold(text).replace(APOSTROPHES, '').match(TOKEN) ?? [];
}

export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'from', 'has', 'have', 'he', 'her', 'his', 'i',
  'if', 'in', 'into', 'is', 'it', 'its', 'my', 'no', 'not', 'of', 'on', 'or', 'our', 'she', 'so', 'such', 'that',
  'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'we', 'were', 'will', 'with', 'you', 'your',
]);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

const STEM_CACHE_LIMIT = 500_000;
const stemCache = new Map<string, string>();

/** Porter stem of a folded token, memoised (the vocabulary is far smaller than the token stream). */
export function stem(token: string): string {
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  const result = token.length < 3 || DIGIT.test(token) ? token : stemmer(token);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, result);
  return result;
}

/**
 * Index terms of a field. Short fields (title, authors) keep stop words so that titles made only of them
 * ("It", "The The") stay findable; long fields drop them.
 */
export function analyze(text: string, keepStopWords: boolean): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (!keepStopWords && STOP_WORDS.has(token)) continue;
    out.push(stem(token));
  }
  return out;
}

/** A query token before expansion: its folded surface form and its stem. */
export interface QueryToken {
  readonly surface: string;
  readonly stem: string;
}

/**
 * Query tokens: stop words are dropped unless the query has nothing else.
 */
export function analyzeQuery(text: string): QueryToken[] {
  const tokens = tokenize(text);
  const content = tokens.filter((t) => !STOP_WORDS.has(t));
  const chosen = content.length > 0 ? content : tokens;
  return chosen.map((surface) => ({ surface, stem: stem(surface) }));
}
