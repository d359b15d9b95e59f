import { LICENSE_COUNT_CAP } from '../../application/ports/SearchIndex.js';

/**
 * The domain's license rules as SQL on `digital_copies`, for search, which counts in the database
 * (like `onShelfPredicate` for copies). `nowParam` names the statement parameter holding the library clock's now.
 *
 * - `poolEnded`: `LicenseTerms.endedAt(now) !== null`: the contract expired at or before now, or is metered out.
 * - `lendableLicenses`: `DigitalCopy.lendableLicenses(now)`: none once ended; otherwise the FREE licenses (bought less
 *   lent less offered; unlimited access counts as LICENSE_COUNT_CAP), never more than the metered checkouts left
 *   beyond those already promised to offers.
 */
export function poolEnded(alias: string, nowParam: string): string {
  return `(coalesce((${alias}.terms ->> 'expiresAt')::timestamptz <= ${nowParam}::timestamptz, false)
    OR coalesce((${alias}.terms ->> 'checkoutsLeft')::integer = 0, false))`;
}

export function lendableLicenses(alias: string, nowParam: string): string {
  const promised = `jsonb_array_length(${alias}.offers)`;
  const free = `CASE WHEN ${alias}.total_licenses IS NULL THEN ${LICENSE_COUNT_CAP}
    ELSE ${alias}.total_licenses - jsonb_array_length(${alias}.leases) - ${promised} END`;
  // GREATEST skips NULLs, so the unmetered case (no checkoutsLeft) is settled by coalesce before it.
  const metered = `GREATEST(0, coalesce((${alias}.terms ->> 'checkoutsLeft')::integer - ${promised}, ${LICENSE_COUNT_CAP}))`;
  return `CASE WHEN ${poolEnded(alias, nowParam)} THEN 0 ELSE GREATEST(0, LEAST(${free}, ${metered})) END`;
}
