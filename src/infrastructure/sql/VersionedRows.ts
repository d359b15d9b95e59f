import type { AggregateRoot } from '../../domain/shared/AggregateRoot.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import type { Columns } from './rows.js';
import type { StatementPipeline } from './StatementPipeline.js';
import { RowTexts } from './StatementTexts.js';

/** The INSERT, UPDATE, DELETE and upsert texts by table, key and column names (property keys: cheap to look up). */
const texts = new RowTexts();

/** What a save returns: its statements are on their way, and the pipeline's `settle` checks them (see StatementPipeline). */
export const SENT: Promise<void> = Promise.resolve();

/**
 * The rows one transaction writes. Aggregate roots are saved with `UPDATE … WHERE key = $1 AND version = $2`, and
 * zero rows means someone else won; child rows are written only when they differ from what was read. The events of
 * every aggregate saved are collected here for the store to publish after commit.
 */
export class VersionedRows {
  readonly events: DomainEvent[] = [];
  /** Per root row written here: the version it was read at, and the version it has now. */
  private readonly written = new Map<string, { readonly base: number; current: number }>();
  /** Child rows as last read or written, to write only those that changed. */
  private readonly children = new Map<string, string>();

  constructor(private readonly sql: StatementPipeline) {}

  /** Records a child row as read, so that saving it unchanged writes nothing. */
  readChild(table: string, id: string, snapshot: string): void {
    this.children.set(`${table}:${id}`, snapshot);
  }

  /** Takes the events an aggregate recorded, to publish once the transaction commits. */
  collect(aggregate: AggregateRoot): void {
    this.events.push(...aggregate.pullEvents());
  }

  saveRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns): Promise<void> {
    this.writeRoot(aggregate, table, keyColumn, key, columns);
    this.collect(aggregate);
    return SENT;
  }

  /**
   * The optimistic write. Version 0 means "new": an INSERT, whose unique violation is a lost race.
   * Otherwise `UPDATE … WHERE key AND version`: zero rows means the row moved on since it was read,
   * and the database raises a serialization failure (see WriteBatch).
   */
  writeRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns): void {
    const expected = this.expectedVersion(table, key, aggregate.version);
    const names = Object.keys(columns);
    const values = Object.values(columns);
    if (expected === 0) {
      const text = texts.text('INSERT', table, keyColumn, names, () => {
        const placeholders = names.map((_, i) => `$${i + 2}`);
        return `INSERT INTO ${table} (${keyColumn}, version, ${names.join(', ')}) VALUES ($1, 1, ${placeholders.join(', ')})`;
      });
      this.sql.write({ row: `${table}:${key}`, text, params: [key, ...values] });
    } else {
      const text = texts.text('UPDATE', table, keyColumn, names, () => {
        const sets = names.map((n, i) => `${n} = $${i + 3}`);
        return `UPDATE ${table} SET version = version + 1, ${sets.join(', ')} WHERE ${keyColumn} = $1 AND version = $2`;
      });
      this.sql.write({ row: `${table}:${key}`, text, params: [key, expected, ...values], expectsRowOf: table });
    }
    this.remember(table, key, aggregate.version, expected + 1);
  }

  deleteRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string): Promise<void> {
    const expected = this.expectedVersion(table, key, aggregate.version);
    const text = texts.text('DELETE', table, keyColumn, [], () => `DELETE FROM ${table} WHERE ${keyColumn} = $1 AND version = $2`);
    this.sql.write({ row: `${table}:${key}`, text, params: [key, expected], expectsRowOf: table });
    this.remember(table, key, aggregate.version, 0);
    this.collect(aggregate);
    return SENT;
  }

  /**
   * Inserts or updates one child row unless it is exactly as read. Children live and die with their root: the update
   * applies only to a row of the same root (`parentColumn`), and writing no row raises like a stale version, so an id
   * already taken by another root's child makes the use case re-run with fresh ids instead of moving that child.
   */
  upsertChild(table: string, parentColumn: string, id: string, snapshot: string, columns: Columns): void {
    const key = `${table}:${id}`;
    if (this.children.get(key) === snapshot) return;
    const names = Object.keys(columns);
    const text = texts.text('UPSERT', table, parentColumn, names, () => {
      const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
      return (
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) ` +
        `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE ${table}.${parentColumn} = EXCLUDED.${parentColumn}`
      );
    });
    this.sql.write({ row: key, text, params: Object.values(columns), expectsRowOf: table });
    this.children.set(key, snapshot);
  }

  /** An aggregate saved twice in one transaction may carry the version it was read at, or the one it was re-read at. */
  private expectedVersion(table: string, key: string, version: number): number {
    const mine = this.written.get(`${table}:${key}`);
    return mine && (version === mine.base || version === mine.current) ? mine.current : version;
  }

  private remember(table: string, key: string, base: number, current: number): void {
    const id = `${table}:${key}`;
    const mine = this.written.get(id);
    if (mine) mine.current = current;
    else this.written.set(id, { base, current });
  }
}
