import type { CirculationRule, PolicyDefinition } from 'shelfmark';

/**
 * Brookfield Public Library lends by what a record is, not only by each copy's loan category: DVDs go out for 7 days,
 * 2 at a time, held 24 hours for pickup; maps are not lent to students; short-loan copies, whatever they are, for 2 days.
 */
const everyday: CirculationRule = {
  loanDays: 21,
  renewalDays: 21,
  maxActiveLoans: 10,
  maxRenewals: 2,
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: 72,
  maxActiveReservations: 5,
  blockingFineThreshold: null,
  fine: { kind: 'flat', perDay: 20 },
};

export const BROOKFIELD_PUBLIC: PolicyDefinition = {
  name: 'brookfield-public',
  source: 'docs example',
  currency: 'GBP',
  charges: { damaged: 0, lost: 0, defaultReplacement: 2_000 },
  entries: [
    { id: 'everyone', match: {}, rule: everyday },
    {
      id: 'dvd',
      match: { materialType: 'DVD' },
      rule: { ...everyday, loanDays: 7, renewalDays: 7, maxActiveLoans: 2, pickupWindowHours: 24, fine: { kind: 'flat', perDay: 100 } },
    },
    { id: 'student-map', match: { memberType: 'STUDENT', materialType: 'MAP' }, rule: { ...everyday, maxActiveLoans: 0 } },
    { id: 'short-loan', match: { itemType: 'SHORT_LOAN' }, rule: { ...everyday, loanDays: 2, renewalDays: 2, maxRenewals: 0 } },
  ],
};
