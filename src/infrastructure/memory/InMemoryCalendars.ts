import type { CalendarRepository } from '../../application/ports/CalendarRepository.js';
import type { BranchCalendar } from '../../domain/calendar/BranchCalendar.js';

/** Calendars in memory, starting from the policy's (or from `fallback`, which answers for unknown branches). */
export class InMemoryCalendars implements CalendarRepository {
  private readonly calendars = new Map<string, BranchCalendar>();

  constructor(private readonly fallback: (branch: string) => BranchCalendar) {}

  forBranch(branch: string): Promise<BranchCalendar> {
    return Promise.resolve(this.calendars.get(branch) ?? this.fallback(branch));
  }

  save(calendar: BranchCalendar): Promise<void> {
    this.calendars.set(calendar.branch, calendar);
    return Promise.resolve();
  }
}
