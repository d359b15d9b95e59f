import type { CapturedStatement } from './capture.js';

/**
 * A pgbench script that replays the statements shelfmark sent for one checkout + return, captured for a few
 * consecutive pairs of one desk (bench/support/capture.ts). The statement texts are shelfmark's own; a flight
 * (what left in one write, one round trip) becomes a `\startpipeline … \endpipeline` block, so the replay costs
 * the server and the network what shelfmark's statements cost them, and pgbench's client nearly nothing.
 *
 * The parameters are read off the captured pairs, each by how it changes from one pair to the next:
 * - the desk's own keys (member id, copy barcode, title) become variables, one set per pgbench client (`ReplayKeys`);
 * - a whole number that grows by the same step every pair (a row version) becomes `first + step × (:n − 1)`,
 *   with `:n` the client's pair count, so the optimistic version checks hold as they did;
 * - any other value that changes (a new loan's or audit entry's id) becomes a number no other pair uses, and
 *   the same value in two statements of a pair becomes the same number (the loan the return closes);
 * - values that stay put, and those that change but carry no identity (timestamps, JSON), are written in
 *   as SQL literals from the first captured pair.
 * pgbench prepares every statement (`-M prepared`), so the variables go to the server as bound parameters.
 */
export interface Replay {
  /** The script text, for `pgbench -f`. */
  readonly script: string;
  /** Statements and round trips per checkout + return. */
  readonly statements: number;
  readonly flights: number;
}

export interface ReplayKeys {
  /** The captured desk's own values (its member id, copy barcode, title), each with the pgbench variable that replaces it. */
  readonly values: ReadonlyMap<string, string>;
  /** pgbench meta-commands that set those variables per client (they may use `:run` and `:client_id`). */
  readonly setup: readonly string[];
}

/** Splits captured statements into pairs: each pair starts where the statement list repeats its first text. */
export function pairsOf(statements: readonly CapturedStatement[], count: number): CapturedStatement[][] {
  const size = statements.length / count;
  if (!Number.isInteger(size)) throw new Error(`${statements.length} captured statements do not split into ${count} pairs`);
  const pairs = Array.from({ length: count }, (_, k) => statements.slice(k * size, (k + 1) * size));
  for (const pair of pairs.slice(1)) {
    pair.forEach((s, i) => {
      if (s.text !== pairs[0]![i]!.text) throw new Error(`pair statements differ at ${i}: a checkout + return is not one shape`);
    });
  }
  return pairs;
}

export function replayScript(pairs: readonly (readonly CapturedStatement[])[], keys: ReplayKeys): Replay {
  const [first, second, third] = pairs;
  if (!first || !second || !third) throw new Error('a replay needs three captured pairs');
  const uniques = new Map<string, string>();
  const lines: string[] = [
    '\\set n :n + 1',
    ...keys.setup,
    '\\set base ((:run * 1000000 + :n) * 64 + :client_id) * 64',
  ];
  const steps: string[] = [];
  const body: string[] = [];
  let flights = 0;
  first.forEach((statement, i) => {
    const at = [statement, second[i]!, third[i]!].map((s) => s.params.map(render));
    let variable = 0;
    const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => {
      const j = Number(n) - 1;
      const [a = null, b = null, c = null] = at.map((params) => params[j] ?? null);
      const key = a === null ? undefined : keys.values.get(a);
      if (key !== undefined) return `:${key}`;
      if (a === b && b === c) return literal(a);
      if (isWhole(a) && isWhole(b) && isWhole(c) && Number(b) - Number(a) === Number(c) - Number(b)) {
        const name = `v${i}_${++variable}`;
        steps.push(`\\set ${name} ${a} + ${Number(b) - Number(a)} * (:n - 1)`);
        return `:${name}`;
      }
      if (a === null || looksLikeData(a)) return literal(a);
      let name = uniques.get(a);
      if (name === undefined) {
        name = `u${uniques.size + 1}`;
        uniques.set(a, name);
        steps.push(`\\set ${name} :base + ${uniques.size}`);
      }
      return `:${name}`;
    });
    const previous = first[i - 1];
    const next = first[i + 1];
    const opens = previous?.flight !== statement.flight;
    const closes = next?.flight !== statement.flight;
    const pipelined = !(opens && closes);
    if (opens) flights++;
    if (opens && pipelined) body.push('\\startpipeline');
    body.push(`${text.replace(/\s*\n\s*/g, ' ')};`);
    if (closes && pipelined) body.push('\\endpipeline');
  });
  return { script: [...lines, ...steps, ...body, ''].join('\n'), statements: first.length, flights };
}

/** A parameter as the text the server receives (strings, numbers, booleans, arrays of them), or null. */
function render(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return `{${value.map((v) => (v === null ? 'NULL' : `"${String(render(v)).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

function isWhole(value: string | null): boolean {
  return value !== null && /^-?\d+$/.test(value);
}

/** Timestamps and JSON documents: values that change from pair to pair but identify nothing. */
function looksLikeData(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) || /^[[{]/.test(value);
}
