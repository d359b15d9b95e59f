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
