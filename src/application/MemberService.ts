import { inject, injectable } from 'inversify';
import { Member, type MemberRegistration } from '../domain/members/Member.js';
import { emailTaken, MemberError } from '../domain/members/MemberError.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId } from '../domain/shared/guards.js';
import { requireMember } from './lookups.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { loanView, memberView, type LoanView, type MemberBusiness, type MemberView } from './views.js';

export type RegisterMemberCommand = Omit<MemberRegistration, 'id'> & { readonly id?: string };

/** Membership: register, look up, block and unblock, renew the card, leave. */
@injectable()
export class MemberService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  async register(command: RegisterMemberCommand): Promise<MemberView> {
    const member = Member.register({ ...command, id: command.id ?? this.ids.next('member') }, this.clock.now());
    return this.uow.run(async (tx) => {
      if (await tx.members.get(member.id)) {
        throw new MemberError('MEMBER_ALREADY_EXISTS', `member ${member.id} already exists`, { memberId: member.id });
      }
      const email = member.contact.email;
      // Two registrations racing for one address: the store's unique index makes the later one re-run and land here.
      if (email !== undefined && (await tx.members.withEmail(email))) throw emailTaken(email, member.id);
      const view = await this.view(tx, member);
      await tx.members.save(member);
      return view;
    });
  }

  async get(memberId: string): Promise<MemberView> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => this.view(tx, await requireMember(tx, id)));
  }

  async find(memberId: string): Promise<MemberView | null> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => {
      const member = await tx.members.get(id);
      return member ? this.view(tx, member) : null;
    });
  }

  async block(command: { readonly memberId: string; readonly reason: string }): Promise<MemberView> {
    return this.change(command.memberId, (member, now) => {
      member.block(command.reason, now);
    });
  }

  async unblock(command: { readonly memberId: string }): Promise<MemberView> {
    return this.change(command.memberId, (member, now) => {
      member.unblock(now);
    });
  }

  /** Renews the member's card until `expiresAt` (in the future): an expired card no longer blocks them. */
  async renewCard(command: { readonly memberId: string; readonly expiresAt: Date }): Promise<MemberView> {
    return this.change(command.memberId, (member, now) => {
      member.renewCard(command.expiresAt, now);
    });
  }

  /** A member leaves; refused while they still have books out or wait for any. */
  async unregister(command: { readonly memberId: string }): Promise<void> {
    const id = requireId(command.memberId, 'memberId');
    await this.uow.run(async (tx) => {
      const member = await requireMember(tx, id);
      const { openLoans, activeReservations } = await this.businessOf(tx, id);
      if (openLoans > 0) {
        throw new MemberError('MEMBER_HAS_ACTIVE_LOANS', `member ${id} still has ${openLoans} loans`, { memberId: id });
      }
      if (activeReservations > 0) {
        throw new MemberError('MEMBER_HAS_ACTIVE_RESERVATIONS', `member ${id} still has ${activeReservations} reservations`, { memberId: id });
      }
      // The delete is version-checked: a checkout or reservation committed meanwhile (each saves the member) makes it re-run.
      await tx.members.delete(member);
    });
  }

  async loans(memberId: string, options: { readonly includeClosed?: boolean } = {}): Promise<LoanView[]> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => {
      await requireMember(tx, id);
      const loans = options.includeClosed ? await tx.loans.historyForMember(id) : await tx.loans.openForMember(id);
      return loans.map(loanView);
    });
  }

  private async change(memberId: string, command: (member: Member, now: Date) => void): Promise<MemberView> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => {
      const member = await requireMember(tx, id);
      command(member, this.clock.now());
      await tx.members.save(member);
      return this.view(tx, member);
    });
  }

  private async view(tx: Transaction, member: Member): Promise<MemberView> {
    const [ledger, business] = await Promise.all([tx.ledgers.forMember(member.id, this.policy.currency), this.businessOf(tx, member.id)]);
    return memberView(member, ledger, business);
  }

  /** Loans out and reservations active, from the loans and the title queues (the member row keeps no copy of either). */
  private async businessOf(tx: Transaction, memberId: string): Promise<MemberBusiness> {
    const [loans, reservations] = await Promise.all([tx.loans.openForMember(memberId), tx.reservations.activeForMember(memberId)]);
    return { openLoans: loans.length, activeReservations: reservations.length };
  }
}
