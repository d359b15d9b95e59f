import type { DigitalCopyView, DigitalLoanView } from '../../../application/digital/views.js';
import type { BookView } from '../../../application/CatalogService.js';
import type { ReservationView } from '../../../application/views.js';
import type { DigitalFormat } from '../../../domain/digital/DigitalCopy.js';

/** The OPDS 2.0 media types this catalogue answers with. */
export const OPDS_TYPES = {
  feed: 'application/opds+json',
  publication: 'application/opds-publication+json',
  authentication: 'application/opds-authentication+json',
} as const;

/** OPDS link relations used here (OPDS 2.0 §4, Authentication for OPDS §4). */
export const REL = {
  acquisition: 'http://opds-spec.org/acquisition',
  borrow: 'http://opds-spec.org/acquisition/borrow',
  shelf: 'http://opds-spec.org/shelf',
  authDocument: 'http://opds-spec.org/auth/document',
} as const;

/** What the reader app receives for each format once the loan is fulfilled. */
export const FORMAT_MEDIA_TYPES: Readonly<Record<DigitalFormat, string>> = {
  EPUB: 'application/epub+zip',
  PDF: 'application/pdf',
  MOBI: 'application/x-mobipocket-ebook',
  AUDIOBOOK: 'application/audiobook+json',
};

export type OpdsLink = Readonly<Record<string, unknown>> & { readonly href: string };
export type OpdsPublication = Readonly<Record<string, unknown>>;

/** One title as the catalogue knows it, and, for a signed-in member, their loans of it and their hold on it. */
export interface TitleState {
  readonly book: BookView;
  readonly pools: readonly DigitalCopyView[];
  /** The title's active reservations, in queue order. */
  readonly queue: readonly ReservationView[];
  readonly loans: readonly DigitalLoanView[];
  readonly hold: ReservationView | null;
}

/** The absolute URLs of the catalogue, from the address the request came to. */
export class OpdsUrls {
  constructor(readonly base: string) {}
  root(): string {
    return `${this.base}/opds`;
  }
  search(params: Readonly<Record<string, string | number | undefined>> = {}): string {
    const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]): [string, string][] => (v === undefined || v === '' ? [] : [[k, String(v)]])));
    const text = query.toString();
    return `${this.base}/opds/search${text === '' ? '' : `?${text}`}`;
  }
  searchTemplate(): string {
    return `${this.base}/opds/search{?query}`;
  }
  publication(isbn: string): string {
    return `${this.base}/opds/publications/${isbn}`;
  }
  borrow(copyId: string): string {
    return `${this.base}/opds/borrow/${encodeURIComponent(copyId)}`;
  }
  fulfil(loanId: string): string {
    return `${this.base}/opds/loans/${encodeURIComponent(loanId)}/fulfil`;
  }
  shelf(): string {
    return `${this.base}/opds/shelf`;
  }
  authentication(): string {
    return `${this.base}/opds/authentication`;
  }
  token(): string {
    return `${this.base}/opds/token`;
  }
}

/** OPDS availability of one pool for the caller: their loan, the license set aside for them, their place in line, or the pool. */
function availabilityOf(pool: DigitalCopyView, title: TitleState): Record<string, string> {
  const { hold } = title;
  if (hold?.status === 'READY_FOR_PICKUP' && hold.copyId === pool.copyId) return { state: 'ready', ...(hold.expiresAt === null ? {} : { until: hold.expiresAt }) };
  if (hold?.status === 'WAITING') return { state: 'reserved' };
  return { state: pool.availableLicenses === null || pool.availableLicenses > 0 ? 'available' : 'unavailable' };
}

function acquisition(pool: DigitalCopyView, title: TitleState, urls: OpdsUrls): OpdsLink {
  const loan = title.loans.find((l) => l.copyId === pool.copyId);
  const type = FORMAT_MEDIA_TYPES[pool.format];
  if (loan) {
    return { rel: REL.acquisition, href: urls.fulfil(loan.loanId), type, title: pool.format, properties: { availability: { state: 'available', since: loan.borrowedAt, until: loan.dueAt } } };
  }
  const waiting = title.queue.filter((r) => r.format !== 'PRINT');
  const position = title.hold?.status === 'WAITING' ? title.hold.position : null;
  return {
    rel: REL.borrow,
    href: urls.borrow(pool.copyId),
    type: OPDS_TYPES.publication,
    title: pool.format,
    properties: {
      indirectAcquisition: [{ type }],
      availability: availabilityOf(pool, title),
      copies: { ...(pool.totalLicenses === null ? {} : { total: pool.totalLicenses }), ...(pool.availableLicenses === null ? {} : { available: pool.availableLicenses }) },
      holds: { total: waiting.length, ...(position === null ? {} : { position }) },
    },
  };
}

/** True when the title can be borrowed digitally at all: OPDS lists only titles with an acquisition link. */
export function isLendableDigitally(pools: readonly DigitalCopyView[]): boolean {
  return pools.some((p) => p.status !== 'ENDED');
}

/** One OPDS 2.0 publication: metadata, a self link, and one acquisition link per digital format still lending. */
export function publicationOf(title: TitleState, urls: OpdsUrls): OpdsPublication {
  const { book } = title;
  // No `published`: OPDS wants a full date and the catalogue knows only the year.
  const metadata = {
    '@type': 'http://schema.org/Book',
    identifier: book.isbn === null ? `urn:shelfmark:record:${book.recordId}` : `urn:isbn:${book.isbn}`,
    title: book.title,
    ...(book.authors.length === 0 ? {} : { author: [...book.authors] }),
    ...(book.subjects.length === 0 ? {} : { subject: [...book.subjects] }),
    ...(book.language === null ? {} : { language: book.language }),
    ...(book.publisher === null ? {} : { publisher: book.publisher }),
    ...(book.description === null ? {} : { description: book.description }),
  };
  const lending = title.pools.filter((p) => p.status !== 'ENDED' || title.loans.some((l) => l.copyId === p.copyId));
  return {
    metadata,
    links: [{ rel: 'self', href: urls.publication(book.recordId), type: OPDS_TYPES.publication }, ...lending.map((p) => acquisition(p, title, urls))],
  };
}
