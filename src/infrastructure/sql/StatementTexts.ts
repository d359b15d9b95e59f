/**
 * Statement texts made once and handed out again. The store's statements are few and fixed, but the texts of its
 * writes (from the columns saved) and of its batches (from the statements combined) are put together in every
 * transaction. Building them again, and hashing a fresh kilobyte of text to find its prepared statement, is a
 * measurable share of a checkout's CPU; a cached text is the same string every time, whose hash V8 keeps.
 */
interface Node {
  readonly next: Map<string, Node>;
  text: string | undefined;
}

/** Parts remembered at most (the store composes a few hundred texts; past this, texts are made and not kept). */
const MAX_NODES = 20_000;

/** Texts keyed by the sequence of parts they are made from. */
export class ComposedTexts {
  private readonly root: Node = { next: new Map(), text: undefined };
  private nodes = 0;

  /** The text for these parts: made by `make` the first time, the same string after that. */
  text(parts: readonly string[], make: () => string): string {
    let node = this.root;
    for (const part of parts) {
      let child = node.next.get(part);
      if (child === undefined) {
        if (this.nodes >= MAX_NODES) return make();
        child = { next: new Map(), text: undefined };
        node.next.set(part, child);
        this.nodes++;
      }
      node = child;
    }
    return (node.text ??= make());
  }
}

type RowWriteKind = 'INSERT' | 'UPDATE' | 'DELETE' | 'UPSERT' | 'INSERT_MANY' | 'UPDATE_MANY';

interface RowShape {
  readonly key: string;
  readonly names: readonly string[];
  readonly texts: Map<RowWriteKind, string>;
}

/** Shapes remembered per table at most (a table is written with one or two column sets). */
const MAX_SHAPES = 16;

/**
 * The texts of one row's writes by table, key column and the columns written. Column names are property keys, which
 * V8 interns, so finding a shape compares a few strings by identity instead of hashing them.
 */
export class RowTexts {
  private readonly byTable = new Map<string, RowShape[]>();

  text(kind: RowWriteKind, table: string, key: string, names: readonly string[], make: () => string): string {
    let shapes = this.byTable.get(table);
    if (shapes === undefined) this.byTable.set(table, (shapes = []));
    let shape = shapes.find((s) => s.key === key && sameNames(s.names, names));
    if (shape === undefined) {
      if (shapes.length >= MAX_SHAPES) return make();
      shape = { key, names: [...names], texts: new Map() };
      shapes.push(shape);
    }
    let text = shape.texts.get(kind);
    if (text === undefined) shape.texts.set(kind, (text = make()));
    return text;
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
