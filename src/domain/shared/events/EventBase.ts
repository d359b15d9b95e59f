/**
 * Domain events: immutable, past tense, primitive fields only, routed by a stable `name`.
 * Instants are ISO-8601 strings; money is integer minor units plus a currency code.
 */
export interface EventBase<Name extends string> {
  readonly name: Name;
  readonly occurredAt: string;
}

/** The field every event about a title names it by (copies, loans, holds, digital copies and e-loans). */
export interface OfTitle {
  /** The title's key: its record id, which is its ISBN-13 when it has one (the name `isbn` is kept for the readers of events). */
  readonly isbn: string;
}
