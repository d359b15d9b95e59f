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
/** Hangul jamo, which NFKD makes of a Hangul syllable: composed again, so a syllable stays one character. */
const HANGUL_JAMO = /[\u1100-\u11ff]/;
/** Scripts written without spaces between words (Chinese, Japanese; Korean writes long runs of syllables), and the kana length mark. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/u;
const CJK_OR_NOT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;

/** Case and accent folding: "Brontë" → "bronte", "ﬁ" → "fi". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  const folded = lower.normalize('NFKD').replace(COMBINING_MARKS, '').replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ł/g, 'l').replace(/đ/g, 'd');
  return HANGUL_JAMO.test(folded) ? folded.normalize('NFC') : folded;
}

/**
 * Folded word tokens; apostrophes are removed inside words ("L'Engle" → "lengle"). Chinese, Japanese and Korean
 * text, which does not mark where its words end, gives each two neighbouring characters as a token (a lone one as
 * itself), as search engines index it (Lucene's CJK bigrams): "米国の統治" → "米国", "国の", "の統", "統治", so a
 * word found anywhere in a title is found by its own bigrams.
 */
export function tokenize(text: string): string[] {
  return tokensOf(text, false);
}

/**
 * The tokens a field is indexed under: `tokenize`'s, and every CJK character of a longer run also alone, so that a
 * query of one character (a surname, 王) finds it wherever it stands.
 */
export function indexTokens(text: string): string[] {
  return tokensOf(text, true);
}

function tokensOf(text: string, characters: boolean): string[] {
  const words = fold(text).replace(APOSTROPHES, '').match(TOKEN) ?? [];
  return CJK.test(text) ? words.flatMap((word) => cjkTokens(word, characters)) : words;
}

/** A token split into its runs of CJK characters, each run as its bigrams (and characters), the rest as it is. */
function cjkTokens(token: string, characters: boolean): string[] {
  const out: string[] = [];
  for (const run of token.match(CJK_OR_NOT) ?? []) {
    if (!CJK.test(run)) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1 || characters) out.push(...chars);
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return out;
}

/** Whether a UTF-16 code unit of ASCII text is a letter or a digit; `'` (0x27) is neither and is skipped inside words. */
const isAsciiWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);

/**
 * `tokenize` for ASCII text without a string per token, for indexing: the same tokens in the same order (folding ASCII
 * is lower-casing, and only `'` of the apostrophes is ASCII), each as its span of the text, its length once folded
 * and a 32-bit hash (FNV-1a) of its folded characters. `reset` refuses a text with a character beyond ASCII, which
 * only `tokenize` folds.
 */
export class AsciiTokens {
  /** The current token: `text[start, end)`, apostrophes included; `length` and `hash` are of its folded form. */
  start = 0;
  end = 0;
  length = 0;
  hash = 0;
  private text = '';

  /** Starts on `text`; false, with no tokens, when it holds a character beyond ASCII. */
  reset(text: string): boolean {
    const ascii = !NON_ASCII.test(text);
    this.text = ascii ? text : '';
    this.end = 0;
    return ascii;
  }

  /** Moves to the next token; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.end;
    while (i < n && !isAsciiWordChar(text.charCodeAt(i))) i++;
    if (i === n) {
      this.end = n;
      return false;
    }
    this.start = i;
    let hash = 0x811c9dc5;
    let length = 0;
    for (; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c === 0x27) continue;
      if (!isAsciiWordChar(c)) break;
      if (c <= 0x5a && c >= 0x41) c |= 0x20;
      hash = Math.imul(hash ^ c, 0x01000193);
      length++;
    }
    this.end = i;
    this.length = length;
    this.hash = hash >>> 0;
    return true;
  }

  /** Whether the current token, folded, is `word`. */
  is(word: string): boolean {
    if (word.length !== this.length) return false;
    const text = this.text;
    for (let i = this.start, j = 0; i < this.end; i++) {
      let c = text.charCodeAt(i);
      if (c === 0x27) continue;
      if (c <= 0x5a && c >= 0x41) c |= 0x20;
      if (c !== word.charCodeAt(j++)) return false;
    }
    return true;
  }

  /** The current token, folded: what `tokenize` gives. */
  value(): string {
    const span = this.text.slice(this.start, this.end).toLowerCase();
    return span.length === this.length ? span : span.replace(APOSTROPHES, '');
  }
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
  for (const token of indexTokens(text)) {
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
