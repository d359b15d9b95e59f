import { describe, expect, it } from 'vitest';
import { runCli as shelfmark, spawnCli } from '../support/cli.js';

/** A real process may take long to start on a busy machine; this only stops a run that never ends. */
const PROCESS_BACKSTOP = { timeout: 300_000 };

const lines = (...requests: unknown[][]): string => requests.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('shelfmark (command line)', () => {
  describe('desk', () => {
    describe('when fed a day of borrowing with a waiting list as JSON lines', () => {
      it('should print its answers, one JSON value per line, and exit 0', async () => {
        const run = await shelfmark(
          ['desk'],
          lines(
            ['registerUser', 'U1', 'Alice'],
            ['registerUser', 'U2', 'Bob'],
            ['registerUser', 'U3', 'Charlie'],
            ['addBook', 'Clean Code', 'Robert C Martin', 1],
            ['requestBorrow', 'U1', 'MAR1000', 5],
            ['requestBorrow', 'U2', 'MAR1000', 6],
            ['requestBorrow', 'U3', 'MAR1000', 6],
            ['returnBook', 'U1', 'MAR1000', 10],
            ['requestBorrow', 'U3', 'MAR1000', 10],
            ['requestBorrow', 'U2', 'MAR1000', 10],
            ['returnBook', 'U2', 'MAR1000', 30],
            ['requestBorrow', 'U3', 'MAR1000', 30],
            ['usersHavingBook', 'MAR1000'],
            ['booksIssuedToUser', 'U2'],
          ),
        );
        expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
          'SUCCESS',
          'SUCCESS',
          'SUCCESS',
          'BOOK_ID,MAR1000',
          'ISSUED',
          'WAITLISTED,1',
          'WAITLISTED,2',
          'RETURNED,0',
          'ALREADY_WAITLISTED',
          'ISSUED',
          'RETURNED,120',
          'ISSUED',
          ['U3'],
          [],
        ]);
        expect(run.code).toBe(0);
      });
    });

    describe('when a line is malformed', () => {
      it('should print an error object for it, answer the lines after it, and exit 1', async () => {
        const input = ['["registerUser","U1","Alice"]', 'not json', '["borrow","U1"]', '["addBook","T","A","3"]', '["booksIssuedToUser","U1"]', ''].join('\n');
        const run = await shelfmark(['desk'], input);
        const answers = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
        expect(answers).toEqual([
          'SUCCESS',
          { error: expect.stringContaining('not JSON') as unknown },
          { error: expect.stringContaining('unknown method "borrow"') as unknown },
          { error: 'addBook: argument 3 (copies) must be a number' },
          [],
        ]);
        expect(run.code).toBe(1);
      });
    });
  });

  describe('demo', () => {
    it("should walk Priya's wait for Cormen, print its timeline and notices, and exit 0", async () => {
      const run = await shelfmark(['demo']);
      expect(run.code).toBe(0);
      for (const line of [
        'Priya reserves Introduction to Algorithms: #1 in the queue',
        'Kabir reserves Introduction to Algorithms: #2 in the queue',
        '✗ refused RENEWAL_BLOCKED_BY_RESERVATIONS',
        'cormen-1 goes to the hold shelf for Priya until Wed 16 Sep 2026 09:00',
        '✉ notice to Priya: "Introduction to Algorithms" is ready for pickup',
        'Priya returns cormen-1, 5 days late',
        'Priya is fined ₹9.00 (overdue)',
        'Priya pays ₹5.00; owes ₹0.00',
      ]) {
        expect(run.stdout).toContain(line);
      }
      expect(run.stdout).not.toContain('\u001b[');
    });
  });

  describe('--help', () => {
    it.each([[[]], [['desk']], [['demo']]])('should describe %j and exit 0', async (command) => {
      const run = await shelfmark([...command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: shelfmark');
    });

    it.each([[['jobs', '--help']], [['help', 'jobs']]])('should load the command %j names and show its own options', async (command) => {
      const run = await shelfmark(command);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: shelfmark jobs [options]');
      expect(run.stdout).toContain('--as <actor>');
    });

    it('should list every command by its summary', async () => {
      const run = await shelfmark(['--help']);
      expect(run.stdout).toMatch(/^\s+jobs\s+run the scheduled jobs once on the configured store$/m);
      expect(run.stdout).toMatch(/^\s+migrate\s+apply pending database migrations/m);
    });
  });

  describe('when the command is unknown', () => {
    it('should say so and exit non-zero', async () => {
      const run = await shelfmark(['lend-everything']);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("unknown command 'lend-everything'");
    });
  });
});

describe('shelfmark serve', () => {
  describe('when --database-url names a database that cannot be reached', () => {
    it('should say so in one line naming the flag and exit 1 without serving', async () => {
      const run = await shelfmark(['serve', '--port', '0', '--database-url', 'postgres://postgres@127.0.0.1:1/nowhere']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^shelfmark: --database-url: store: cannot open the postgres database at postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere: .+\n$/);
    });
  });
});

describe('shelfmark (the bin, as a process)', () => {
  describe('--help', () => {
    it('should start, list the commands and exit 0', PROCESS_BACKSTOP, async () => {
      const run = await spawnCli(['--help']);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('Usage: shelfmark');
      expect(run.stdout).toMatch(/^\s+desk\b/m);
      expect(run.code).toBe(0);
    });
  });

  describe('desk, fed on stdin', () => {
    it('should answer each line on stdout and exit 0 at the end of the input', PROCESS_BACKSTOP, async () => {
      const run = await spawnCli(['desk'], lines(['registerUser', 'U1', 'Alice'], ['addBook', 'Clean Code', 'Robert C Martin', 1], ['requestBorrow', 'U1', 'MAR1000', 5]));
      expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(['SUCCESS', 'BOOK_ID,MAR1000', 'ISSUED']);
      expect(run.code).toBe(0);
    });
  });
});
