import { RecordId } from '../catalog/RecordId.js';
import { IllegalTransitionError } from '../lending/LendingError.js';
import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireId, requirePositiveInteger, requireText } from '../shared/guards.js';
import { ValidationError } from '../shared/ShelfmarkError.js';
import { DigitalLendingError } from './DigitalLendingError.js';
import { LicenseTerms, type LicenseTermsInput, type LicenseTermsPrimitives } from './LicenseTerms.js';

export const DIGITAL_FORMATS = ['EPUB', 'PDF', 'MOBI', 'AUDIOBOOK'] as const;
export type DigitalFormat = (typeof DIGITAL_FORMATS)[number];

/** LOAN_TOKEN: a signed JWT opens the file; NONE: the file is open; ADOBE: an external server fulfils the loan. */
export const DRM_TYPES = ['LOAN_TOKEN', 'NONE', 'ADOBE'] as const;
export type DrmType = (typeof DRM_TYPES)[number];

export type LicenseState = 'FREE' | 'OFFERED' | 'LENT';
export type LicenseCommand = 'lend' | 'offer' | 'claim' | 'lapse' | 'withdraw' | 'release';

/** One license's life as data: the pool moves one license at a time along these edges. */
export const LICENSE_TRANSITIONS = {
  FREE: { lend: 'LENT', offer: 'OFFERED' },
  OFFERED: { claim: 'LENT', lapse: 'FREE', withdraw: 'FREE' },
  LENT: { release: 'FREE' },
} as const satisfies Record<LicenseState, Partial<Record<LicenseCommand, LicenseState>>>;

/** A license lent to a member until the loan's due instant. */
export interface Lease {
  readonly loanId: string;
  readonly memberId: string;
  readonly dueAt: string;
}

/** A license set aside for the head of the title's queue until the claim window closes. */
export interface Offer {
  readonly reservationId: string;
  readonly memberId: string;
  readonly expiresAt: string;
}

/** AVAILABLE: a license can be lent now; EXHAUSTED: every license is out or promised; ENDED: the contract allows no more checkouts. */
export type PoolStatus = 'AVAILABLE' | 'EXHAUSTED' | 'ENDED';

export interface DigitalCopyPrimitives {
  readonly copyId: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly format: DigitalFormat;
  /** Where the file lives (an object-store key); never a URL. */
  readonly fileKey: string;
  readonly drm: DrmType;
  /** Concurrent licenses bought; null for unlimited (simultaneous-use) access. */
  readonly totalLicenses: number | null;
  readonly terms: LicenseTermsPrimitives;
  readonly leases: readonly Lease[];
  readonly offers: readonly Offer[];
}

export interface DigitalCopyDescription {
  readonly copyId: string;
  /** The title: its ISBN in any form, or its record id when it has none (read by `RecordId.key`). */
  readonly isbn: string;
  readonly format: DigitalFormat;
  readonly fileKey: string;
  readonly drm: DrmType;
  /** Concurrent licenses; leave out only with `terms.unlimitedAccess`. */
  readonly licenses?: number;
  readonly terms?: LicenseTermsInput;
}

/**
 * One format of one title bought under one contract, with its own license pool.
 * The pool is the consistency boundary: every lend, offer and release saves it under an optimistic
 * version, so concurrent borrows can never hand out more licenses than were bought.
 */
export class DigitalCopy extends AggregateRoot {
  private constructor(
    private props: DigitalCopyPrimitives,
    version: number,
  ) {
    super(version);
  }

  static acquire(input: DigitalCopyDescription, now: Date): DigitalCopy {
    if (!DIGITAL_FORMATS.includes(input.format)) throw new ValidationError(`unknown digital format ${input.format as string}`, { field: 'format' });
    if (!DRM_TYPES.includes(input.drm)) throw new ValidationError(`unknown DRM type ${input.drm as string}`, { field: 'drm' });
    const terms = LicenseTerms.agree(input.terms);
    if (terms.unlimitedAccess && input.licenses !== undefined) {
      throw new ValidationError('an unlimited-access copy has no license count', { field: 'licenses' });
    }
    const copy = new DigitalCopy(
      {
        copyId: requireId(input.copyId, 'copyId'),
        isbn: RecordId.key(input.isbn),
        format: input.format,
        fileKey: requireText(input.fileKey, 'fileKey', 1024),
        drm: input.drm,
        totalLicenses: terms.unlimitedAccess ? null : requirePositiveInteger(input.licenses, 'licenses'),
        terms: terms.toPrimitives(),
        leases: [],
        offers: [],
      },
      0,
    );
    copy.record({
      name: 'digital-copy.added',
      occurredAt: now.toISOString(),
      copyId: copy.copyId,
      isbn: copy.isbn,
      format: copy.format,
      drm: copy.drm,
      licenses: copy.props.totalLicenses,
    });
    return copy;
  }

