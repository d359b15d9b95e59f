import type { ServiceIdentifier } from 'inversify';
import type { CalendarRepository } from '../ports/CalendarRepository.js';

/** Injection tokens of the circulation-rules services. */
export const RULE_TOKENS = {
  Calendars: Symbol.for('shelfmark.Calendars') as ServiceIdentifier<CalendarRepository>,
} as const;
