import { inject, injectable } from 'inversify';
import { LendingError } from '../../domain/lending/LendingError.js';
import type { Clock } from '../../domain/shared/Clock.js';
import type { ClaimResolution } from '../../domain/shared/DomainEvent.js';
import { requireId } from '../../domain/shared/guards.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import { CirculationService } from '../CirculationService.js';
import { requireMember } from '../lookups.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { loanView, type LoanView, type ReturnReceipt } from '../views.js';

const RESOLUTIONS: readonly ClaimResolution[] = ['FOUND_ON_SHELF', 'RETURNED_BY_MEMBER'];

/**
 * A member says a book was returned but the library shows it on loan. From the claim on, fines stop accruing;
 * the loan stays on the member's record until staff find the copy on the shelf or the member brings it back.
 * Either way the loan closes with fines up to the claim, and the member's claim count is kept.
 */
@injectable()
export class ClaimsReturnedService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(CirculationService) private readonly circulation: CirculationService,
  ) {}

  async claim(command: { readonly barcode: string }): Promise<LoanView> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const loan = await tx.loans.openForCopy(barcode);
      if (!loan) throw new LendingError('LOAN_NOT_FOUND', `copy ${barcode} is not on loan`, { barcode });
      const member = await requireMember(tx, loan.memberId);
      if (!loan.isClaimedReturned) member.recordClaimReturned();
      loan.claimReturned(this.clock.now());
      await tx.loans.save(loan);
      await tx.members.save(member);
      return loanView(loan);
    });
  }

  /** Closes a claimed loan: the copy was found on the shelf, or the member returned it. */
  async resolve(command: { readonly barcode: string; readonly resolution: ClaimResolution }): Promise<ReturnReceipt> {
    if (!RESOLUTIONS.includes(command.resolution)) throw new ValidationError(`resolution must be one of ${RESOLUTIONS.join(', ')}`, { field: 'resolution' });
    return this.circulation.returnCopy({ barcode: command.barcode, claimResolution: command.resolution });
  }
}
