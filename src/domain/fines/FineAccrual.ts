/**
 * When a rule charges an overdue fine: once, when the loan ends (`AT_RETURN`, every preset's way), or day by day while
 * the loan stays out (`DAILY`: the jobs accrue it, the ledger shows it and blocks count it, the end of the loan
 * finalises it). The amount is the rule's fine strategy either way, so caps hold across the accrued and the final amount.
 */
export const FINE_ACCRUAL_NAMES = ['AT_RETURN', 'DAILY'] as const;
export type FineAccrualName = (typeof FINE_ACCRUAL_NAMES)[number];

export interface FineAccrual {
  readonly name: FineAccrualName;
  /** For `explain()` and the docs. */
  readonly description: string;
  /** The jobs raise an open overdue loan's fine to what it has cost so far. */
  readonly accruesDaily: boolean;
}

export const FINE_ACCRUALS: Readonly<Record<FineAccrualName, FineAccrual>> = {
  AT_RETURN: { name: 'AT_RETURN', description: 'charged when the loan ends', accruesDaily: false },
  DAILY: { name: 'DAILY', description: 'accrued daily while the loan is overdue, finalised when it ends', accruesDaily: true },
};

/**
 * Where an accruing overdue fine stands (absent on a fine: charged in full, nothing accrues). `ACCRUING`: the jobs
 * raise it; `STOPPED`: waived, it stays at nothing until the loan ends; the end of the loan finalises either
 * (`FINALISED`: the fine is an ordinary fine again, its accrual state cleared).
 */
export type FineAccrualState = 'ACCRUING' | 'STOPPED';
export type FineAccrualCommand = 'accrue' | 'stop' | 'finalise';

/** What an accruing fine may do in each state. */
export const FINE_ACCRUAL_TRANSITIONS: Readonly<Record<FineAccrualState, Partial<Record<FineAccrualCommand, FineAccrualState | 'FINALISED'>>>> = {
  ACCRUING: { accrue: 'ACCRUING', stop: 'STOPPED', finalise: 'FINALISED' },
  STOPPED: { finalise: 'FINALISED' },
};

/** The accrual state after `command` (null: finalised); undefined when the state does not allow it. */
export function accrualAfter(state: FineAccrualState, command: FineAccrualCommand): FineAccrualState | null | undefined {
  const next = FINE_ACCRUAL_TRANSITIONS[state][command];
  return next === 'FINALISED' ? null : next;
}
