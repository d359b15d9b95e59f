import { BranchCalendar, type CalendarDefinition } from '../../domain/calendar/BranchCalendar.js';
import { CirculationPolicy, type PolicyDefinition } from '../../domain/policy/CirculationPolicy.js';
import { policyPreset } from '../../domain/policy/presets.js';
import type { ShelfmarkConfig } from './schema.js';

/** A path in the configuration and what the domain said is wrong there. */
export interface PolicyProblem {
  readonly path: readonly string[];
  readonly message: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The policy a configuration describes: the preset or custom rule set, with the configured branch
 * calendars laid over the policy's own. The checks are the domain's: BranchCalendar.define for each
 * branch and the CirculationPolicy constructor for the whole rule set.
 */
export function resolvePolicy(config: ShelfmarkConfig): { readonly definition: PolicyDefinition } | { readonly problem: PolicyProblem } {
  const calendars: Record<string, CalendarDefinition> = {};
  for (const [branch, c] of Object.entries(config.branches)) {
    const calendar: CalendarDefinition = {
      timeZone: c.timeZone,
      ...(c.openingHours === undefined ? {} : { openingHours: c.openingHours }),
      ...(c.closures === undefined ? {} : { closures: c.closures }),
    };
    try {
      BranchCalendar.define(branch, calendar);
    } catch (error) {
      return { problem: { path: ['branches', branch], message: messageOf(error) } };
    }
    calendars[branch] = calendar;
  }
  try {
    const base: PolicyDefinition =
      typeof config.policy === 'string' ? policyPreset(config.policy) : ({ source: 'shelfmark.config.json', ...config.policy } as unknown as PolicyDefinition);
    const definition: PolicyDefinition = Object.keys(calendars).length === 0 ? base : { ...base, calendars: { ...base.calendars, ...calendars } };
    new CirculationPolicy(definition);
    return { definition };
  } catch (error) {
    return { problem: { path: ['policy'], message: messageOf(error) } };
  }
}
