import { describe, expect, it } from 'vitest';
import { Loan } from '../../src/domain/lending/Loan.js';
import { calendarDaysBetween, reminderDue, reminderHorizon, type ReminderSchedule } from '../../src/domain/lending/Reminders.js';
import { CirculationPolicy } from '../../src/domain/policy/CirculationPolicy.js';
import { daysLate } from '../../src/domain/shared/Clock.js';
import { CITY_POLICY, COLLEGE_POLICY } from '../../src/domain/policy/presets.js';

const SEED_001: ReminderSchedule = { daysBeforeDue: [2], onDueDate: true, overdueEveryDays: 3 };
const DUE = '2026-09-21T09:00:00.000Z';
const loanDue = (dueAt = DUE): Loan =>
  Loan.open({ id: 'loan-1', barcode: 'cormen-1', isbn: '9780262033848', memberId: 'M-RAJ', dueAt: new Date(dueAt) }, new Date('2026-09-07T09:00:00.000Z'));
const slotOn = (instant: string, schedule = SEED_001, loan = loanDue()): string | null => reminderDue(loan, schedule, new Date(instant))?.slot ?? null;

describe('Reminders', () => {
  describe(calendarDaysBetween, () => {
    it('should count UTC calendar days, whatever the hour', () => {
      expect(calendarDaysBetween(new Date(DUE), new Date('2026-09-21T23:59:59.999Z'))).toBe(0);
      expect(calendarDaysBetween(new Date(DUE), new Date('2026-09-22T00:00:00.000Z'))).toBe(1);
      expect(calendarDaysBetween(new Date(DUE), new Date('2026-09-19T00:00:00.000Z'))).toBe(-2);
      expect(calendarDaysBetween(new Date(DUE), new Date('2026-11-20T00:00:00.000Z'))).toBe(60);
    });
  });

  describe(reminderDue, () => {
    describe('on the seed-001 schedule', () => {
      it('should reach 2 days before, the due date, the first day overdue and every 3 days after that', () => {
        const days = Array.from({ length: 20 }, (_, i) => new Date(Date.parse('2026-09-17T06:00:00.000Z') + i * 86_400_000).toISOString());
        const firstReached = days
          .map((d) => ({ day: d.slice(5, 10), slot: slotOn(d) }))
          .filter(({ slot }, i, all) => slot !== null && slot !== all[i - 1]?.slot)
          .map(({ day, slot }) => `${day} ${String(slot)}`);
        expect(firstReached).toEqual(['09-19 due-in-2d', '09-21 due-today', '09-22 overdue-1d', '09-25 overdue-4d', '09-28 overdue-7d', '10-01 overdue-10d', '10-04 overdue-13d']);
      });

      it('should say "due today" on the due date until the due instant, and overdue from then on', () => {
        expect(slotOn('2026-09-21T00:00:00.000Z')).toBe('due-today');
        expect(slotOn('2026-09-21T09:00:00.000Z')).toBe('due-today');
        expect(reminderDue(loanDue(), SEED_001, new Date('2026-09-21T09:01:00.000Z'))).toMatchObject({ slot: 'overdue-1d', daysOverdue: 1 });
      });

      it('should count days overdue as fines count days late', () => {
        for (const at of ['2026-09-21T09:01:00.000Z', '2026-09-24T08:59:00.000Z', '2026-09-24T09:01:00.000Z', '2026-11-19T23:59:00.000Z']) {
          const reminder = reminderDue(loanDue(), SEED_001, new Date(at));
          expect(reminder?.name === 'loan.overdue' ? reminder.daysOverdue : null).toBe(daysLate(new Date(DUE), new Date(at)));
        }
      });

      it('should carry what the notice needs', () => {
        expect(reminderDue(loanDue(), SEED_001, new Date('2026-09-25T06:00:00.000Z'))).toEqual({
          name: 'loan.overdue',
          occurredAt: '2026-09-25T06:00:00.000Z',
          loanId: 'loan-1',
          barcode: 'cormen-1',
          isbn: '9780262033848',
          memberId: 'M-RAJ',
          dueAt: DUE,
          daysOverdue: 4,
          slot: 'overdue-4d',
        });
      });
    });

    describe('when the jobs missed the day of a slot', () => {
      it('should answer the missed "due soon" slot while the loan is not yet due, with the days actually left', () => {
        expect(reminderDue(loanDue(), SEED_001, new Date('2026-09-20T06:00:00.000Z'))).toMatchObject({ name: 'loan.due-soon', slot: 'due-in-2d', daysLeft: 1 });
      });

      it('should answer the overdue notice, not the missed "due soon" and "due today" slots, once the loan is overdue', () => {
        expect(reminderDue(loanDue(), SEED_001, new Date('2026-09-23T06:00:00.000Z'))).toMatchObject({ name: 'loan.overdue', slot: 'overdue-1d', daysOverdue: 2 });
      });

      it('should answer the latest overdue repeat reached, not the ones before it', () => {
        expect(reminderDue(loanDue(), SEED_001, new Date('2026-09-27T06:00:00.000Z'))).toMatchObject({ slot: 'overdue-4d', daysOverdue: 6 });
      });
    });

    describe('with no repeats', () => {
      it('should keep the single overdue slot from the first day overdue on', () => {
        const once: ReminderSchedule = { daysBeforeDue: [1], onDueDate: false, overdueEveryDays: null };
        expect(slotOn('2026-09-19T10:00:00.000Z', once)).toBeNull();
        expect(slotOn('2026-09-20T10:00:00.000Z', once)).toBe('due-in-1d');
        expect(slotOn('2026-09-21T08:00:00.000Z', once)).toBe('due-in-1d');
        expect(slotOn('2026-09-21T10:00:00.000Z', once)).toBe('overdue-1d');
        expect(slotOn('2026-10-25T10:00:00.000Z', once)).toBe('overdue-1d');
      });
    });

    describe('when the loan is closed', () => {
      it('should remind nothing', () => {
        const loan = loanDue();
        loan.close(new Date('2026-09-20T09:00:00.000Z'));
        expect(slotOn('2026-09-22T10:00:00.000Z', SEED_001, loan)).toBeNull();
      });
    });
  });

  describe(reminderHorizon, () => {
    it('should end with the furthest "days before due" day', () => {
      expect(reminderHorizon(SEED_001, new Date('2026-09-19T15:00:00.000Z')).toISOString()).toBe('2026-09-22T00:00:00.000Z');
      expect(reminderHorizon({ daysBeforeDue: [], onDueDate: false, overdueEveryDays: null }, new Date('2026-09-19T15:00:00.000Z')).toISOString()).toBe(
        '2026-09-20T00:00:00.000Z',
      );
    });
  });

  describe('in the policy', () => {
    it('should refuse a schedule that is not whole positive days', () => {
      const withReminders = (reminders: ReminderSchedule, lostAfterDaysOverdue: number | null = 60) => () =>
        new CirculationPolicy({ ...CITY_POLICY, reminders, lostAfterDaysOverdue });
      expect(withReminders({ ...SEED_001, daysBeforeDue: [0] })).toThrow(/days before due must be positive/);
      expect(withReminders({ ...SEED_001, overdueEveryDays: 1.5 })).toThrow(/repeat every positive whole number/);
      expect(withReminders(SEED_001, 0)).toThrow(/lostAfterDaysOverdue/);
      expect(withReminders(SEED_001)).not.toThrow();
    });

    it('should send nothing when a policy has no schedule', () => {
      const policy = new CirculationPolicy({ name: 'bare', source: 'test', currency: 'USD', charges: CITY_POLICY.charges, entries: CITY_POLICY.entries });
      expect(policy.reminders).toEqual({ daysBeforeDue: [], onDueDate: false, overdueEveryDays: null });
    });

    it('should take the policy-level lostAfterDaysOverdue as the default of rules that set no lost-item rule', () => {
      const definition = { ...COLLEGE_POLICY, lostAfterDaysOverdue: 45 };
      const withOwn = { ...definition, entries: definition.entries.map((e) => ({ ...e, rule: { ...e.rule, lost: { ageToLostAfterDaysOverdue: 90, refundWindowDays: null } } })) };
      expect(new CirculationPolicy(COLLEGE_POLICY).ruleFor({ type: 'STUDENT', plan: 'BASIC' }).controls.lost.ageToLostAfterDaysOverdue).toBeNull();
      expect(new CirculationPolicy(definition).ruleFor({ type: 'STUDENT', plan: 'BASIC' }).controls.lost.ageToLostAfterDaysOverdue).toBe(45);
      expect(new CirculationPolicy(withOwn).ruleFor({ type: 'STUDENT', plan: 'BASIC' }).controls.lost.ageToLostAfterDaysOverdue).toBe(90);
    });
  });
});
