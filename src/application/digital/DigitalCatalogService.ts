import { inject, injectable } from 'inversify';
import { RecordId } from '../../domain/catalog/RecordId.js';
import { DigitalCopy, type DigitalCopyDescription } from '../../domain/digital/DigitalCopy.js';
import { DigitalLendingError } from '../../domain/digital/DigitalLendingError.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { requireBook } from '../lookups.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { DigitalHoldAllocator } from './DigitalHoldAllocator.js';
import { requireDigitalCopy } from './lookups.js';
import { digitalCopyView, type DigitalCopyView } from './views.js';

/** Digital copies and their license pools: acquiring a format of a title, buying more licenses. */
@injectable()
export class DigitalCatalogService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(DigitalHoldAllocator) private readonly holds: DigitalHoldAllocator,
  ) {}

  /** Adds a format of a catalogued title with its own license pool; its licenses go to waiting holds at once. */
  async addDigitalCopy(input: DigitalCopyDescription): Promise<DigitalCopyView> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const copy = DigitalCopy.acquire(input, now);
      await requireBook(tx, copy.isbn);
      if (await tx.digitalCopies.get(copy.copyId)) {
        throw new DigitalLendingError('DIGITAL_COPY_ALREADY_EXISTS', `digital copy ${copy.copyId} already exists`, { copyId: copy.copyId });
      }
      await this.holds.offer(tx, copy, now);
      return digitalCopyView(copy, now);
    });
  }

  /** More concurrent licenses under the same contract; they go to waiting holds at once. */
  async addLicenses(command: { readonly copyId: string; readonly count: number }): Promise<DigitalCopyView> {
    const copyId = requireId(command.copyId, 'copyId');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const copy = await requireDigitalCopy(tx, copyId);
      copy.addLicenses(command.count, now);
      await this.holds.offer(tx, copy, now);
      return digitalCopyView(copy, now);
    });
  }

  async getCopy(copyId: string): Promise<DigitalCopyView> {
    const id = requireId(copyId, 'copyId');
    return this.uow.run(async (tx) => digitalCopyView(await requireDigitalCopy(tx, id), this.clock.now()));
  }

  async copiesOf(isbnInput: string): Promise<DigitalCopyView[]> {
    const isbn = RecordId.key(isbnInput);
    return this.uow.run(async (tx) => (await tx.digitalCopies.listByIsbn(isbn)).map((c) => digitalCopyView(c, this.clock.now())));
  }
}
