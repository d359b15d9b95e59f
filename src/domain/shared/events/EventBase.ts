/**
 * Domain events: immutable, past tense, primitive fields only, routed by a stable `name`.
 * Instants are ISO-8601 strings; money is integer minor units plus a currency code.
 */
export interface EventBase<Name extends string> {
  readonly name: Name;
  readonly occurredAt: string;
}
