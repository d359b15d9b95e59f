import type { BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import type { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import { LICENSE_COUNT_CAP, SEARCH_FORMATS, type Availability, type SearchFormat } from '../ports/SearchIndex.js';
import { CopyCounts, type PrintCounts } from './CopyCounts.js';

/**
 * What a title's digital pools give search: the licenses that could be lent now, the formats whose pool has not ended,
 * and the next instant this changes with no event at all (a contract that ends by date), or null.
 */
export interface DigitalShare {
  readonly licenses: number;
  readonly formats: ReadonlySet<SearchFormat>;
  readonly lapsesAt: Date | null;
}

export const NO_DIGITAL: DigitalShare = { licenses: 0, formats: new Set(), lapsesAt: null };

/** The licenses free now over a title's pools (`DigitalCopy.lendableLicenses`, capped) and the formats it is lent in. */
export function digitalShare(pools: readonly DigitalCopy[], now: Date): DigitalShare {
  const live = pools.filter((pool) => pool.status(now) !== 'ENDED');
  const licenses = live.reduce((sum, pool) => sum + Math.min(pool.lendableLicenses(now), LICENSE_COUNT_CAP), 0);
  const ends = live.flatMap((pool) => pool.terms.endsLater(now)?.getTime() ?? []);
  return { licenses: Math.min(licenses, LICENSE_COUNT_CAP), formats: new Set(live.map((pool) => pool.format)), lapsesAt: ends.length === 0 ? null : new Date(Math.min(...ends)) };
}

/** A title's availability from its print counts and its digital share: PRINT while a copy may meet a hold. */
export function availabilityOf(print: PrintCounts, digital: DigitalShare): Availability {
  const formats = SEARCH_FORMATS.filter((f) => (f === 'PRINT' ? print.lendable > 0 : digital.formats.has(f)));
  return { available: print.available, byBranch: print.byBranch, licenses: digital.licenses, formats };
}

/**
 * What search counts as available for one title: the copies on the shelf (`isOnShelf`), per branch; the digital
 * licenses that could be lent now (`DigitalCopy.lendableLicenses`); and the formats the title can be lent in.
 * The indexer keeps the same counts incrementally (`CopyCounts`); this recount is what they always equal.
 */
export function titleAvailability(copies: readonly BookItemPrimitives[], pools: readonly DigitalCopy[], now: Date): Availability {
  return availabilityOf(CopyCounts.recount(copies), digitalShare(pools, now));
}
