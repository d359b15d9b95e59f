import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireId, requireText } from '../shared/guards.js';

export interface BranchPrimitives {
  /** The branch code copies, rules, calendars and SIP2 logins refer to. */
  readonly id: string;
  readonly name: string;
  /** Where the branch keeps copies waiting for their members (a label for staff and slips). */
  readonly holdShelf: string;
}

export interface BranchDescription {
  readonly id: string;
  readonly name?: string;
  readonly holdShelf?: string;
}

/** The hold shelf a branch has until staff name it. */
export const DEFAULT_HOLD_SHELF = 'Hold shelf';

/**
 * A branch of the library: copies belong to one, rule entries and calendars name it by id, and its hold shelf is
 * where copies wait for the members who chose it as their pickup branch. Its time zone and opening days are its
 * calendar's (`CalendarRepository.forBranch(id)`), kept in one place.
 */
export class Branch extends AggregateRoot {
  private constructor(
    private readonly props: BranchPrimitives,
    version: number,
  ) {
    super(version);
  }

  static register(input: BranchDescription, now: Date): Branch {
    const id = requireId(input.id, 'branch');
    const branch = new Branch(
      {
        id,
        name: input.name === undefined ? id : requireText(input.name, 'name', 200),
        holdShelf: input.holdShelf === undefined ? DEFAULT_HOLD_SHELF : requireText(input.holdShelf, 'holdShelf', 200),
      },
      0,
    );
    branch.record({ name: 'branch.registered', occurredAt: now.toISOString(), branch: id, branchName: branch.name });
    return branch;
  }

  static fromPrimitives(p: BranchPrimitives, version: number): Branch {
    return new Branch({ ...p }, version);
  }

  get id(): string {
    return this.props.id;
  }
  get name(): string {
    return this.props.name;
  }
  get holdShelf(): string {
    return this.props.holdShelf;
  }

  toPrimitives(): BranchPrimitives {
    return { ...this.props };
  }
}
