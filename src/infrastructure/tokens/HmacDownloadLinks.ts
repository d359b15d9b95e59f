import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DownloadLinks, DownloadRequest } from '../../application/ports/DownloadLinks.js';
import { AccessError } from '../../domain/digital/AccessError.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';

export interface VerifiedDownload {
  readonly fileKey: string;
  readonly loanId: string;
  readonly expiresAt: Date;
}

const FILES = '/files/';

/**
 * Time-limited download links signed with HMAC-SHA256: `<base>/files/<key>?loan=…&expires=…&sig=…`.
 * The file server that holds the same secret checks them with `verify` (constant-time comparison).
 */
export class HmacDownloadLinks implements DownloadLinks {
  private readonly base: URL;

  constructor(
    private readonly secret: Uint8Array,
    baseUrl: string,
  ) {
    if (secret.byteLength < 32) throw new ValidationError('the download-link secret needs at least 32 bytes', { field: 'secret' });
    this.base = new URL(baseUrl);
  }

  sign(request: DownloadRequest): Promise<string> {
    const url = new URL(FILES.slice(1) + encodeURIComponent(request.fileKey), this.base.href.endsWith('/') ? this.base : `${this.base.href}/`);
    const expires = String(Math.floor(request.expiresAt.getTime() / 1000));
    url.searchParams.set('loan', request.loanId);
    url.searchParams.set('expires', expires);
    url.searchParams.set('sig', this.signature(url.pathname, request.loanId, expires).toString('base64url'));
    return Promise.resolve(url.href);
  }

  /** What a link opens, or AccessError: LINK_INVALID for anything forged or altered, LINK_EXPIRED after its instant. */
  verify(link: string, now: Date): VerifiedDownload {
    const url = URL.canParse(link, this.base.href) ? new URL(link, this.base) : null;
    const loan = url?.searchParams.get('loan') ?? null;
    const expires = url?.searchParams.get('expires') ?? null;
    const sig = Buffer.from(url?.searchParams.get('sig') ?? '', 'base64url');
    if (url === null || loan === null || expires === null || !/^\d+$/.test(expires) || !url.pathname.includes(FILES)) {
      throw new AccessError('LINK_INVALID', 'not a download link');
    }
    const expected = this.signature(url.pathname, loan, expires);
    if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) throw new AccessError('LINK_INVALID', 'the download link signature does not match');
    const expiresAt = new Date(Number(expires) * 1000);
    if (expiresAt.getTime() <= now.getTime()) throw new AccessError('LINK_EXPIRED', 'the download link has expired', { expiresAt: expiresAt.toISOString() });
    const fileKey = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf(FILES) + FILES.length));
    return { fileKey, loanId: loan, expiresAt };
  }

  private signature(path: string, loanId: string, expires: string): Buffer {
    return createHmac('sha256', this.secret).update(`GET\n${path}\n${loanId}\n${expires}`).digest();
  }
}
