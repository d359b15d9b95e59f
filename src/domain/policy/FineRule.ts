import { Money } from '../shared/Money.js';
import { CappedFine, FlatRateFine, GraceDaysFine, GracePeriodFine, NoFine, type FineStrategy, type GraceCountFrom } from '../fines/FineStrategy.js';

/** A fine rule as data (amounts in minor units of the policy's currency); `buildFineStrategy` turns it into a strategy. */
export type FineRule =
  | { readonly kind: 'flat'; readonly perDay: number; readonly cap?: FineCap; readonly grace?: GracePeriod }
  | { readonly kind: 'grace'; readonly graceDays: number; readonly perDay: number; readonly cap?: FineCap }
  | { readonly kind: 'none' };

/** No fine when returned within `days` late days; past them, charge from the due date or from the end of grace. */
export interface GracePeriod {
  readonly days: number;
  readonly countFrom: GraceCountFrom;
}

export interface FineCap {
  readonly maxPerItem?: number;
  readonly replacementPrice?: boolean;
}

type Builders = { readonly [K in FineRule['kind']]: (rule: Extract<FineRule, { kind: K }>, currency: string) => FineStrategy };

const BUILDERS: Builders = {
  flat: (rule, currency) => withCap(withGrace(new FlatRateFine(Money.nonNegative(rule.perDay, currency)), rule.grace), rule.cap, currency),
  grace: (rule, currency) => withCap(new GraceDaysFine(rule.graceDays, Money.nonNegative(rule.perDay, currency)), rule.cap, currency),
  none: (_rule, currency) => new NoFine(currency),
};

function withGrace(strategy: FineStrategy, grace: GracePeriod | undefined): FineStrategy {
  return grace === undefined ? strategy : new GracePeriodFine(strategy, grace.days, grace.countFrom);
}

function withCap(strategy: FineStrategy, cap: FineCap | undefined, currency: string): FineStrategy {
  if (!cap || (cap.maxPerItem === undefined && !cap.replacementPrice)) return strategy;
  const max = cap.maxPerItem === undefined ? null : Money.nonNegative(cap.maxPerItem, currency);
  return new CappedFine(strategy, max, cap.replacementPrice ?? false);
}

export function buildFineStrategy(rule: FineRule, currency: string): FineStrategy {
  const build = BUILDERS[rule.kind] as (r: FineRule, c: string) => FineStrategy;
  return build(rule, currency);
}
