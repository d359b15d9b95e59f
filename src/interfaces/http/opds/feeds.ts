import type { SearchFacets, SearchFormat, SearchResult } from '../../../application/ports/SearchIndex.js';
import type { Library } from '../../../Library.js';
import { isLendableDigitally, OPDS_TYPES, publicationOf, REL, type OpdsLink, type OpdsPublication, type OpdsUrls, type TitleState } from './publication.js';

export const PAGE_SIZE = 20;

export type OpdsFeed = Readonly<Record<string, unknown>>;

/** What a publications feed was asked for: the search text, a format facet, "available now", and the page (from 1). */
export interface FeedQuery {
  readonly query?: string;
  readonly format?: SearchFormat;
  readonly availableOnly?: boolean;
  readonly page: number;
}

const feedLink = (rel: string, href: string, extra: Record<string, unknown> = {}): OpdsLink => ({ rel, href, type: OPDS_TYPES.feed, ...extra });

/** The links every feed carries: the start, the templated search, the member's shelf and how to sign in. */
function commonLinks(urls: OpdsUrls): OpdsLink[] {
  return [
    feedLink('start', urls.root()),
    feedLink('search', urls.searchTemplate(), { templated: true }),
    feedLink(REL.shelf, urls.shelf()),
    { rel: REL.authDocument, href: urls.authentication(), type: OPDS_TYPES.authentication },
  ];
}

/** Reads what a publication says about a title, for the caller (a signed-in member sees their own loans and hold). */
export class TitleReader {
  constructor(
    private readonly library: Library,
    private readonly memberId: string | null,
  ) {}

  async read(isbn: string): Promise<TitleState> {
    const [book, pools, queue] = await Promise.all([this.library.catalog.getBook(isbn), this.library.digitalCatalog.copiesOf(isbn), this.library.reservations.queueFor(isbn)]);
    if (this.memberId === null) return { book, pools, queue, loans: [], hold: null };
    const memberId = this.memberId;
    const loans = (await this.library.digital.loansOf(memberId)).filter((l) => l.isbn === isbn);
    return { book, pools, queue, loans, hold: queue.find((r) => r.memberId === memberId) ?? null };
  }
}

/** The catalogue's entry point: where to search, browse and find one's shelf. */
export function navigationFeed(urls: OpdsUrls): OpdsFeed {
  return {
    metadata: { title: 'Library catalogue' },
    links: [feedLink('self', urls.root()), ...commonLinks(urls)],
    navigation: [
      feedLink('subsection', urls.search(), { title: 'All e-books' }),
      feedLink('subsection', urls.search({ availableOnly: 'true' }), { title: 'Available now' }),
      feedLink('subsection', urls.shelf(), { title: 'My loans and holds' }),
    ],
  };
}

/** Format and availability facets over the whole result, each link a search with that facet set. */
function facetsOf(facets: SearchFacets | undefined, q: FeedQuery, urls: OpdsUrls): OpdsFeed[] {
  const at = (over: Partial<Record<'format' | 'availableOnly', string | undefined>>): string =>
    urls.search({ query: q.query, format: q.format, availableOnly: q.availableOnly === true ? 'true' : undefined, ...over });
  const formats = (facets?.formats ?? []).filter((f) => f.value !== 'PRINT');
  return [
    {
      metadata: { title: 'Format' },
      links: [
        feedLink(q.format === undefined ? 'self' : 'alternate', at({ format: undefined }), { title: 'All formats' }),
        ...formats.map((f) => feedLink(q.format === f.value ? 'self' : 'alternate', at({ format: f.value }), { title: f.value, properties: { numberOfItems: f.count } })),
      ],
    },
    {
      metadata: { title: 'Availability' },
      links: [
        feedLink(q.availableOnly === true ? 'alternate' : 'self', at({ availableOnly: undefined }), { title: 'All' }),
        feedLink(q.availableOnly === true ? 'self' : 'alternate', at({ availableOnly: 'true' }), { title: 'Available now' }),
      ],
    },
  ];
}

/**
 * One page of search results as an OPDS publications feed, with pagination links, facets and the templated search.
 * Titles with no digital format still lending are left out of the page (they have nothing to acquire here);
 * `numberOfItems` is the search's total, a hint as OPDS allows.
 */
export async function publicationsFeed(result: SearchResult, q: FeedQuery, urls: OpdsUrls, titles: TitleReader): Promise<OpdsFeed> {
  const lastPage = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const page = (n: number): string => urls.search({ query: q.query, format: q.format, availableOnly: q.availableOnly === true ? 'true' : undefined, page: n === 1 ? undefined : n });
  const publications: OpdsPublication[] = [];
  for (const hit of result.hits) {
    const title = await titles.read(hit.recordId);
    if (isLendableDigitally(title.pools)) publications.push(publicationOf(title, urls));
  }
  return {
    metadata: { title: q.query === undefined ? 'E-books' : `Search: ${q.query}`, numberOfItems: result.total, itemsPerPage: PAGE_SIZE, currentPage: q.page },
    links: [
      feedLink('self', page(q.page)),
      feedLink('first', page(1)),
      ...(q.page > 1 ? [feedLink('previous', page(Math.min(q.page - 1, lastPage)))] : []),
      ...(q.page < lastPage ? [feedLink('next', page(q.page + 1))] : []),
      feedLink('last', page(lastPage)),
      ...commonLinks(urls),
    ],
    facets: facetsOf(result.facets, q, urls),
    publications,
  };
}

/** A member's bookshelf: every title they read now (fulfilment links, due instants) or wait for (place in line, claim window). */
export async function shelfFeed(memberId: string, library: Library, urls: OpdsUrls): Promise<OpdsFeed> {
  const titles = new TitleReader(library, memberId);
  const reading = (await library.digital.loansOf(memberId)).map((l) => l.isbn);
  const waiting = (await library.reservations.activeFor(memberId)).filter((r) => r.format !== 'PRINT').map((r) => r.isbn);
  const isbns = [...new Set([...reading, ...waiting])];
  const publications: OpdsPublication[] = [];
  for (const isbn of isbns) publications.push(publicationOf(await titles.read(isbn), urls));
  return {
    metadata: { title: 'My loans and holds', numberOfItems: publications.length },
    links: [feedLink('self', urls.shelf()), ...commonLinks(urls)],
    publications,
  };
}

/**
 * The OPDS Authentication Document: members sign in with card number and PIN through the OAuth 2.0 resource
 * owner password flow (`POST /opds/token`), then send the access token as `Authorization: Bearer`.
 */
export function authenticationDocument(urls: OpdsUrls): OpdsFeed {
  return {
    id: urls.authentication(),
    title: 'Library card',
    description: 'Sign in with your library card number and PIN.',
    links: [{ rel: 'start', href: urls.root(), type: OPDS_TYPES.feed }],
    authentication: [
      {
        type: 'http://opds-spec.org/auth/oauth/password',
        links: [{ rel: 'authenticate', href: urls.token(), type: 'application/json' }],
        labels: { login: 'Card number', password: 'PIN' },
      },
    ],
  };
}
