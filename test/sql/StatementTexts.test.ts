import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComposedTexts, RowTexts } from '../../src/infrastructure/sql/StatementTexts.js';

const join = (parts: readonly string[]) => (): string => parts.join('|');

describe('ComposedTexts', () => {
  describe('.text', () => {
    describe('when the same parts come again', () => {
      it('should make the text once and hand back the same text', () => {
        const texts = new ComposedTexts();
        let made = 0;
        const make = (): string => `UPDATE members SET name = $3 WHERE id = $1 AND version = $${++made}`;
        const first = texts.text(['UPDATE', 'members', 'id', 'name'], make);
        expect(texts.text(['UPDATE', 'members', 'id', 'name'], make)).toBe(first);
        expect(made).toBe(1);
      });
    });

    describe('when any part differs', () => {
      it('should give each sequence of parts its own text', () => {
        fc.assert(
          fc.property(fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }), (a, b) => {
            const texts = new ComposedTexts();
            const textA = texts.text(a, () => JSON.stringify(a));
            const textB = texts.text(b, () => JSON.stringify(b));
            expect(textA === textB).toBe(JSON.stringify(a) === JSON.stringify(b));
          }),
        );
      });
    });

    describe('when a prefix of known parts is asked for', () => {
      it('should make that shorter sequence its own text', () => {
        const texts = new ComposedTexts();
        texts.text(['a', 'b'], join(['a', 'b']));
        expect(texts.text(['a'], join(['a']))).toBe('a');
      });
    });
  });
});

describe('RowTexts', () => {
  describe('.text', () => {
    describe('when a table is written again with the same columns', () => {
      it('should make each kind of write once and hand back the same text', () => {
        const texts = new RowTexts();
        let made = 0;
        const update = (): string => `UPDATE members SET version = version + 1, name = $3 WHERE id = $1 AND version = $2 -- ${++made}`;
        const first = texts.text('UPDATE', 'members', 'id', ['name'], update);
        expect(texts.text('UPDATE', 'members', 'id', [...['name']], update)).toBe(first);
        expect(made).toBe(1);
      });
    });

    describe('when the columns, the key or the kind differ', () => {
      it('should make a text of its own for each', () => {
        const texts = new RowTexts();
        const seen = new Set([
          texts.text('UPDATE', 'members', 'id', ['name'], () => 'a'),
          texts.text('UPDATE', 'members', 'id', ['name', 'email'], () => 'b'),
          texts.text('UPDATE', 'members', 'member_id', ['name'], () => 'c'),
          texts.text('INSERT', 'members', 'id', ['name'], () => 'd'),
          texts.text('UPDATE', 'loans', 'id', ['name'], () => 'e'),
        ]);
        expect([...seen]).toEqual(['a', 'b', 'c', 'd', 'e']);
      });
    });
  });
});
