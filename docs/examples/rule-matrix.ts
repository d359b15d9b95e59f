import type { CirculationRule, PolicyDefinition } from 'shelfmark';

/**
 * Hillside School Library (London): open Monday to Friday 08:30–16:00, shut for half term.
 * Students borrow for 14 days with 3 grace days; short-loan copies go out for 3 hours; staff may be recalled.
 */
const schoolStudent: CirculationRule = {
  loanDays: 14,
  renewalDays: 14,
  maxActiveLoans: 4,
  maxRenewals: 2,
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: null,
  maxActiveReservations: 3,
  blockingFineThreshold: 300,
  fine: { kind: 'flat', perDay: 10, grace: { days: 3, countFrom: 'DUE_DATE' } },
  calendar: { dueDateAdjustment: 'NEXT_OPEN_DAY', pickupOpenDays: 3, fineDays: 'OPEN_DAYS' },
  renewal: { notBeforeDaysToDue: 3 },
  blocks: { maxOverdueLoans: 2 },
};

export const HILLSIDE_SCHOOL: PolicyDefinition = {
  name: 'hillside-school',
  source: 'test fixture',
  currency: 'GBP',
  charges: { damaged: 0, lost: 0, defaultReplacement: 1_500 },
  calendars: {
    hillside: {
      timeZone: 'Europe/London',
      openingHours: {
        MON: { opens: '08:30', closes: '16:00' },
        TUE: { opens: '08:30', closes: '16:00' },
        WED: { opens: '08:30', closes: '16:00' },
        THU: { opens: '08:30', closes: '16:00' },
        FRI: { opens: '08:30', closes: '16:00' },
      },
      closures: [{ from: '2026-10-26', to: '2026-10-30', kind: 'HOLIDAY', reason: 'Autumn half term' }],
    },
  },
  entries: [
    { id: 'school-student', match: {}, rule: schoolStudent },
    { id: 'school-short-loan', match: { itemType: 'SHORT_LOAN' }, rule: { ...schoolStudent, loanHours: 3, maxRenewals: 0, fine: { kind: 'flat', perDay: 50 } } },
    {
      id: 'school-staff',
      match: { memberType: 'FACULTY' },
      rule: {
        ...schoolStudent,
        loanDays: 28,
        renewalDays: 28,
        maxActiveLoans: 20,
        fine: { kind: 'none' },
        recall: { guaranteedLoanDays: 7, recallDueDays: 3, fine: { kind: 'flat', perDay: 100 } },
      },
    },
  ],
};

/**
 * Riverton City Library (New York): Downtown opens Monday to Saturday, Riverside Tuesday to Saturday;
 * both close for Thanksgiving. Adults borrow for 21 days, premium members 28, media for 7.
 */
const cityAdult: CirculationRule = {
  loanDays: 21,
  renewalDays: 21,
  maxActiveLoans: 10,
  maxRenewals: 3,
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: 72,
  maxActiveReservations: 5,
  blockingFineThreshold: 1_000,
  fine: { kind: 'flat', perDay: 25, grace: { days: 2, countFrom: 'END_OF_GRACE' }, cap: { maxPerItem: 1_000 } },
  calendar: { dueDateAdjustment: 'NEXT_OPEN_DAY', fineDays: 'ALL_DAYS' },
  renewal: { notBeforeDaysToDue: 3, autoRenew: true, noAutoRenewAfterDays: 63, allowWithHoldsWhenOtherCopiesCanSatisfy: true },
  lost: { ageToLostAfterDaysOverdue: 30, processingFee: 500, refundWindowDays: 60 },
  blocks: { maxOverdueLoans: 5, maxLostItems: 2 },
};

const weekdayHours = (opens: string, closes: string) => ({ opens, closes });

export const RIVERTON_CITY: PolicyDefinition = {
  name: 'riverton-city',
  source: 'test fixture',
  currency: 'USD',
  charges: { damaged: 1_000, lost: 500, defaultReplacement: 2_500 },
  calendars: {
    downtown: {
      timeZone: 'America/New_York',
      openingHours: {
        MON: weekdayHours('09:00', '20:00'),
        TUE: weekdayHours('09:00', '20:00'),
        WED: weekdayHours('09:00', '20:00'),
        THU: weekdayHours('09:00', '20:00'),
        FRI: weekdayHours('09:00', '20:00'),
        SAT: weekdayHours('10:00', '17:00'),
      },
      closures: [{ from: '2026-11-26', to: '2026-11-26', kind: 'HOLIDAY', reason: 'Thanksgiving' }],
    },
    riverside: {
      timeZone: 'America/New_York',
      openingHours: {
        TUE: weekdayHours('10:00', '18:00'),
        WED: weekdayHours('10:00', '18:00'),
        THU: weekdayHours('10:00', '18:00'),
        FRI: weekdayHours('10:00', '18:00'),
        SAT: weekdayHours('10:00', '18:00'),
      },
      closures: [{ from: '2026-11-26', to: '2026-11-26', kind: 'HOLIDAY', reason: 'Thanksgiving' }],
    },
  },
  entries: [
    { id: 'city-adult', match: {}, rule: cityAdult },
    { id: 'city-premium', match: { plan: 'PREMIUM' }, rule: { ...cityAdult, loanDays: 28, renewalDays: 28 } },
    { id: 'city-media', match: { itemType: 'MEDIA' }, rule: { ...cityAdult, loanDays: 7, renewalDays: 7, fine: { kind: 'flat', perDay: 100 } } },
    {
      id: 'city-riverside-media',
      match: { branch: 'riverside', itemType: 'MEDIA' },
      rule: { ...cityAdult, loanDays: 14, renewalDays: 14, fine: { kind: 'flat', perDay: 100 }, calendar: { dueDateAdjustment: 'PREVIOUS_OPEN_DAY' } },
    },
  ],
};
