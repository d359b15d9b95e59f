import { inject, injectable } from 'inversify';
import { daysLate, type Clock } from '../domain/shared/Clock.js';
import { requireId } from '../domain/shared/guards.js';
import type { OverdueLoanView } from './DeskReports.js';
import { FineService } from './FineService.js';
import { MemberService } from './MemberService.js';
import { ReservationService } from './ReservationService.js';
import { PatronBlockService, type StandingView } from './rules/PatronBlockService.js';
import { TOKENS } from './tokens.js';
import type { LedgerView, MemberView, ReservationView } from './views.js';

/** Everything the desk shows when a member's card is scanned, read at one instant of the library clock. */
export interface MemberAccountView {
  readonly at: string;
  readonly member: MemberView;
  /** Open loans, oldest first, each with its days past due (0 when not overdue). */
  readonly loans: readonly OverdueLoanView[];
  readonly ledger: LedgerView;
  /** Active holds, each with its place in the queue or its copy on the hold shelf. */
  readonly holds: readonly ReservationView[];
  /** What would stop each action now (borrow, renew, request) and why. */
  readonly standing: readonly StandingView[];
}

/** The member's account as the circulation desk sees it: the member, loans, fines, holds and blocks together. */
@injectable()
export class MemberAccounts {
  constructor(
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(MemberService) private readonly members: MemberService,
    @inject(FineService) private readonly fines: FineService,
    @inject(ReservationService) private readonly reservations: ReservationService,
    @inject(PatronBlockService) private readonly blocks: PatronBlockService,
  ) {}

  async account(memberIdInput: string): Promise<MemberAccountView> {
    const memberId = requireId(memberIdInput, 'memberId');
    const member = await this.members.get(memberId);
    const [loans, ledger, holds, standing] = await Promise.all([
      this.members.loans(memberId),
      this.fines.ledger(memberId),
      this.reservations.activeOf(memberId),
      this.blocks.standing(memberId),
    ]);
    const now = this.clock.now();
    return {
      at: now.toISOString(),
      member,
      loans: loans.map((l) => ({ ...l, daysOverdue: daysLate(new Date(l.dueAt), now) })),
      ledger,
      holds,
      standing,
    };
  }
}