  static fromPrimitives(p: DigitalCopyPrimitives, version: number): DigitalCopy {
    return new DigitalCopy({ ...p, terms: { ...p.terms }, leases: [...p.leases], offers: [...p.offers] }, version);
  }

  get copyId(): string {
    return this.props.copyId;
  }
  get isbn(): string {
    return this.props.isbn;
  }
  get format(): DigitalFormat {
    return this.props.format;
  }
  get fileKey(): string {
    return this.props.fileKey;
  }
  get drm(): DrmType {
    return this.props.drm;
  }
  get totalLicenses(): number | null {
    return this.props.totalLicenses;
  }
  get terms(): LicenseTerms {
    return LicenseTerms.fromPrimitives(this.props.terms);
  }
  /** Loans from an unlimited-access pool do not count toward a member's digital loan limit. */
  get countsTowardLoanLimit(): boolean {
    return !this.props.terms.unlimitedAccess;
  }
  get leases(): readonly Lease[] {
    return this.props.leases;
  }
  get offers(): readonly Offer[] {
    return this.props.offers;
  }

  /** Licenses in each state; FREE is Infinity for unlimited access. */
  count(state: LicenseState): number {
    switch (state) {
      case 'LENT':
        return this.props.leases.length;
      case 'OFFERED':
        return this.props.offers.length;
      case 'FREE':
        return this.props.totalLicenses === null
          ? Number.POSITIVE_INFINITY
          : this.props.totalLicenses - this.props.leases.length - this.props.offers.length;
    }
  }

  /** FREE licenses that may start a checkout now: none once the contract ended, and never more than metered checkouts left. */
  lendableLicenses(now: Date): number {
    if (this.terms.endedAt(now) !== null) return 0;
    return Math.min(this.count('FREE'), this.terms.checkoutsAvailable(this.props.offers.length));
  }

  status(now: Date): PoolStatus {
    if (this.terms.endedAt(now) !== null) return 'ENDED';
    return this.lendableLicenses(now) > 0 ? 'AVAILABLE' : 'EXHAUSTED';
  }

  /** True when the state machine and the contract allow `command` for some license now. */
  can(command: LicenseCommand, now: Date): boolean {
    const from = (Object.keys(LICENSE_TRANSITIONS) as LicenseState[]).filter((s) => command in LICENSE_TRANSITIONS[s]);
    return from.some((state) => (state === 'FREE' ? this.lendableLicenses(now) > 0 : this.count(state) > 0));
  }

  offerFor(memberId: string): Offer | null {
    return this.props.offers.find((o) => o.memberId === memberId) ?? null;
  }

  leaseOf(loanId: string): Lease | null {
    return this.props.leases.find((l) => l.loanId === loanId) ?? null;
  }

  /** Offers whose claim window closed at or before `now`. */
  lapsedOffers(now: Date): Offer[] {
    return this.props.offers.filter((o) => Date.parse(o.expiresAt) <= now.getTime());
  }

  /** FREE → LENT, or OFFERED → LENT when the license was set aside for this member (a claim). */
  lend(lease: Lease, now: Date): void {
    const offer = this.offerFor(lease.memberId);
    if (offer) {
      this.move('claim', 'OFFERED');
      this.props = { ...this.props, offers: this.props.offers.filter((o) => o !== offer) };
    } else {
      this.assertLendable(now);
      this.move('lend', 'FREE');
    }
    // Unlimited access needs no seat to give back, so it keeps no lease list that could grow without bound.
    const leases = this.props.totalLicenses === null ? this.props.leases : [...this.props.leases, lease];
    this.props = { ...this.props, leases, terms: this.terms.afterCheckout().toPrimitives() };
  }

