import type { LendingError } from '../lending/LendingError.js';
import type { MemberError } from '../members/MemberError.js';

/** A rule saying no: the typed error it throws, and whether staff may override it with a recorded reason. */
export interface Refusal {
  readonly error: LendingError | MemberError;
  /** Patron blocks may be overridden by staff; rules about the loan itself (limits, holds) may not. */
  readonly overridable: boolean;
}
