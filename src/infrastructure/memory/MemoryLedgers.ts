import type { FineLedgerRepository } from '../../application/ports/Store.js';
import { FineLedger, isLiveFine, type FineLedgerPrimitives, type FinePrimitives, type PaymentPrimitives } from '../../domain/fines/FineLedger.js';

/** Every fine and payment of one member, in the order they were first written (fines: assessment order). */
interface MemberHistory {
  readonly fines: Map<string, FinePrimitives>;
  readonly payments: Map<string, PaymentPrimitives>;
  readonly finesByLoan: Map<string, Set<string>>;
}

const copyFine = (f: FinePrimitives): FinePrimitives => ({ ...f });
const copyPayment = (p: PaymentPrimitives): PaymentPrimitives => ({ ...p, allocations: p.allocations.map((a) => ({ ...a })) });

/** The part of a ledger a decision reads, which is what the ledger's row holds: the balance and the open fines. */
export function openPart(p: FineLedgerPrimitives): FineLedgerPrimitives {
  return { ...p, fines: p.fines.filter(isLiveFine), payments: [] };
}

/**
 * The committed history of every ledger: each fine (open or settled) and payment, kept beside the ledgers' rows, which
 * hold only the balance and the open (or accruing) fines. Writing a ledger adds or replaces the entries it carries, so the cost of
 * a save is what the ledger read and changed, never the member's whole past.
 */
export class LedgerHistory {
  private readonly members = new Map<string, MemberHistory>();

  /** One transaction's view: reads see its own pending writes; writes wait for commit (`applyAll`). */
  begin(): TxLedgerHistory {
    return new TxLedgerHistory(this.members);
  }

  /** Every committed payment of every member (for the reports). */
  *allPayments(): Iterable<PaymentPrimitives> {
    for (const history of this.members.values()) yield* history.payments.values();
  }
}

export class TxLedgerHistory {
  private readonly pending = new Map<string, { fines: Map<string, FinePrimitives>; payments: Map<string, PaymentPrimitives> }>();

  constructor(private readonly committed: Map<string, MemberHistory>) {}

  record(p: FineLedgerPrimitives): void {
    let mine = this.pending.get(p.memberId);
    if (!mine) this.pending.set(p.memberId, (mine = { fines: new Map(), payments: new Map() }));
    for (const f of p.fines) mine.fines.set(f.id, copyFine(f));
    for (const x of p.payments) mine.payments.set(x.id, copyPayment(x));
  }

  fines(memberId: string): FinePrimitives[] {
    return this.merged(memberId, 'fines').map(copyFine);
  }

  payments(memberId: string): PaymentPrimitives[] {
    return this.merged(memberId, 'payments').map(copyPayment);
  }

  finesOfLoan(memberId: string, loanId: string): FinePrimitives[] {
    const committed = this.committed.get(memberId);
    const ids = [...(committed?.finesByLoan.get(loanId) ?? [])];
    const mine = this.pending.get(memberId)?.fines;
    const found = ids.map((id) => mine?.get(id) ?? committed?.fines.get(id)).filter((f): f is FinePrimitives => f !== undefined);
    for (const f of mine?.values() ?? []) if (f.loanId === loanId && !ids.includes(f.id)) found.push(f);
    return found.map(copyFine);
  }

  /** Nothing to check: the ledger's row, saved in the same transaction, carries the version. */
  checkAll(): void {}

  applyAll(): void {
    for (const [memberId, { fines, payments }] of this.pending) {
      let history = this.committed.get(memberId);
      if (!history) this.committed.set(memberId, (history = { fines: new Map(), payments: new Map(), finesByLoan: new Map() }));
      for (const [id, f] of fines) {
        history.fines.set(id, f);
        if (f.loanId === null) continue;
        let ofLoan = history.finesByLoan.get(f.loanId);
        if (!ofLoan) history.finesByLoan.set(f.loanId, (ofLoan = new Set()));
        ofLoan.add(id);
      }
      for (const [id, x] of payments) history.payments.set(id, x);
    }
  }

  private merged<K extends 'fines' | 'payments'>(memberId: string, kind: K): (K extends 'fines' ? FinePrimitives : PaymentPrimitives)[] {
    type Entry = K extends 'fines' ? FinePrimitives : PaymentPrimitives;
    const committed = (this.committed.get(memberId)?.[kind] ?? new Map()) as Map<string, Entry>;
    const mine = (this.pending.get(memberId)?.[kind] ?? new Map()) as Map<string, Entry>;
    const out = [...committed].map(([id, entry]) => mine.get(id) ?? entry);
    for (const [id, entry] of mine) if (!committed.has(id)) out.push(entry);
    return out;
  }
}

/** The ledger rows of one transaction (`get`/`save` with optimistic versions), as `TxTable` gives them. */
interface LedgerRows {
  get(memberId: string): FineLedger | null;
  save(ledger: FineLedger): Promise<void>;
}

/** The in-memory ledgers: decisions read the ledger's row (balance and open fines); statements add the history. */
export function memoryLedgers(rows: LedgerRows, history: TxLedgerHistory, borrowerIdOf: (barcode: string) => string | null): FineLedgerRepository {
  const forMember = (memberId: string, currency: string): FineLedger => rows.get(memberId) ?? FineLedger.open(memberId, currency);
  return {
    forMember: (memberId, currency) => Promise.resolve(forMember(memberId, currency)),
    forBorrowerOf: (barcode, currency) => {
      const memberId = borrowerIdOf(barcode);
      return Promise.resolve(memberId === null ? null : forMember(memberId, currency));
    },
    statementFor: (memberId, currency) => {
      const ledger = forMember(memberId, currency);
      const p = { ...ledger.toPrimitives(), fines: history.fines(memberId), payments: history.payments(memberId) };
      return Promise.resolve(FineLedger.fromPrimitives(p, ledger.version));
    },
    finesOfLoan: (memberId, loanId) => Promise.resolve(history.finesOfLoan(memberId, loanId)),
    save: (ledger) => {
      history.record(ledger.toPrimitives());
      return rows.save(ledger);
    },
  };
}
