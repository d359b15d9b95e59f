import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SqlDatabase } from '../../src/infrastructure/sql/SqlAutocommit.js';
import { SqlCatalogueFeed } from '../../src/infrastructure/sql/SqlCatalogueFeed.js';
import type { SqlDriver } from '../../src/infrastructure/sql/SqlDriver.js';

const COOL_DOWN = 50;

/** A database that only takes notifications: it counts the `pg_notify` statements it is sent. PGlite `listens` to none. */
function aNotifiedDatabase({ listens = true } = {}): { readonly database: SqlDatabase; readonly sent: () => number } {
  let sent = 0;
  const driver: SqlDriver = {
    engine: 'postgres',
    acquire: () =>
      Promise.resolve({
        query: (text: string) => {
          if (text.includes('pg_notify')) sent++;
          return Promise.resolve({ rows: [], rowCount: 0 });
        },
        script: () => Promise.resolve(),
        release: () => undefined,
      }),
    ...(listens ? { listen: () => Promise.resolve(() => Promise.resolve()) } : {}),
    close: () => Promise.resolve(),
  };
  return { database: { driver, ready: () => Promise.resolve() }, sent: () => sent };
}

/** Lets every statement already asked for run to its end (they wait on nothing but each other). */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SqlCatalogueFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('.changed', () => {
    describe('when many commits change the catalogue in one burst', () => {
      it('should notify the other processes once at once, and once more for the rest when the cool-down is over', async () => {
        const { database, sent } = aNotifiedDatabase();
        const feed = new SqlCatalogueFeed(database, { notifyMillis: COOL_DOWN });
        for (let commit = 0; commit < 20; commit++) feed.changed();
        await settled();
        expect(sent()).toBe(1);

        await vi.advanceTimersByTimeAsync(COOL_DOWN - 1);
        expect(sent()).toBe(1);
        await vi.advanceTimersByTimeAsync(1);
        await settled();
        expect(sent()).toBe(2);

        await vi.advanceTimersByTimeAsync(10 * COOL_DOWN);
        await settled();
        expect(sent()).toBe(2);
      });
    });

    describe('when a commit comes after a quiet cool-down', () => {
      it('should notify at once', async () => {
        const { database, sent } = aNotifiedDatabase();
        const feed = new SqlCatalogueFeed(database, { notifyMillis: COOL_DOWN });
        feed.changed();
        await settled();
        await vi.advanceTimersByTimeAsync(COOL_DOWN);
        feed.changed();
        await settled();
        expect(sent()).toBe(2);
      });
    });

    describe('when the store has no notifications (PGlite)', () => {
      it('should send none', async () => {
        const { database, sent } = aNotifiedDatabase({ listens: false });
        const feed = new SqlCatalogueFeed(database, { notifyMillis: COOL_DOWN });
        feed.changed();
        await settled();
        expect(sent()).toBe(0);
      });
    });
  });

  describe('.close', () => {
    describe('when a change is still waiting for the cool-down', () => {
      it('should send its notification before it closes', async () => {
        const { database, sent } = aNotifiedDatabase();
        const feed = new SqlCatalogueFeed(database, { notifyMillis: COOL_DOWN });
        feed.changed();
        await settled();
        feed.changed();
        await feed.close();
        expect(sent()).toBe(2);
        feed.changed();
        await settled();
        expect(sent()).toBe(2);
      });
    });

    describe('when nothing is waiting', () => {
      it('should send nothing more', async () => {
        const { database, sent } = aNotifiedDatabase();
        const feed = new SqlCatalogueFeed(database, { notifyMillis: COOL_DOWN });
        feed.changed();
        await settled();
        await feed.close();
        expect(sent()).toBe(1);
      });
    });
  });
});
