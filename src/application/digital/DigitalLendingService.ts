import { inject, injectable } from 'inversify';
import type { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import { AccessError } from '../../domain/digital/AccessError.js';
import { DigitalLendingError } from '../../domain/digital/DigitalLendingError.js';
import type { DigitalLendingRules } from '../../domain/digital/DigitalLendingRules.js';
import { DigitalLoan } from '../../domain/digital/DigitalLoan.js';
import type { Member } from '../../domain/members/Member.js';
import type { CirculationPolicy } from '../../domain/policy/CirculationPolicy.js';
import { ReservationError } from '../../domain/reservations/ReservationError.js';
import { assertUnderReservationLimit } from '../../domain/reservations/ReservationLimit.js';
import { addDays, type Clock } from '../../domain/shared/Clock.js';
import { requireId, requireText } from '../../domain/shared/guards.js';
import { HoldAllocator } from '../HoldAllocator.js';
import { activeReservationOf, requireCopy, requireMember } from '../lookups.js';
import { RuleBook, settle } from '../rules/RuleBook.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { LoanTokens } from '../ports/LoanTokens.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { reservationView } from '../views.js';
import { ContentDelivery } from './ContentDelivery.js';
import { DigitalHoldAllocator } from './DigitalHoldAllocator.js';
import { DigitalLoanEnding } from './DigitalLoanEnding.js';
import { requireDigitalCopy, requireDigitalLoan } from './lookups.js';
import { digitalLoanView, type AccessGrant, type BorrowResult, type DigitalLoanView, type RenewalResult, type TokenCheck } from './views.js';
import { WaitEstimator } from './WaitEstimator.js';

export interface BorrowDigitalCommand {
  readonly memberId: string;
  readonly copyId: string;
}
export interface DigitalLoanCommand {
  readonly loanId: string;
  /** When given, only this member's own loan is affected. */
  readonly memberId?: string;
}
export interface RevokeDigitalLoanCommand {
  readonly loanId: string;
  readonly reason: string;
}

type Borrowed = { readonly outcome: 'LENT'; readonly loan: DigitalLoan; readonly copy: DigitalCopy } | { readonly outcome: 'QUEUED'; readonly reservationId: string; readonly isbn: string };

/**
 * E-loans: borrow takes a license from the pool or joins the title's one queue; returning
 * early frees the license at once and revokes the token; loans end by themselves at the due instant.
 */
@injectable()
export class DigitalLendingService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.DigitalRules) private readonly rules: DigitalLendingRules,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(TOKENS.LoanTokens) private readonly tokens: LoanTokens,
    @inject(ContentDelivery) private readonly delivery: ContentDelivery,
    @inject(DigitalHoldAllocator) private readonly digitalHolds: DigitalHoldAllocator,
    @inject(HoldAllocator) private readonly printHolds: HoldAllocator,
    @inject(WaitEstimator) private readonly waits: WaitEstimator,
    @inject(RuleBook) private readonly patronRules: RuleBook,
    @inject(DigitalLoanEnding) private readonly ending: DigitalLoanEnding,
  ) {}

  /**
   * Lends a license of the copy when one is free or was offered to this member; otherwise places the
   * member in the title's queue (format DIGITAL). The pool is saved either way, so of any number of
   * concurrent borrows exactly as many succeed as there are licenses, and the rest queue in order.
   */
  async borrow(command: BorrowDigitalCommand): Promise<BorrowResult> {
    const memberId = requireId(command.memberId, 'memberId');
    const copyId = requireId(command.copyId, 'copyId');
    const borrowed = await this.uow.run(async (tx): Promise<Borrowed> => {
      const now = this.clock.now();
      const [member, copy, standing] = await Promise.all([requireMember(tx, memberId), requireDigitalCopy(tx, copyId), this.patronRules.standingOf(tx, memberId)]);
      // The same patron blocks as a print checkout: the "block all" status, manual blocks, fees and overdue or lost limits.
      settle(member, 'borrow', this.patronRules.blocksOn(member, 'borrow', this.policy.ruleFor(member), standing, now), now);
      const active = await tx.digitalLoans.activeForMember(memberId);
      if (active.some((l) => l.isbn === copy.isbn)) {
        throw new DigitalLendingError('ALREADY_BORROWED_TITLE', `member ${memberId} already reads ${copy.isbn}`, { memberId, isbn: copy.isbn });
      }
      // Saved unchanged on every path: two borrows by one member, or a borrow and a release, serialise here.
      await tx.members.save(member);
      await tx.digitalCopies.save(copy);
      if (copy.offerFor(memberId) === null && copy.lendableLicenses(now) === 0) return this.joinQueue(tx, member, copy, now);
      if (copy.countsTowardLoanLimit && active.filter((l) => l.countsTowardLimit).length >= this.rules.maxLoans) {
        throw new DigitalLendingError('DIGITAL_LOAN_LIMIT_REACHED', `member ${memberId} already has ${this.rules.maxLoans} digital loans`, { memberId, limit: this.rules.maxLoans });
      }
      await this.settleReservation(tx, member, copy, now);
      const loan = DigitalLoan.begin(
        {
          id: this.ids.next('eloan'),
          copyId,
          isbn: copy.isbn,
          memberId,
          format: copy.format,
          dueAt: addDays(now, this.rules.loanDays),
          tokenId: copy.drm === 'LOAN_TOKEN' ? this.ids.next('token') : null,
          countsTowardLimit: copy.countsTowardLoanLimit,
        },
        now,
      );
      copy.lend({ loanId: loan.id, memberId, dueAt: loan.dueAt.toISOString() }, now);
      await tx.digitalCopies.save(copy);
      await tx.digitalLoans.save(loan);
      await tx.members.save(member);
      return { outcome: 'LENT', loan, copy };
    });
    if (borrowed.outcome === 'LENT') {
      return { outcome: 'LENT', loan: digitalLoanView(borrowed.loan), access: await this.delivery.grant(borrowed.loan, borrowed.copy, this.clock.now()) };
    }
    const reservation = await this.uow.run(async (tx) => {
      const queue = await tx.reservations.forTitle(borrowed.isbn, borrowed.reservationId);
      const r = queue.get(borrowed.reservationId);
      return reservationView(borrowed.isbn, r, r.status === 'WAITING' ? queue.positionOf(r.memberId) : null);
    });
    return { outcome: 'QUEUED', reservation, estimatedWaitDays: await this.waits.estimateWait(borrowed.isbn, memberId) };
  }

  /** A fresh token (same `jti`) and download link for an active loan: for a second device or an expired link. */
  async access(command: DigitalLoanCommand): Promise<AccessGrant> {
    const { loan, copy } = await this.uow.run(async (tx) => {
      const loan = await requireDigitalLoan(tx, requireId(command.loanId, 'loanId'), this.memberFilter(command));
      this.assertRunning(loan, this.clock.now(), 'access');
      return { loan, copy: await requireDigitalCopy(tx, loan.copyId) };
    });
    return this.delivery.grant(loan, copy, this.clock.now());
  }

  /** Gives the book back before its due instant: the license frees at once, the token is revoked. */
  async returnEarly(command: DigitalLoanCommand): Promise<DigitalLoanView> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = await requireDigitalLoan(tx, requireId(command.loanId, 'loanId'), this.memberFilter(command));
      if (loan.isDue(now)) {
        loan.expire(now);
        return this.ending.endLoan(tx, loan, null, now);
      }
      return this.ending.endLoan(tx, loan, loan.returnEarly(now), now);
    });
  }

  /** Staff end a loan before its time; the token is refused from this moment. */
  async revoke(command: RevokeDigitalLoanCommand): Promise<DigitalLoanView> {
    const loanId = requireId(command.loanId, 'loanId');
    const reason = requireText(command.reason, 'reason', 500);
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = await requireDigitalLoan(tx, loanId, null);
      return this.ending.endLoan(tx, loan, loan.revoke(reason, now), now);
    });
  }

  /** Extends the loan by another loan period and reissues the token; refused while digital holds wait. */
  async renew(command: DigitalLoanCommand): Promise<RenewalResult> {
    const { loan, copy } = await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = await requireDigitalLoan(tx, requireId(command.loanId, 'loanId'), this.memberFilter(command));
      this.assertRunning(loan, now, 'renew');
      if (loan.renewals >= this.rules.maxRenewals) {
        throw new DigitalLendingError('RENEWAL_LIMIT_REACHED', `digital loan ${loan.id} was renewed ${loan.renewals} times`, { loanId: loan.id, limit: this.rules.maxRenewals });
      }
      const queue = await tx.reservations.forTitle(loan.isbn);
      if (queue.hasWaiting('DIGITAL')) {
        const waiting = queue.waitingFor('DIGITAL').length;
        throw new DigitalLendingError('RENEWAL_BLOCKED_BY_RESERVATIONS', `${waiting} members wait for a license of ${loan.isbn}`, { loanId: loan.id, waiting });
      }
      const copy = await requireDigitalCopy(tx, loan.copyId);
      const dueAt = addDays(loan.dueAt, this.rules.loanDays);
      copy.extend(loan.id, dueAt, now);
      const revoked = loan.renew(dueAt, loan.tokenId === null ? null : this.ids.next('token'), now);
      if (revoked) await tx.revokedTokens.revoke(revoked);
      await tx.digitalCopies.save(copy);
      await tx.digitalLoans.save(loan);
      return { loan, copy };
    });
    return { loan: digitalLoanView(loan), access: await this.delivery.grant(loan, copy, this.clock.now()) };
  }

  /**
   * What the reader app asks before opening the book: signature, pinned algorithm, key and expiry,
   * then the revocation list. Every refusal is an AccessError.
   */
  async verifyToken(token: string): Promise<TokenCheck> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192) throw new AccessError('TOKEN_MALFORMED', 'a loan token is a non-empty compact JWT');
    const claims = await this.tokens.verify(token, this.clock.now());
    if (await this.uow.run((tx) => tx.revokedTokens.isRevoked(claims.tokenId))) {
      throw new AccessError('TOKEN_REVOKED', 'the loan behind this token has ended', { tokenId: claims.tokenId, loanId: claims.loanId });
    }
    return {
      loanId: claims.loanId,
      copyId: claims.copyId,
      patronId: claims.patronId,
      tokenId: claims.tokenId,
      issuedAt: claims.issuedAt.toISOString(),
      expiresAt: claims.expiresAt.toISOString(),
    };
  }

  /** The sweep: every loan whose due instant came ends, and its license goes to the queue. Safe to run twice. */
  expireDigitalLoans(): Promise<DigitalLoanView[]> {
    return this.ending.expireDueLoans();
  }

  /** The claim sweep: offers nobody claimed in time lapse, and each license goes to the next in line. */
  expireClaims(): Promise<ReturnType<typeof reservationView>[]> {
    return this.ending.expireClaims();
  }

  async loansOf(memberIdInput: string): Promise<DigitalLoanView[]> {
    const memberId = requireId(memberIdInput, 'memberId');
    return this.uow.run(async (tx) => (await tx.digitalLoans.activeForMember(memberId)).map(digitalLoanView));
  }

  async getLoan(loanId: string): Promise<DigitalLoanView> {
    return this.uow.run(async (tx) => digitalLoanView(await requireDigitalLoan(tx, requireId(loanId, 'loanId'), null)));
  }

  private async joinQueue(tx: Transaction, member: Member, copy: DigitalCopy, now: Date): Promise<Borrowed> {
    const queue = await tx.reservations.forTitle(copy.isbn);
    const waiting = queue.activeFor(member.id);
    if (waiting !== undefined) {
      if (!waiting.accepts('DIGITAL')) {
        throw new ReservationError('ALREADY_RESERVED', `member ${member.id} holds ${copy.isbn} for print only`, { memberId: member.id, isbn: copy.isbn, reservationId: waiting.id });
      }
      return { outcome: 'QUEUED', reservationId: waiting.id, isbn: copy.isbn };
    }
    const formats = await tx.digitalCopies.listByIsbn(copy.isbn);
    if (!formats.some((c) => c.status(now) !== 'ENDED')) {
      throw new DigitalLendingError('LICENSE_TERMS_ENDED', `no digital copy of ${copy.isbn} may be lent any more`, { copyId: copy.copyId, isbn: copy.isbn });
    }
    assertUnderReservationLimit(member.id, (await tx.reservations.activeForMember(member.id)).length, this.policy.ruleFor(member).maxActiveReservations);
    const reservationId = this.ids.next('res');
    queue.place(reservationId, member.id, now, { format: 'DIGITAL' });
    await tx.reservations.save(queue);
    await tx.members.save(member);
    // A DIGITAL hold takes any format: a license free in another format of the title is offered at once.
    for (const other of formats) if (other.copyId !== copy.copyId) await this.digitalHolds.offer(tx, other, now);
    return { outcome: 'QUEUED', reservationId, isbn: copy.isbn };
  }

  /**
   * Borrowing a title one has on hold satisfies the hold: a license offered on this copy is claimed;
   * a print copy or another license set aside for the member passes to the next in line.
   */
  private async settleReservation(tx: Transaction, member: Member, copy: DigitalCopy, now: Date): Promise<void> {
    if ((await activeReservationOf(tx, member.id, copy.isbn)) === null) return;
    // The queue as of its lock decides: the reservation may have been cancelled or expired since it was read.
    const queue = await tx.reservations.forTitle(copy.isbn);
    const reservation = queue.activeFor(member.id);
    if (!reservation) return;
    const reservationId = reservation.id;
    const ready = reservation.status === 'READY_FOR_PICKUP';
    const heldBarcode = ready ? reservation.barcode : null;
    const otherOffer = ready && reservation.copyId !== null && reservation.copyId !== copy.copyId ? reservation.copyId : null;
    queue.claimLicense(reservationId, copy.copyId, now);
    await tx.reservations.save(queue);
    if (otherOffer !== null) await this.digitalHolds.withdraw(tx, otherOffer, reservationId, now);
    if (heldBarcode !== null) {
      const item = await requireCopy(tx, heldBarcode);
      item.releaseHold('CANCELLED', now);
      await tx.items.save(item);
      await this.printHolds.offer(tx, item, now);
    }
  }

  private assertRunning(loan: DigitalLoan, now: Date, action: string): void {
    if (!loan.isActive) throw new DigitalLendingError('DIGITAL_LOAN_NOT_FOUND', `digital loan ${loan.id} is ${loan.status}`, { loanId: loan.id, status: loan.status });
    if (loan.isDue(now)) throw new DigitalLendingError('LOAN_PAST_DUE', `cannot ${action}: digital loan ${loan.id} reached its due instant`, { loanId: loan.id });
  }

  private memberFilter(command: DigitalLoanCommand): string | null {
    return command.memberId === undefined ? null : requireId(command.memberId, 'memberId');
  }
}