  /** FREE → OFFERED: the license waits for the queue head until `offer.expiresAt`. */
  offer(offer: Offer, now: Date): void {
    this.assertLendable(now);
    this.move('offer', 'FREE');
    this.props = { ...this.props, offers: [...this.props.offers, offer] };
  }

  /** OFFERED → FREE because the claim window closed. */
  lapseOffer(reservationId: string): Offer {
    return this.dropOffer(reservationId, 'lapse');
  }

  /** OFFERED → FREE because the reservation was cancelled or satisfied elsewhere. */
  withdrawOffer(reservationId: string): Offer {
    return this.dropOffer(reservationId, 'withdraw');
  }

  /** LENT → FREE: the loan ended (returned early, expired or revoked). */
  release(loanId: string): void {
    const lease = this.leaseOf(loanId);
    if (this.props.totalLicenses === null && lease === null) return;
    if (lease === null) throw new IllegalTransitionError('License', `not lent to loan ${loanId}`, 'release');
    this.move('release', 'LENT');
    this.props = { ...this.props, leases: this.props.leases.filter((l) => l !== lease) };
  }

  /** A renewal keeps the same license for longer; on a metered contract it uses one checkout. */
  extend(loanId: string, dueAt: Date, now: Date): void {
    const lease = this.leaseOf(loanId);
    const ended = this.terms.endedAt(now);
    if (ended !== null) {
      throw new DigitalLendingError('LICENSE_TERMS_ENDED', `the license of ${this.copyId} allows no more checkouts (${ended})`, { copyId: this.copyId, reason: ended });
    }
    if (lease === null && this.props.totalLicenses !== null) throw new IllegalTransitionError('License', `not lent to loan ${loanId}`, 'extend');
    const leases = this.props.leases.map((l) => (l === lease ? { ...l, dueAt: dueAt.toISOString() } : l));
    this.props = { ...this.props, leases, terms: this.terms.afterCheckout().toPrimitives() };
  }

  /** More concurrent licenses bought under the same contract. */
  addLicenses(count: number, now: Date): void {
    const added = requirePositiveInteger(count, 'count');
    if (this.props.totalLicenses === null) throw new ValidationError('an unlimited-access copy has no license count', { field: 'count' });
    const total = this.props.totalLicenses + added;
    this.props = { ...this.props, totalLicenses: total };
    this.record({ name: 'digital-copy.licenses-added', occurredAt: now.toISOString(), copyId: this.copyId, isbn: this.isbn, added, total });
  }

  toPrimitives(): DigitalCopyPrimitives {
    return DigitalCopy.fromPrimitives(this.props, this.version).props;
  }

  private assertLendable(now: Date): void {
    const ended = this.terms.endedAt(now);
    if (ended !== null) {
      throw new DigitalLendingError('LICENSE_TERMS_ENDED', `the license of ${this.copyId} allows no more checkouts (${ended})`, { copyId: this.copyId, reason: ended });
    }
    if (this.lendableLicenses(now) <= 0) {
      throw new DigitalLendingError('NO_LICENSE_AVAILABLE', `every license of ${this.copyId} is out or promised`, { copyId: this.copyId });
    }
  }

  private dropOffer(reservationId: string, command: 'lapse' | 'withdraw'): Offer {
    const offer = this.props.offers.find((o) => o.reservationId === reservationId);
    if (!offer) throw new IllegalTransitionError('License', `not offered to reservation ${reservationId}`, command);
    this.move(command, 'OFFERED');
    this.props = { ...this.props, offers: this.props.offers.filter((o) => o !== offer) };
    return offer;
  }

  /** Checks the edge against the table; the caller then moves the license between the lists. */
  private move(command: LicenseCommand, from: LicenseState): LicenseState {
    const row: Partial<Record<LicenseCommand, LicenseState>> = LICENSE_TRANSITIONS[from];
    const to = row[command];
    if (to === undefined || this.count(from) <= 0) throw new IllegalTransitionError('License', from, command);
    return to;
  }
}
