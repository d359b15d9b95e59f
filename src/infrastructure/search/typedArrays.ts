/** Geometric growth of the typed arrays that hold the index, and dense interning of repeated strings. */

export function growU32(a: Uint32Array<ArrayBuffer>, min: number): Uint32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export function growU16(a: Uint16Array<ArrayBuffer>, min: number): Uint16Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint16Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export function growI16(a: Int16Array<ArrayBuffer>, min: number, fill: number): Int16Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int16Array(Math.max(min, a.length * 2, 16));
  b.fill(fill, a.length);
  b.set(a);
  return b;
}

export function growU8(a: Uint8Array<ArrayBuffer>, min: number): Uint8Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint8Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export function growF64(a: Float64Array<ArrayBuffer>, min: number): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

/** Interns strings to dense ids (0 is reserved for "none"). */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [''];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
