import { inject, injectable } from 'inversify';
import type { BlockAction, ManualBlock } from '../../domain/members/ManualBlock.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId, requireInstant } from '../../domain/shared/guards.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import { requireMember } from '../lookups.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { RuleBook } from './RuleBook.js';

export interface PlaceBlockCommand {
  readonly memberId: string;
  readonly actions: readonly BlockAction[];
  /** Shown to the member and to staff. */
  readonly message: string;
  readonly placedBy: string;
  /** null or left out: until lifted. */
  readonly expiresAt?: Date | null;
}

/** One block on an action, manual or automatic, as staff see it. */
export interface StandingView {
  readonly action: BlockAction;
  readonly blocks: readonly { readonly code: string; readonly message: string }[];
}

/** Manual patron blocks (per action, with expiry and message) and the member's standing under all blocks. */
@injectable()
export class PatronBlockService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(RuleBook) private readonly rules: RuleBook,
  ) {}

  async place(command: PlaceBlockCommand): Promise<ManualBlock> {
    const memberId = requireId(command.memberId, 'memberId');
    const expiresAt = command.expiresAt == null ? null : requireInstant(command.expiresAt, 'expiresAt');
    return this.uow.run(async (tx) => {
      const member = await requireMember(tx, memberId);
      const block = member.placeBlock({ id: this.ids.next('block'), actions: command.actions, message: command.message, placedBy: command.placedBy, expiresAt }, this.clock.now());
      await tx.members.save(member);
      return block;
    });
  }

  async lift(command: { readonly memberId: string; readonly blockId: string }): Promise<void> {
    const memberId = requireId(command.memberId, 'memberId');
    await this.uow.run(async (tx) => {
      const member = await requireMember(tx, memberId);
      member.liftBlock(requireId(command.blockId, 'blockId'), this.clock.now());
      await tx.members.save(member);
    });
  }

  /** Every block that would stop each action now: manual ones, then the automatic limits of the member's default rule. */
  async standing(memberId: string): Promise<StandingView[]> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const member = await requireMember(tx, id);
      const rule = this.rules.policy.ruleFor(member);
      const actions: readonly BlockAction[] = ['borrow', 'renew', 'request'];
      const standing = await this.rules.standingOf(tx, member.id);
      const views: StandingView[] = [];
      for (const action of actions) {
        const refusals = this.rules.blocksOn(member, action, rule, standing, now);
        views.push({ action, blocks: refusals.map((r) => ({ code: r.error.code, message: r.error.message })) });
      }
      return views;
    });
  }
}
