import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BOOK_ITEM_TRANSITIONS } from '../src/domain/catalog/BookItem.js';
import { FINE_ACCRUAL_TRANSITIONS } from '../src/domain/fines/FineAccrual.js';
import { LOAN_TRANSITIONS } from '../src/domain/lending/Loan.js';
import { RESERVATION_TRANSITIONS } from '../src/domain/reservations/Reservation.js';
import { edgesOf, stateDiagrams } from './fixtures/mermaid.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('Documentation', () => {
  describe('docs/design-review/state-machines.md', () => {
    const diagrams = stateDiagrams(read('docs/design-review/state-machines.md'));
    const [bookItem, reservation, loan] = diagrams;

    it('should draw exactly the BookItem transition table', () => {
      expect(bookItem).toEqual(edgesOf(BOOK_ITEM_TRANSITIONS));
    });

    it('should draw exactly the Reservation transition table', () => {
      expect(reservation).toEqual(edgesOf(RESERVATION_TRANSITIONS));
    });

    it('should draw exactly the Loan transition table', () => {
      expect(loan).toEqual(edgesOf(LOAN_TRANSITIONS));
    });

    it('should draw exactly the accruing fine transition table, last', () => {
      expect(diagrams.at(-1)).toEqual(edgesOf(FINE_ACCRUAL_TRANSITIONS));
    });
  });

  describe('README quick start', () => {
    it('should be docs/examples/quickstart.ts verbatim', () => {
      expect(read('README.md')).toContain('```ts\n' + read('docs/examples/quickstart.ts') + '```');
    });

    // A real process: it may start slowly on a busy machine, so only the test's timeout stops it, as a backstop.
    it('should run and print what the README says it prints', { timeout: 300_000 }, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'docs/examples/quickstart.ts'], { cwd: root });
      const promised = /It prints:\n\n```text\n([\s\S]*?)```/.exec(read('README.md'))?.[1];
      expect(promised).toBeDefined();
      expect(stdout).toBe(promised);
    });
  });
});

describe('docs/errors.md', () => {
  it('should explain every error code the engine can throw, under its area', async () => {
    const { ERROR_CODES_BY_AREA } = await import('../src/errors.js');
    const doc = read('docs/errors.md');
    for (const [area, codes] of Object.entries(ERROR_CODES_BY_AREA)) {
      for (const code of codes) expect(doc).toContain(`| ${area} | \`${code}\` |`);
    }
  });
});
