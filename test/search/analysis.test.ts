import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuery, fold, stem, tokenize } from '../../src/infrastructure/search/analysis.js';

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
