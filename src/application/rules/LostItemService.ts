import { inject, injectable } from 'inversify';
import type { Clock } from '../../domain/shared/Clock.js';
import { daysLate } from '../../domain/shared/Clock.js';
import { CirculationService, type LostReport } from '../CirculationService.js';
import { requireCopy, requireMember } from '../lookups.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { RuleBook } from './RuleBook.js';

/**
 * The lost-item lifecycle: loans aged to lost by the jobs, copies declared lost by staff, and (through
 * `CirculationService.markFound`) refunds when a lost copy comes back within the rule's window.
 */
@injectable()
export class LostItemService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(CirculationService) private readonly circulation: CirculationService,
  ) {}

  /**
   * Declares lost every open loan overdue by at least its rule's `ageToLostAfterDaysOverdue` days (claimed-returned
   * loans excepted): replacement plus processing fee are charged. Run by the jobs; safe to run twice.
   */
  async ageOverdueToLost(): Promise<LostReport[]> {
    const now = this.clock.now();
    const barcodes = await this.uow.run(async (tx) => {
      const due: string[] = [];
      for (const loan of await tx.loans.listDueBefore(now)) {
        if (loan.isClaimedReturned) continue;
        const item = await requireCopy(tx, loan.barcode);
        const after = this.rules.ruleFor(await requireMember(tx, loan.memberId), item).controls.lost.ageToLostAfterDaysOverdue;
        if (after !== null && daysLate(loan.dueAt, now) >= after) due.push(loan.barcode);
      }
      return due;
    });
    const reports: LostReport[] = [];
    for (const barcode of barcodes) reports.push(await this.circulation.markLost({ barcode }));
    return reports;
  }

  /** Staff declare a copy lost ("declared lost"): the same charges as aging, at once. */
  declareLost(command: { readonly barcode: string }): Promise<LostReport> {
    return this.circulation.markLost(command);
  }
}
