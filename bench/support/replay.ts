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

/** Where a replayed statement's parameter comes from (see the header). */
export type ReplayParam =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: unknown; readonly text: string | null }
  | { readonly kind: 'step'; readonly name: string; readonly first: number; readonly step: number; readonly asText: boolean }
  | { readonly kind: 'unique'; readonly name: string; readonly index: number };

export interface ReplayStatement {
  readonly text: string;
  readonly params: readonly ReplayParam[];
  /** The statement's round trip (statements of one flight leave together) and its session (one per transaction). */
  readonly flight: number;
  readonly session: number;
}

/** The statements of one checkout + return with where each parameter comes from: what both replays (pgbench's, Node's) send. */
export interface ReplayPlan {
  readonly statements: readonly ReplayStatement[];
  /** How many distinct unique values (new ids) a pair uses. */
  readonly uniques: number;
}

export function replayPlan(pairs: readonly (readonly CapturedStatement[])[], keys: ReadonlyMap<string, string>): ReplayPlan {
  const [first, second, third] = pairs;
  if (!first || !second || !third) throw new Error('a replay needs three captured pairs');
  const uniques = new Map<string, string>();
  const statements = first.map((statement, i): ReplayStatement => {
    const at = [statement, second[i]!, third[i]!].map((s) => s.params.map(render));
    let variable = 0;
    const params = statement.params.map((value, j): ReplayParam => {
      const [a = null, b = null, c = null] = at.map((params) => params[j] ?? null);
      const key = a === null ? undefined : keys.get(a);
      if (key !== undefined) return { kind: 'key', name: key };
      if (a === b && b === c) return { kind: 'literal', value, text: a };
      if (isWhole(a) && isWhole(b) && isWhole(c) && Number(b) - Number(a) === Number(c) - Number(b)) {
        return { kind: 'step', name: `v${i}_${++variable}`, first: Number(a), step: Number(b) - Number(a), asText: typeof value === 'string' };
      }
      if (a === null || looksLikeData(a)) return { kind: 'literal', value, text: a };
      let name = uniques.get(a);
      if (name === undefined) {
        name = `u${uniques.size + 1}`;
        uniques.set(a, name);
      }
      return { kind: 'unique', name, index: Number(name.slice(1)) };
    });
    return { text: statement.text, params, flight: statement.flight - first[0]!.flight, session: statement.session - first[0]!.session };
  });
  return { statements, uniques: uniques.size };
}

export function replayScript(pairs: readonly (readonly CapturedStatement[])[], keys: ReplayKeys): Replay {
  const plan = replayPlan(pairs, keys.values);
  const lines: string[] = [
    '\\set n :n + 1',
    ...keys.setup,
    '\\set base ((:run * 1000000 + :n) * 64 + :client_id) * 64',
  ];
  const steps: string[] = [];
  const defined = new Set<string>();
  const body: string[] = [];
  let flights = 0;
  plan.statements.forEach((statement, i) => {
    const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => {
      const param = statement.params[Number(n) - 1];
      if (param === undefined) throw new Error(`statement ${i} has no parameter $${n}`);
      switch (param.kind) {
        case 'key':
          return `:${param.name}`;
        case 'literal':
          return literal(param.text);
        case 'step':
          if (!defined.has(param.name)) steps.push(`\\set ${param.name} ${param.first} + ${param.step} * (:n - 1)`);
          defined.add(param.name);
          return `:${param.name}`;
        case 'unique':
          if (!defined.has(param.name)) steps.push(`\\set ${param.name} :base + ${param.index}`);
          defined.add(param.name);
          return `:${param.name}`;
      }
    });
    const previous = plan.statements[i - 1];
    const next = plan.statements[i + 1];
    const opens = previous?.flight !== statement.flight;
    const closes = next?.flight !== statement.flight;
    const pipelined = !(opens && closes);
    if (opens) flights++;
    if (opens && pipelined) body.push('\\startpipeline');
    body.push(`${text.replace(/\s*\n\s*/g, ' ')};`);
    if (closes && pipelined) body.push('\\endpipeline');
  });
  return { script: [...lines, ...steps, ...body, ''].join('\n'), statements: plan.statements.length, flights };
}

/**
 * The parameters of a planned statement for pair `n` (from 1) of a desk whose keys are `values` (variable name → value),
 * `base` a number no other pair of any desk uses (it and the next `plan.uniques` numbers are this pair's new ids).
 */
export function replayParams(statement: ReplayStatement, values: ReadonlyMap<string, string>, n: number, base: number): unknown[] {
  return statement.params.map((param) => {
    switch (param.kind) {
      case 'key': {
        const value = values.get(param.name);
        if (value === undefined) throw new Error(`no value for :${param.name}`);
        return value;
      }
      case 'literal':
        return param.value;
      case 'step': {
        const value = param.first + param.step * (n - 1);
        return param.asText ? String(value) : value;
      }
      case 'unique':
        return String(base + param.index);
    }
  });
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
