/** The column values every row mapper reads and writes, as the drivers hand them over. */

/** timestamptz arrives as a Date (or as text inside JSON); the domain speaks ISO-8601 UTC strings. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
}
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
export const text = (value: unknown): string => value as string;
export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : (value as string));
export const texts = (value: unknown): string[] => [...(value as string[])];
/** jsonb arrives parsed from `pg` and PGlite alike; text (a JSON literal) is parsed here. */
export const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** One column list and its values, in the same order: the shape every write is built from. */
export type Columns = Readonly<Record<string, unknown>>;
