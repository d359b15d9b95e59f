/** The loan category (item type) of a copy: what circulation rules match on besides the member. */
export const LOAN_CATEGORIES = ['STANDARD', 'SHORT_LOAN', 'REFERENCE', 'MEDIA'] as const;
export type LoanCategory = (typeof LOAN_CATEGORIES)[number];
