import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CatalogueChanges, CatalogueFeed } from '../../application/ports/CatalogueFeed.js';
import { ChangeCursor } from './ChangeCursor.js';
import { SqlCatalogueScan } from './SqlCatalogueScan.js';
import { autocommit, type SqlDatabase } from './SqlAutocommit.js';

export interface CatalogueFeedOptions {
  /** How often the log is read when no notification came (PGlite, or a notification missed). Default 1000 ms. */
  readonly pollMillis?: number;
  /** Rows per batch, streaming the catalogue at start and reading the log. Default 5000. */
  readonly batch?: number;
  /** How long a gap in the log's numbers is awaited before it is taken for a rolled-back write. Default 60 s. */
  readonly gapMillis?: number;
  /** How long rows stay in the log before a reader prunes them. Default one hour. */
  readonly retentionSeconds?: number;
  /**
   * How long a writer waits after one notification before it sends the next: the commits of that time share one.
   * Default 50 ms, which bounds the other processes' lag by it and keeps a busy desk from paying a statement per commit.
   */
  readonly notifyMillis?: number;
}

/** The channel the writers notify after a commit that changed the catalogue. */
const CHANNEL = 'shelfmark_search_changes';
/** At start, the last rows of the log are read again, so a write drawn just before the scan and visible just after is not lost. */
const LOOK_BACK = 1000;

/** A reader prunes the log once a tenth of the retention has passed since it last did. */
const PRUNE_EVERY_FRACTION = 0.1;

interface Waiter {
  readonly round: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The catalogue of a SQL store as a feed (`CatalogueFeed`): streamed from its tables at start, then followed through
 * the change log (`search_changes`, written by triggers in the writing transaction itself) with a cursor. A process
 * that commits a change wakes the others with a notification (PostgreSQL LISTEN/NOTIFY, sent after the commit, so
 * writers never queue on the notification lock; a burst of commits sends one or two) and reads the log itself before
 * its next search; every reader also polls, which covers a notification missed and PGlite, which has no other
 * process to hear from.
 */
export class SqlCatalogueFeed implements CatalogueFeed {
  private readonly pollMillis: number;
  private readonly batch: number;
  private readonly gapMillis: number;
  private readonly retentionSeconds: number;
  private readonly notifyMillis: number;
  private readonly me = randomUUID();
  private cursor: ChangeCursor | null = null;
  private apply: ((changes: CatalogueChanges) => Promise<void>) | null = null;
  private asked = 0;
  private served = 0;
  private draining: Promise<void> | null = null;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private lastPrune = 0;
  private notifying: Promise<void> | null = null;
  /** Running from the end of a notification for `notifyMillis`: changes meanwhile wait for it, then share one. */
  private coolDown: NodeJS.Timeout | null = null;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly database: SqlDatabase,
    options: CatalogueFeedOptions = {},
  ) {
    this.pollMillis = options.pollMillis ?? 1000;
    this.batch = options.batch ?? 5000;
    this.gapMillis = options.gapMillis ?? 60_000;
    this.retentionSeconds = options.retentionSeconds ?? 3600;
    this.notifyMillis = options.notifyMillis ?? 50;
  }

  async start(apply: (changes: CatalogueChanges) => Promise<void>): Promise<void> {
    await autocommit(this.database, async (sql) => {
      this.cursor = new ChangeCursor(Math.max(0, (await SqlCatalogueScan.last(sql)) - LOOK_BACK), this.gapMillis);
      await SqlCatalogueScan.all(sql, this.batch, apply);
    });
    this.apply = apply;
    this.lastPrune = performance.now();
    await this.read();
    if (this.closed) return;
    this.timer = setInterval(() => void this.read().catch(() => undefined), this.pollMillis);
    this.timer.unref();
    const listen = this.database.driver.listen?.bind(this.database.driver);
    if (listen) {
      this.stopListening = await listen(CHANNEL, (payload) => {
        if (payload !== this.me) void this.read().catch(() => undefined);
      });
    }
  }

  changed(): void {
    this.notify(); // also from a process that follows nothing itself (an import): the others should read now
  }

  catchUp(): Promise<void> {
    return this.read();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.stopListening?.();
    this.stopListening = null;
    await this.draining; // a read under way finishes before the store closes
    await this.notifying;
    if (this.coolDown !== null) clearTimeout(this.coolDown);
    this.coolDown = null;
    if (this.notifyAgain) {
      // A change still waiting for its notification gets it now, not at the others' next poll.
      this.notifyAgain = false;
      await this.sendNotification();
    }
  }

  /** Resolves after a read of the log that started after this call has been applied. */
  private read(): Promise<void> {
    if (this.apply === null || this.closed) return Promise.resolve();
    const round = ++this.asked;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ round, resolve, reject }));
    this.drain();
    return done;
  }

  /** One reader at a time: reads asked for while one runs are served by one more round after it. */
  private drain(): void {
    this.draining ??= this.drainRounds().finally(() => {
      this.draining = null;
      if (this.served < this.asked) this.drain(); // asked for between the last round and now
    });
  }

  private async drainRounds(): Promise<void> {
    while (this.served < this.asked) {
      const round = this.asked;
      let failure: unknown = null;
      try {
        await this.readAll();
      } catch (error) {
        failure = error;
      }
      this.served = round;
      const settled = this.waiters.filter((w) => w.round <= round);
      this.waiters = this.waiters.filter((w) => w.round > round);
      for (const w of settled) if (failure === null) w.resolve(); else w.reject(failure);
    }
  }

  /** Reads the log from the cursor until it runs dry, applying each batch; prunes old rows now and then. */
  private async readAll(): Promise<void> {
    const cursor = this.cursor;
    const apply = this.apply;
    if (cursor === null || apply === null) return;
    await autocommit(this.database, async (sql) => {
      for (;;) {
        const rows = await SqlCatalogueScan.changes(sql, cursor.after, cursor.waitingFor, this.batch);
        if (rows.length > 0) await apply(await SqlCatalogueScan.current(sql, rows));
        cursor.saw(rows.map((r) => r.seq), performance.now());
        if (rows.length < this.batch) break;
      }
      if (performance.now() - this.lastPrune > this.retentionSeconds * PRUNE_EVERY_FRACTION * 1000) {
        this.lastPrune = performance.now();
        await SqlCatalogueScan.prune(sql, this.retentionSeconds);
      }
    });
  }

  /**
   * Wakes the other readers: one notification at a time, then none for `notifyMillis`; changes that came meanwhile
   * share one more when that time is up.
   */
  private notify(): void {
    if (this.database.driver.listen === undefined || this.closed) return;
    if (this.notifying !== null || this.coolDown !== null) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = this.sendNotification().finally(() => {
      this.notifying = null;
      if (this.closed) return;
      this.coolDown = setTimeout(() => {
        this.coolDown = null;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notify();
        }
      }, this.notifyMillis);
      this.coolDown.unref();
    });
  }

  private sendNotification(): Promise<void> {
    return autocommit(this.database, async (sql) => {
      await sql.query('SELECT pg_notify($1, $2)', [CHANNEL, this.me]);
    }).catch(() => undefined); // the others poll
  }
}
