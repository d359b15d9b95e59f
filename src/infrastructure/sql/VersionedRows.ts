import type { AggregateRoot } from '../../domain/shared/AggregateRoot.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import type { Columns } from './rows.js';
import type { StatementPipeline } from './StatementPipeline.js';
import { RowTexts } from './StatementTexts.js';
import { jsonElement } from './WriteBatch.js';

/** The INSERT, UPDATE, DELETE and upsert texts by table, key and column names (property keys: cheap to look up). */
const texts = new RowTexts();

/**
 * A root table whose new and changed rows of one batch share one INSERT and one UPDATE (see SharedRow), and which of
 * its columns hold JSON text (each goes into the batch's JSON array as the value it spells, not as a string).
 */
export interface SharedTable {
  readonly jsonColumns: readonly string[];
}

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

  saveRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns, shared?: SharedTable): Promise<void> {
    this.writeRoot(aggregate, table, keyColumn, key, columns, shared);
    this.collect(aggregate);
    return SENT;
  }

  /**
   * The optimistic write. Version 0 means "new": an INSERT, whose unique violation is a lost race.
   * Otherwise `UPDATE … WHERE key AND version`: zero rows means the row moved on since it was read,
   * and the database raises a serialization failure (see WriteBatch). With `shared`, the rows of the table that one
   * batch writes so go as one statement (the UPDATE then raises unless it changed every row it was given).
   */
  writeRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns, shared?: SharedTable): void {
    const expected = this.expectedVersion(table, key, aggregate.version);
    const names = Object.keys(columns);
    const values = Object.values(columns);
    if (expected === 0) {
      const text = texts.text('INSERT', table, keyColumn, names, () => {
        const placeholders = names.map((_, i) => `$${i + 2}`);
        return `INSERT INTO ${table} (${keyColumn}, version, ${names.join(', ')}) VALUES ($1, 1, ${placeholders.join(', ')})`;
      });
      const row = { row: `${table}:${key}`, text, params: [key, ...values] };
      if (shared === undefined) this.sql.write(row);
      else this.sql.write({ ...row, shared: { many: texts.text('INSERT_MANY', table, keyColumn, names, () => insertMany(table, keyColumn, names)), fields: () => fieldsOf(keyColumn, key, null, columns, shared) } });
    } else {
      const text = texts.text('UPDATE', table, keyColumn, names, () => {
        const sets = names.map((n, i) => `${n} = $${i + 3}`);
        return `UPDATE ${table} SET version = version + 1, ${sets.join(', ')} WHERE ${keyColumn} = $1 AND version = $2`;
      });
      const row = { row: `${table}:${key}`, text, params: [key, expected, ...values], expectsRowOf: table };
      if (shared === undefined) this.sql.write(row);
      else this.sql.write({ ...row, shared: { many: texts.text('UPDATE_MANY', table, keyColumn, names, () => updateMany(table, keyColumn, names)), fields: () => fieldsOf(keyColumn, key, expected, columns, shared) } });
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

/** The rows of a batch, read from the JSON array in `$1` as rows of the table's own type. */
const rowsOf = (table: string): string => `json_populate_recordset(NULL::${table}, $1::json)`;

function insertMany(table: string, keyColumn: string, names: readonly string[]): string {
  return `INSERT INTO ${table} (${keyColumn}, version, ${names.join(', ')}) SELECT ${keyColumn}, 1, ${names.join(', ')} FROM ${rowsOf(table)}`;
}

/** Each row at the version it was read at (`version` in its element), as the UPDATE of one row checks it. */
function updateMany(table: string, keyColumn: string, names: readonly string[]): string {
  const sets = names.map((n) => `${n} = d.${n}`);
  return `UPDATE ${table} t SET version = t.version + 1, ${sets.join(', ')} FROM ${rowsOf(table)} d WHERE t.${keyColumn} = d.${keyColumn} AND t.version = d.version`;
}

/** A row's element of the batch's JSON array: its key, the version it was read at (an UPDATE's), its columns. */
function fieldsOf(keyColumn: string, key: string, version: number | null, columns: Columns, { jsonColumns }: SharedTable): string {
  return jsonElement([[keyColumn, key], ...(version === null ? [] : [['version', version] as const]), ...Object.entries(columns)], jsonColumns);
}
