import { inject, injectable } from 'inversify';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId } from '../domain/shared/guards.js';
import { Money } from '../domain/shared/Money.js';
import type { PaymentPrimitives } from '../domain/fines/FineLedger.js';
import { requireMember } from './lookups.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { ledgerView, type LedgerView } from './views.js';

export interface PayCommand {
  readonly memberId: string;
  /** Minor units (cents, paise) in the library's currency. */
  readonly amount: number;
  readonly method: string;
}

/** Paying and waiving fines; each answers with the member's whole statement (every fine and payment), so each reads it. */
@injectable()
export class FineService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /** A payment, possibly partial, applied to the oldest fines first. */
  async pay(command: PayCommand): Promise<{ readonly payment: PaymentPrimitives; readonly ledger: LedgerView }> {
    const memberId = requireId(command.memberId, 'memberId');
    const amount = Money.of(command.amount, this.policy.currency);
    return this.uow.run(async (tx) => {
      await requireMember(tx, memberId);
      const ledger = await tx.ledgers.statementFor(memberId, this.policy.currency);
      const payment = ledger.pay({ paymentId: this.ids.next('pay'), amount, method: command.method }, this.clock.now());
      await tx.ledgers.save(ledger);
      return { payment, ledger: ledgerView(ledger) };
    });
  }

  async waive(command: { readonly memberId: string; readonly fineId: string; readonly reason: string }): Promise<LedgerView> {
    const memberId = requireId(command.memberId, 'memberId');
    const fineId = requireId(command.fineId, 'fineId');
    return this.uow.run(async (tx) => {
      await requireMember(tx, memberId);
      const ledger = await tx.ledgers.statementFor(memberId, this.policy.currency);
      ledger.waive(fineId, command.reason, this.clock.now());
      await tx.ledgers.save(ledger);
      return ledgerView(ledger);
    });
  }

  async ledger(memberId: string): Promise<LedgerView> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => {
      await requireMember(tx, id);
      return ledgerView(await tx.ledgers.statementFor(id, this.policy.currency));
    });
  }
}
