import { describe, expect, it } from 'vitest';
import { Palette } from '../../src/interfaces/cli/Palette.js';

const TERMINAL = { isTTY: true };
const PIPE = { isTTY: false };

describe(Palette, () => {
  describe('.for', () => {
    describe('when writing to a terminal', () => {
      it('should colour', () => {
        expect(Palette.for(TERMINAL, {}).paint('red', 'late')).toBe('\u001b[31mlate\u001b[39m');
      });
    });

    describe('when NO_COLOR is set', () => {
      it('should not colour, even with FORCE_COLOR', () => {
        expect(Palette.for(TERMINAL, { NO_COLOR: '1', FORCE_COLOR: '1' }).paint('red', 'late')).toBe('late');
      });
    });

    describe('when writing to a pipe', () => {
      it('should not colour unless FORCE_COLOR asks to', () => {
        expect(Palette.for(PIPE, {}).paint('red', 'late')).toBe('late');
        expect(Palette.for(PIPE, { FORCE_COLOR: '1' }).paint('red', 'late')).toBe('\u001b[31mlate\u001b[39m');
      });
    });
  });
});
