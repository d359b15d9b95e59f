import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuery, AsciiTokens, fold, indexTokens, stem, tokenize } from '../../src/infrastructure/search/analysis.js';

/** Each token of `text` as `AsciiTokens` reads it: its folded value, its length and hash, and whether `is` knows it. */
function scanned(text: string): { value: string; length: number; hash: number; is: boolean }[] | null {
  const tokens = new AsciiTokens();
  if (!tokens.reset(text)) return null;
  const out = [];
  while (tokens.next()) {
    const value = tokens.value();
    out.push({ value, length: tokens.length, hash: tokens.hash, is: tokens.is(value) && !tokens.is(`${value}x`) });
  }
  return out;
}

/** ASCII text dense in what tokenizing decides on: case, apostrophes, digits, punctuation and spaces. */
const asciiText = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', 'B', 'z', 'Q', '0', '9', "'", ' ', '-', ',', '#', '\n'), maxLength: 40 }),
);

describe('analysis', () => {
  describe('fold', () => {
    it('should fold case and accents', () => {
      expect(fold('Brontë')).toBe('bronte');
      expect(fold('Saint-Exupéry')).toBe('saint-exupery');
      expect(fold('García MÁRQUEZ')).toBe('garcia marquez');
    });

    it('should expand compatibility characters and special letters', () => {
      expect(fold('ﬁnal Straße Łódź')).toBe('final strasse lodz');
    });
  });

  describe('tokenize', () => {
    it('should split on punctuation and drop apostrophes inside words', () => {
      expect(tokenize("L'Engle's A Wrinkle in Time (Time Quintet, #1)")).toEqual(['lengles', 'a', 'wrinkle', 'in', 'time', 'time', 'quintet', '1']);
    });

    describe('when the text is Chinese, Japanese or Korean, which marks no word ends', () => {
      it('should give every two neighbouring characters as a token, a lone one as itself, and the rest as words', () => {
        expect(tokenize('米国の統治')).toEqual(['米国', '国の', 'の統', '統治']);
        expect(tokenize('第2版 王')).toEqual(['第', '2', '版', '王']);
        expect(tokenize('ハリー・ポッター Brontë')).toEqual(['ハリ', 'リー', 'ホッ', 'ッタ', 'ター', 'bronte']);
      });

      it('should keep a Hangul syllable one character, not the jamo NFKD makes of it', () => {
        expect(tokenize('한국의 역사')).toEqual(['한국', '국의', '역사']);
      });
    });
  });

  describe('indexTokens', () => {
    it('should index every character of a CJK run alone as well as in its bigrams, and other text as tokenize does', () => {
      expect(indexTokens('中华史')).toEqual(['中', '华', '史', '中华', '华史']);
      expect(indexTokens("L'Engle's Wrinkle")).toEqual(tokenize("L'Engle's Wrinkle"));
    });
  });

  describe(AsciiTokens, () => {
    describe('.next', () => {
      describe('when the text is ASCII', () => {
        it('should give the tokens tokenize gives, in order', () => {
          fc.assert(
            fc.property(asciiText, (text) => {
              expect(scanned(text)?.map((t) => t.value)).toEqual(tokenize(text));
            }),
            { seed: 20261202, numRuns: 2000 },
          );
        });

        it('should give each token the length and hash of its folded form, whatever its case and apostrophes', () => {
          fc.assert(
            fc.property(asciiText, (text) => {
              for (const t of scanned(text) ?? []) {
                const alone = scanned(t.value)?.[0];
                expect(t).toEqual({ value: t.value, length: t.value.length, hash: alone?.hash, is: true });
              }
            }),
            { seed: 20261202, numRuns: 2000 },
          );
        });
      });
    });

    describe('.reset', () => {
      describe('when the text has a character beyond ASCII', () => {
        it('should refuse it, leaving it to tokenize', () => {
          expect(scanned('Brontë')).toBeNull();
          expect(scanned('L\u2019Engle')).toBeNull();
          expect(scanned("L'Engle's Time-Quintet #1")?.map((t) => t.value)).toEqual(['lengles', 'time', 'quintet', '1']);
        });
      });
    });
  });

  describe('stem', () => {
    it('should reduce English inflections to a common stem', () => {
      expect(stem('games')).toBe(stem('game'));
      expect(stem('running')).toBe(stem('runs'));
      expect(stem('libraries')).toBe(stem('library'));
    });

    it('should leave tokens with digits alone', () => {
      expect(stem('1984s')).toBe('1984s');
    });
  });

  describe('analyze', () => {
    describe('when stop words are not kept', () => {
      it('should drop them', () => {
        expect(analyze('The Lord of the Rings', false)).toEqual(['lord', 'ring']);
      });
    });

    describe('when stop words are kept', () => {
      it('should stem every token', () => {
        expect(analyze('It', true)).toEqual(['it']);
      });
    });
  });

  describe('analyzeQuery', () => {
    describe('when the query has content words', () => {
      it('should drop stop words', () => {
        expect(analyzeQuery('the hunger games').map((t) => t.stem)).toEqual(['hunger', 'game']);
      });
    });

    describe('when the query is only stop words', () => {
      it('should keep them', () => {
        expect(analyzeQuery('It').map((t) => t.surface)).toEqual(['it']);
      });
    });
  });
});
