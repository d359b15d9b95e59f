import { inject, injectable } from 'inversify';
import { isDueToAgeToLost } from '../../domain/lending/LostAging.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
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
   * Declares lost every open loan at least its rule's `lost.ageToLostAfterDaysOverdue` days late (claimed-returned
   * loans excepted): replacement plus processing fee are charged. The scan only nominates loans by id; each one is
   * re-checked and declared in its own transaction (`CirculationService.ageToLost`), so a copy returned or lent again
   * after the scan is left alone. Run by the jobs; safe to run twice.
   */
  async ageOverdueToLost(): Promise<LostReport[]> {
    const now = this.clock.now();
    const loanIds = await this.uow.run(async (tx) => {
      const due: string[] = [];
      for (const loan of await tx.loans.listDueBefore(now)) {
        const [member, item] = await Promise.all([requireMember(tx, loan.memberId), requireCopy(tx, loan.barcode)]);
        if (isDueToAgeToLost(loan, (await this.rules.ruleFor(tx, member, item)).controls.lost.ageToLostAfterDaysOverdue, now)) due.push(loan.id);
      }
      return due;
    });
    const reports: LostReport[] = [];
    for (const loanId of loanIds) {
      const report = await this.circulation.ageToLost({ loanId });
      if (report) reports.push(report);
    }
    return reports;
  }

  /**
   * Staff declare a loaned copy lost ("declared lost"): the same charges as aging, at once. The desk names the loan it
   * saw; when the copy's open loan is another one, or none, the declaration is refused with LOAN_NOT_ON_COPY and
   * nothing changes.
   */
  declareLost(command: { readonly barcode: string; readonly loanId: string }): Promise<LostReport> {
    return this.circulation.markLost({ barcode: command.barcode, expectedLoanId: requireId(command.loanId, 'loanId') });
  }
}
