import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerImport } from '../../src/interfaces/cli/commands/import.js';
import { register, toQuery } from '../../src/interfaces/cli/commands/search.js';
import { SearchError } from '../../src/infrastructure/search/index.js';

describe('search command', () => {
  describe('toQuery', () => {
    it('should turn words and options into a port query with only the given fields', () => {
      expect(toQuery(['hunger', 'ga'], { from: 'books.csv', limit: '5', yearFrom: '2000', facets: true })).toEqual({
        text: 'hunger ga',
        limit: 5,
        yearFrom: 2000,
        facets: true,
      });
    });

    describe('when a number option is not an integer', () => {
      it('should throw INVALID_QUERY', () => {
        const error: unknown = (() => {
          try {
            return toQuery([], { from: 'x', limit: 'ten' });
          } catch (e: unknown) {
            return e;
          }
        })();
        expect(SearchError.is(error) && error.code).toBe('INVALID_QUERY');
      });
    });
  });

  describe('register', () => {
    it('should add the search and import commands to the program', () => {
      const program = new Command('shelfmark');
      register(program);
      registerImport(program);
      expect(program.commands.map((c) => c.name())).toEqual(['search', 'import']);
    });
  });
});
