import type { CirculationRule, PolicyDefinition } from './CirculationPolicy.js';
import { PolicyError } from './PolicyError.js';

/**
 * One preset per design write-up, reproducing its numbers. Where a seed is silent, the choice is
 * marked "not in the seed" and documented in docs/policies-presets.md.
 */

const college: CirculationRule = {
  loanDays: 10, // seed 003: max 10 days lending
  renewalDays: 10,
  maxActiveLoans: 5, // seed 003: max 5 books per member
  maxRenewals: 2, // not in the seed
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: 24, // seed 003: 24 h hold
  maxActiveReservations: 5, // not in the seed
  blockingFineThreshold: 50_000, // not in the seed: ₹500
  fine: { kind: 'flat', perDay: 500 }, // seed 003 FlatRateFine: ₹5/day
};

/** Seed 003 — a college library: students, faculty, public readers; fines in rupees. */
export const SEED_003_COLLEGE: PolicyDefinition = {
  name: 'college',
  source: 'seed 003',
  currency: 'INR',
  charges: { damaged: 0, lost: 0, defaultReplacement: 50_000 },
  entries: [
    { id: 'college-public', match: { memberType: 'PUBLIC' }, rule: college },
    { id: 'college-student', match: { memberType: 'STUDENT' }, rule: { ...college, fine: { kind: 'grace', graceDays: 2, perDay: 300 } } },
    { id: 'college-faculty', match: { memberType: 'FACULTY' }, rule: { ...college, fine: { kind: 'none' } } },
  ],
  // seed 003: "sends due-date reminder 1 day before due"; one overdue notice, no repeats (not in the seed)
  reminders: { daysBeforeDue: [1], onDueDate: false, overdueEveryDays: null },
};

const cityBasic: CirculationRule = {
  loanDays: 14, // seed 001: due = now + 14 days
  renewalDays: 14,
  maxActiveLoans: 3, // seed 001: basic plan caps active checkouts at 3
  maxRenewals: 2, // not in the seed
  maxOverdueDaysToRenew: 0, // seed 001: block renewals on the overdue item itself
  pickupWindowHours: 48, // seed 001: expires_at 48 hours out
  maxActiveReservations: 3, // seed 001 FAQ: e.g. 3
  blockingFineThreshold: 500, // seed 001: unpaid fines over $5.00 block checkouts
  fine: { kind: 'flat', perDay: 25, cap: { maxPerItem: 1000, replacementPrice: true } }, // $0.25/day; cap $10 or replacement
  lost: { ageToLostAfterDaysOverdue: 60, refundWindowDays: null }, // seed 001: 60+ days overdue is "assumed lost", replacement cost charged
};

/** Seed 001 — a city library with basic and premium plans, in US cents. */
export const SEED_001_CITY: PolicyDefinition = {
  name: 'city',
  source: 'seed 001',
  currency: 'USD',
  charges: { damaged: 0, lost: 0, defaultReplacement: 2_500 },
  entries: [
    { id: 'city-basic', match: {}, rule: cityBasic },
    { id: 'city-premium', match: { plan: 'PREMIUM' }, rule: { ...cityBasic, maxActiveLoans: 10, loanDays: 21, renewalDays: 21 } },
  ],
  // seed 001: "2 days before due, on the due date, and at 3-day intervals while overdue"
  reminders: { daysBeforeDue: [2], onDueDate: true, overdueEveryDays: 3 },
};

/** Seed 002 — the network walkthrough: $0.25/day with DAMAGED ($10) and LOST ($5) surcharges, 48 h holds. */
export const SEED_002_NETWORK: PolicyDefinition = {
  name: 'network',
  source: 'seed 002',
  currency: 'USD',
  charges: { damaged: 1_000, lost: 500, defaultReplacement: 2_500 },
  entries: [
    {
      id: 'network-default',
      match: {},
      rule: { ...cityBasic, maxActiveLoans: 5, fine: { kind: 'flat', perDay: 25 } },
    },
  ],
  reminders: { daysBeforeDue: [2], onDueDate: true, overdueEveryDays: 3 }, // not in the seed: as seed 001
};

/** Seed 004 — the desk exercise: 14 days, 20 rupees per late day, holds kept until collected, fines never block. */
export const SEED_004_DESK: PolicyDefinition = {
  name: 'desk',
  source: 'seed 004',
  currency: 'INR',
  charges: { damaged: 0, lost: 0, defaultReplacement: 0 },
  entries: [
    {
      id: 'desk-default',
      match: {},
      rule: {
        loanDays: 14,
        renewalDays: 14,
        maxActiveLoans: Number.MAX_SAFE_INTEGER,
        maxRenewals: 0,
        maxOverdueDaysToRenew: 0,
        pickupWindowHours: null,
        maxActiveReservations: Number.MAX_SAFE_INTEGER,
        blockingFineThreshold: null,
        fine: { kind: 'flat', perDay: 2_000 },
      },
    },
  ],
  reminders: { daysBeforeDue: [], onDueDate: false, overdueEveryDays: null }, // not in the seed: one overdue notice only
};

export const POLICY_PRESETS = {
  college: SEED_003_COLLEGE,
  city: SEED_001_CITY,
  network: SEED_002_NETWORK,
  desk: SEED_004_DESK,
} as const;

export type PolicyPresetName = keyof typeof POLICY_PRESETS;

export function policyPreset(name: string): PolicyDefinition {
  const preset = (POLICY_PRESETS as Record<string, PolicyDefinition | undefined>)[name];
  if (!preset) {
    throw new PolicyError('UNKNOWN_PRESET', `no policy preset "${name}"; known: ${Object.keys(POLICY_PRESETS).join(', ')}`, { name });
  }
  return preset;
}
