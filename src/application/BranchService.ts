import { inject, injectable } from 'inversify';
import { Branch, type BranchDescription } from '../domain/catalog/Branch.js';
import { CatalogError } from '../domain/catalog/CatalogError.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId } from '../domain/shared/guards.js';
import { requireBranch } from './lookups.js';
import type { CalendarRepository } from './ports/CalendarRepository.js';
import { RULE_TOKENS } from './rules/ruleTokens.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import type { BranchView } from './views.js';

/** The library's branches: register one, read one or all, each with its calendar's time zone. */
@injectable()
export class BranchService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(RULE_TOKENS.Calendars) private readonly calendars: CalendarRepository,
  ) {}

  async register(command: BranchDescription): Promise<BranchView> {
    const branch = Branch.register(command, this.clock.now());
    await this.uow.run(async (tx) => {
      if (await tx.branches.get(branch.id)) {
        throw new CatalogError('BRANCH_ALREADY_EXISTS', `a branch ${branch.id} already exists`, { branch: branch.id });
      }
      await tx.branches.save(branch);
    });
    return this.view(branch);
  }

  async get(branchId: string): Promise<BranchView> {
    const id = requireId(branchId, 'branch');
    return this.view(await this.uow.run((tx) => requireBranch(tx, id)));
  }

  async list(): Promise<BranchView[]> {
    const branches = await this.uow.run((tx) => tx.branches.list());
    return Promise.all(branches.map((b) => this.view(b)));
  }

  private async view(branch: Branch): Promise<BranchView> {
    const calendar = await this.calendars.forBranch(branch.id);
    return { ...branch.toPrimitives(), timeZone: calendar.timeZone };
  }
}
