import { inject, injectable } from 'inversify';
import type { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import type { DigitalLendingRules } from '../../domain/digital/DigitalLendingRules.js';
import { addHours } from '../../domain/shared/Clock.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { requireDigitalCopy } from './lookups.js';
import type { LicenseOfferView } from './views.js';

/**
 * The digital twin of HoldAllocator: whenever a license frees up (return, expiry, lapsed claim, new
 * copy, more licenses, a new hold), it is set aside for the longest-waiting hold that accepts DIGITAL,
 * for a claim window. Keeps the invariant: no license sits free while a digital-minded member waits.
 */
@injectable()
export class DigitalHoldAllocator {
  constructor(@inject(TOKENS.DigitalRules) private readonly rules: DigitalLendingRules) {}

  /**
   * Offers every lendable license of `copy` to the queue, one per waiting hold, and saves the copy.
   * The copy is saved even when nothing changed: that asserts the version read, so a hold placed
   * concurrently with a release can never leave a license free behind a waiting member.
   */
  async offer(tx: Transaction, copy: DigitalCopy, now: Date): Promise<LicenseOfferView[]> {
    const queue = await tx.reservations.forTitle(copy.isbn);
    const offered: LicenseOfferView[] = [];
    for (let next = queue.nextWaiting('DIGITAL'); next !== null && copy.lendableLicenses(now) > 0; next = queue.nextWaiting('DIGITAL')) {
      const expiresAt = addHours(now, this.rules.claimWindowHours);
      queue.offerLicense(next.id, copy.copyId, expiresAt, now);
      copy.offer({ reservationId: next.id, memberId: next.memberId, expiresAt: expiresAt.toISOString() }, now);
      offered.push({ copyId: copy.copyId, reservationId: next.id, memberId: next.memberId, expiresAt: expiresAt.toISOString() });
    }
    if (offered.length > 0) await tx.reservations.save(queue);
    await tx.digitalCopies.save(copy);
    return offered;
  }

  /** After a hold was placed: any free license of the title goes to the queue. */
  async offerAnyFree(tx: Transaction, isbn: string, now: Date): Promise<LicenseOfferView[]> {
    const offered: LicenseOfferView[] = [];
    for (const copy of await tx.digitalCopies.listByIsbn(isbn)) offered.push(...(await this.offer(tx, copy, now)));
    return offered;
  }

  /** The hold a license was offered to ended otherwise (cancelled, satisfied by print): the license goes to the next in line. */
  async withdraw(tx: Transaction, copyId: string, reservationId: string, now: Date): Promise<LicenseOfferView[]> {
    const copy = await requireDigitalCopy(tx, copyId);
    copy.withdrawOffer(reservationId);
    return this.offer(tx, copy, now);
  }
}
