import { inject, injectable } from 'inversify';
import type { DigitalCopy, DrmType } from '../../domain/digital/DigitalCopy.js';
import type { DigitalLendingRules } from '../../domain/digital/DigitalLendingRules.js';
import type { DigitalLoan } from '../../domain/digital/DigitalLoan.js';
import type { DownloadLinks } from '../ports/DownloadLinks.js';
import type { LoanTokens } from '../ports/LoanTokens.js';
import { TOKENS } from '../tokens.js';
import type { AccessGrant } from './views.js';

/** How one DRM type hands a borrowed book to its reader. */
interface DeliveryStrategy {
  grant(loan: DigitalLoan, copy: DigitalCopy, now: Date): Promise<AccessGrant>;
}

/**
 * Turns an active loan into what the reader needs, by the copy's DRM type:
 * LOAN_TOKEN → a signed token plus a download link; NONE → a download link; ADOBE → nothing here,
 * an external server fulfils the loan. Tokens and links are made on request and never stored.
 */
@injectable()
export class ContentDelivery {
  private readonly strategies: Record<DrmType, DeliveryStrategy>;

  constructor(
    @inject(TOKENS.LoanTokens) private readonly tokens: LoanTokens,
    @inject(TOKENS.DownloadLinks) private readonly links: DownloadLinks,
    @inject(TOKENS.DigitalRules) private readonly rules: DigitalLendingRules,
  ) {
    this.strategies = {
      LOAN_TOKEN: { grant: async (loan, copy, now) => ({ ...(await this.download(loan, copy, now)), token: await this.token(loan, now) }) },
      NONE: { grant: (loan, copy, now) => this.download(loan, copy, now) },
      ADOBE: { grant: () => Promise.resolve({ drm: 'ADOBE', token: null, downloadUrl: null, downloadExpiresAt: null }) },
    };
  }

  grant(loan: DigitalLoan, copy: DigitalCopy, now: Date): Promise<AccessGrant> {
    return this.strategies[copy.drm].grant(loan, copy, now);
  }

  /** Re-signing keeps the loan's `jti`, so one revocation still stops every token of the loan. */
  private async token(loan: DigitalLoan, now: Date): Promise<string | null> {
    if (loan.tokenId === null) return null;
    return this.tokens.issue({ copyId: loan.copyId, patronId: loan.memberId, loanId: loan.id, tokenId: loan.tokenId, issuedAt: now, expiresAt: loan.dueAt });
  }

  private async download(loan: DigitalLoan, copy: DigitalCopy, now: Date): Promise<AccessGrant> {
    const expiresAt = new Date(Math.min(loan.dueAt.getTime(), now.getTime() + this.rules.downloadLinkMinutes * 60_000));
    const downloadUrl = await this.links.sign({ fileKey: copy.fileKey, loanId: loan.id, expiresAt });
    return { drm: copy.drm, token: null, downloadUrl, downloadExpiresAt: expiresAt.toISOString() };
  }
}
