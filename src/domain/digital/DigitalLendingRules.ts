import { PolicyError } from '../policy/PolicyError.js';

/** The numbers digital lending runs on: one set for every member, separate from the print policy. */
export interface DigitalLendingRules {
  /** E-loan length in days (14 by default). */
  readonly loanDays: number;
  /** How long the queue head has to claim a freed license (24 hours by default). */
  readonly claimWindowHours: number;
  /** Concurrent digital loans per member (unlimited-access titles do not count). */
  readonly maxLoans: number;
  readonly maxRenewals: number;
  /** Lifetime of a signed download link; never beyond the loan's due instant. */
  readonly downloadLinkMinutes: number;
}

export const DEFAULT_DIGITAL_RULES: DigitalLendingRules = {
  loanDays: 14,
  claimWindowHours: 24,
  maxLoans: 5,
  maxRenewals: 1,
  downloadLinkMinutes: 15,
};

/** The defaults with `overrides` applied; every number must be a whole, positive one (renewals may be 0). */
export function digitalLendingRules(overrides: Partial<DigitalLendingRules> = {}): DigitalLendingRules {
  const rules = { ...DEFAULT_DIGITAL_RULES, ...overrides };
  for (const [field, value] of Object.entries(rules)) {
    const min = field === 'maxRenewals' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new PolicyError('INVALID_POLICY', `digital lending rule ${field} must be a whole number of at least ${min}`, { field, value: String(value) });
    }
  }
  return rules;
}
