/** What may cut a due date back (Koha's `ReturnBeforeExpiry`, FOLIO's due-date truncation at the patron's expiry). */
export const DUE_DATE_CAP_NAMES = ['NONE', 'CARD_EXPIRY'] as const;
export type DueDateCapName = (typeof DUE_DATE_CAP_NAMES)[number];

export interface DueDateCap {
  readonly name: DueDateCapName;
  /** For `explain()` and the docs. */
  readonly description: string;
  /**
   * The earlier instant a due date `dueAt` is cut back to, for a member whose card expires at `cardExpiresAt`, decided
   * at `now`; null: the due date stands. A card already expired at `now` (a staff override let the loan through) cuts nothing.
   */
  cut(dueAt: Date, cardExpiresAt: Date | null, now: Date): Date | null;
}

export const DUE_DATE_CAPS: Readonly<Record<DueDateCapName, DueDateCap>> = {
  NONE: { name: 'NONE', description: 'the card expiry does not change the due date', cut: () => null },
  CARD_EXPIRY: {
    name: 'CARD_EXPIRY',
    description: "a due date after the card's expiry is cut back to the expiry",
    cut: (dueAt, cardExpiresAt, now) =>
      cardExpiresAt !== null && cardExpiresAt.getTime() > now.getTime() && cardExpiresAt.getTime() < dueAt.getTime() ? cardExpiresAt : null,
  },
};
