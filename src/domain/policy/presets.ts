import type { CirculationRule, PolicyDefinition } from './CirculationPolicy.js';
import { PolicyError } from './PolicyError.js';

/**
 * Four ready-made policies: a college, a city library, a library network and a lending desk. Numbers
 * marked "a chosen default" are common library defaults; docs/policies-presets.md lists them all.
 */

const college: CirculationRule = {
  loanDays: 10, // 10-day loans
  renewalDays: 10,
  maxActiveLoans: 5, // at most 5 books per member
  maxRenewals: 2, // a chosen default
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: 24, // holds kept 24 h
  maxActiveReservations: 5, // a chosen default
  blockingFineThreshold: 50_000, // a chosen default: ₹500
  fine: { kind: 'flat', perDay: 500 }, // flat rate: ₹5/day
};

/** A college library: students, faculty, public readers; fines in rupees. */
export const COLLEGE_POLICY: PolicyDefinition = {
  name: 'college',
  source: 'college library preset',
  currency: 'INR',
  charges: { damaged: 0, lost: 0, defaultReplacement: 50_000 },
  entries: [
    { id: 'college-public', match: { memberType: 'PUBLIC' }, rule: college },
    { id: 'college-student', match: { memberType: 'STUDENT' }, rule: { ...college, fine: { kind: 'grace', graceDays: 2, perDay: 300 } } },
    { id: 'college-faculty', match: { memberType: 'FACULTY' }, rule: { ...college, fine: { kind: 'none' } } },
  ],
  // a due-date reminder 1 day before due; one overdue notice, no repeats (a chosen default)
  reminders: { daysBeforeDue: [1], onDueDate: false, overdueEveryDays: null },
};

const cityBasic: CirculationRule = {
  loanDays: 14, // due 14 days after checkout
  renewalDays: 14,
  maxActiveLoans: 3, // the basic plan caps active checkouts at 3
  maxRenewals: 2, // a chosen default
  maxOverdueDaysToRenew: 0, // an overdue loan cannot be renewed
  pickupWindowHours: 48, // a hold expires 48 hours after it is ready
  maxActiveReservations: 3, // at most 3 holds
  blockingFineThreshold: 500, // unpaid fines over $5.00 block checkouts
  fine: { kind: 'flat', perDay: 25, cap: { maxPerItem: 1000, replacementPrice: true } }, // $0.25/day; cap $10 or replacement
  lost: { ageToLostAfterDaysOverdue: 60, refundWindowDays: null }, // 60+ days overdue is assumed lost; the replacement cost is charged
};

/** A city library with basic and premium plans, in US cents. */
export const CITY_POLICY: PolicyDefinition = {
  name: 'city',
  source: 'city library preset',
  currency: 'USD',
  charges: { damaged: 0, lost: 0, defaultReplacement: 2_500 },
  entries: [
    { id: 'city-basic', match: {}, rule: cityBasic },
    { id: 'city-premium', match: { plan: 'PREMIUM' }, rule: { ...cityBasic, maxActiveLoans: 10, loanDays: 21, renewalDays: 21 } },
  ],
  // reminders 2 days before due, on the due date, and every 3 days while overdue
  reminders: { daysBeforeDue: [2], onDueDate: true, overdueEveryDays: 3 },
};

/** A library network: $0.25/day with DAMAGED ($10) and LOST ($5) surcharges, 48 h holds. */
export const NETWORK_POLICY: PolicyDefinition = {
  name: 'network',
  source: 'library network preset',
  currency: 'USD',
  charges: { damaged: 1_000, lost: 500, defaultReplacement: 2_500 },
  entries: [
    {
      id: 'network-default',
      match: {},
      rule: { ...cityBasic, maxActiveLoans: 5, fine: { kind: 'flat', perDay: 25 } },
    },
  ],
  reminders: { daysBeforeDue: [2], onDueDate: true, overdueEveryDays: 3 }, // a chosen default: as the city library
};

/** A lending desk: 14 days, 20 rupees per late day, holds kept until collected, fines never block. */
export const DESK_POLICY: PolicyDefinition = {
  name: 'desk',
  source: 'lending desk preset',
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
  reminders: { daysBeforeDue: [], onDueDate: false, overdueEveryDays: null }, // a chosen default: one overdue notice only
};

export const POLICY_PRESETS = {
  college: COLLEGE_POLICY,
  city: CITY_POLICY,
  network: NETWORK_POLICY,
  desk: DESK_POLICY,
} as const;

export type PolicyPresetName = keyof typeof POLICY_PRESETS;

export function policyPreset(name: string): PolicyDefinition {
  const preset = (POLICY_PRESETS as Record<string, PolicyDefinition | undefined>)[name];
  if (!preset) {
    throw new PolicyError('UNKNOWN_PRESET', `no policy preset "${name}"; known: ${Object.keys(POLICY_PRESETS).join(', ')}`, { name });
  }
  return preset;
}
