import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HmacDownloadLinks } from '../../src/infrastructure/tokens/HmacDownloadLinks.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { FILES_HOST, LINK_SECRET, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { readium, schemaErrors, type ReadiumLink } from '../fixtures/opds/readers.js';
import { aServer, PIN, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const BASE = 'http://localhost:80';
const BORROW = 'http://opds-spec.org/acquisition/borrow';
const ACQUIRE = 'http://opds-spec.org/acquisition';

interface World extends TestServer {
  /** The member's session token (Priya's and Raj's). */
  session(memberId: string): string;
  get(url: string, as?: string): ReturnType<TestServer['call']>;
}

/** Cormen as an EPUB (3 licenses) and a PDF (1); Clean Code as an unlimited audiobook; Sedgewick on the shelf only. */
async function aCatalogue(): Promise<World> {
  const t = await aServer({ library: { downloadLinks: new HmacDownloadLinks(LINK_SECRET, FILES_HOST) } });
  await license(t, 'cormenEpub');
  await license(t, 'cormenPdf');
  await license(t, 'cleanCodeAudiobook');
  await shelve(t.library, 'sedgewick', 1);
  await enrol(t.library, 'priya', 'raj');
  const sessions: Record<string, string> = {};
  for (const m of [priya, raj]) {
    await t.server.pins.setPin(m.id, PIN);
    sessions[m.id] = await t.signIn(m.id);
  }
  const get = (url: string, as?: string) => t.call({ method: 'GET', url, ...(as === undefined ? {} : { as }) });
  return { ...t, session: (memberId) => sessions[memberId] ?? '', get };
}

const linkOf = (links: readonly ReadiumLink[], title: string): ReadiumLink | undefined => links.find((l) => l.Title === title);

describe('OPDS 2.0 over HTTP', () => {
  let t: World;
  beforeEach(async () => {
    t = await aCatalogue();
  });
  afterEach(() => t.server.close());

  describe('GET /opds', () => {
    it('should answer a navigation feed with the templated search, the shelf and the authentication document', async () => {
      const response = await t.get('/opds');
      expect(response.headers['content-type']).toMatch(/^application\/opds\+json/);
      expect(schemaErrors('feed', response.json())).toEqual([]);
      const feed = readium.feed(response.json());
      expect(feed.Navigation?.map((l) => l.Title)).toEqual(['All e-books', 'Available now', 'My loans and holds']);
      expect(feed.Links.find((l) => l.Rel?.includes('search'))).toMatchObject({ Href: `${BASE}/opds/search{?query}`, Templated: true, TypeLink: 'application/opds+json' });
      expect(feed.Links.find((l) => l.Rel?.includes('http://opds-spec.org/auth/document'))?.TypeLink).toBe('application/opds-authentication+json');
    });
  });

  describe('GET /opds/search', () => {
    it('should list the titles lendable digitally, with a borrow link, availability, copies and holds per format', async () => {
      const response = await t.get('/opds/search?query=algorithms');
      expect(schemaErrors('feed', response.json())).toEqual([]);
      const feed = readium.feed(response.json());
      expect(feed.Publications?.map((p) => p.Metadata.Identifier)).toEqual([`urn:isbn:${CORMEN}`]);
      const links = feed.Publications?.[0]?.Links ?? [];
      expect(linkOf(links, 'EPUB')).toMatchObject({
        Href: `${BASE}/opds/borrow/cormen-epub`,
        Rel: [BORROW],
        TypeLink: 'application/opds-publication+json',
        Properties: { Availability: { State: 'available' }, Copies: { Total: 3, Available: 3 }, Holds: { Total: 0 }, IndirectAcquisitions: [{ TypeAcquisition: 'application/epub+zip' }] },
      });
      expect(linkOf(links, 'PDF')?.Properties?.IndirectAcquisitions?.[0]?.TypeAcquisition).toBe('application/pdf');
    });

    it('should offer format and availability facets over the whole result', async () => {
      const feed = readium.feed((await t.get('/opds/search')).json());
      const [formats, availability] = feed.Facets ?? [];
      expect(formats?.Links.map((l) => [l.Title, l.Properties?.NumberOfItems ?? null])).toEqual([
        ['All formats', null],
        ['AUDIOBOOK', 1],
        ['EPUB', 1],
        ['PDF', 1],
      ]);
      expect(linkOf(formats?.Links ?? [], 'EPUB')?.Href).toBe(`${BASE}/opds/search?format=EPUB`);
      expect(availability?.Links.map((l) => l.Title)).toEqual(['All', 'Available now']);
    });

    describe('when the result spans pages', () => {
      it('should link the first, previous, next and last pages', async () => {
        for (let i = 0; i < 45; i++) {
          const isbn = `97800000${String(i).padStart(4, '0')}`;
          await t.library.catalog.addBook({ isbn: isbn + checkDigit(isbn), title: `Volume ${String(i)}`, authors: ['A. Writer'] });
          await t.library.digitalCatalog.addDigitalCopy({ copyId: `vol-${String(i)}`, isbn: isbn + checkDigit(isbn), format: 'EPUB', fileKey: `v/${String(i)}.epub`, drm: 'NONE', licenses: 1 });
        }
        const response = await t.get('/opds/search?format=EPUB&page=2');
        expect(schemaErrors('feed', response.json())).toEqual([]);
        const feed = readium.feed(response.json());
        expect(feed.Metadata).toMatchObject({ NumberOfItems: 46, ItemsPerPage: 20, CurrentPage: 2 });
        const rel = (r: string) => feed.Links.find((l) => l.Rel?.includes(r))?.Href;
        expect([rel('first'), rel('previous'), rel('next'), rel('last')]).toEqual([
          `${BASE}/opds/search?format=EPUB`,
          `${BASE}/opds/search?format=EPUB`,
          `${BASE}/opds/search?format=EPUB&page=3`,
          `${BASE}/opds/search?format=EPUB&page=3`,
        ]);
        expect(feed.Publications).toHaveLength(20);
      });
    });
  });

  describe('GET /opds/publications/:isbn', () => {
    it('should answer one publication with its media type and metadata', async () => {
      const response = await t.get(`/opds/publications/${CORMEN}`);
      expect(response.headers['content-type']).toMatch(/^application\/opds-publication\+json/);
      expect(schemaErrors('publication', response.json())).toEqual([]);
      expect(readium.publication(response.json()).Metadata).toMatchObject({ Identifier: `urn:isbn:${CORMEN}`, Title: BookFixtures.cormen.title });
    });

    describe('when the title has no digital copy', () => {
      it('should answer 404 DIGITAL_COPY_NOT_FOUND', async () => {
        const response = await t.get(`/opds/publications/${BookFixtures.sedgewick.isbn}`);
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([404, 'DIGITAL_COPY_NOT_FOUND']);
      });
    });
  });

  describe('borrowing through the acquisition link', () => {
    it('should lend the license and answer the publication with a fulfilment link due with the loan', async () => {
      const response = await t.call({ method: 'PUT', url: '/opds/borrow/cormen-pdf', as: t.session(priya.id), headers: { 'idempotency-key': 'opds-borrow-1' } });
      expect([response.statusCode, response.headers['content-type']]).toEqual([201, expect.stringMatching(/^application\/opds-publication\+json/) as string]);
      expect(schemaErrors('publication', response.json())).toEqual([]);
      const pdf = linkOf(readium.publication(response.json()).Links, 'PDF');
      expect(pdf).toMatchObject({ Rel: [ACQUIRE], TypeLink: 'application/pdf', Properties: { Availability: { State: 'available' } } });
      expect(pdf?.Properties?.Availability?.Until?.toISOString()).toBe('2026-09-21T09:00:00.000Z');

      const fulfil = await t.get(new URL(pdf?.Href ?? '').pathname, t.session(priya.id));
      expect(fulfil.statusCode).toBe(302);
      expect(fulfil.headers.location?.startsWith(`${FILES_HOST}/`)).toBe(true);
    });

    describe('when every license is out', () => {
      it('should place the member in line and show the hold as reserved with its position', async () => {
        await t.call({ method: 'PUT', url: '/opds/borrow/cormen-pdf', as: t.session(priya.id) });
        const epubOut = await exhaust(t, 'cormen-epub', 3);
        const response = await t.call({ method: 'PUT', url: '/opds/borrow/cormen-pdf', as: t.session(raj.id) });
        expect(schemaErrors('publication', response.json())).toEqual([]);
        const pdf = linkOf(readium.publication(response.json()).Links, 'PDF');
        expect(pdf?.Properties).toMatchObject({ Availability: { State: 'reserved' }, Holds: { Total: 1, Position: 1 } });
        expect(epubOut).toBe(3);
      });
    });
  });

  describe('GET /opds/shelf', () => {
    it("should list the member's loans with fulfilment links and holds with their place, and nobody else's", async () => {
      await t.call({ method: 'PUT', url: '/opds/borrow/cleanCode-audiobook', as: t.session(priya.id) });
      await t.call({ method: 'PUT', url: '/opds/borrow/cormen-pdf', as: t.session(raj.id) });
      const response = await t.get('/opds/shelf', t.session(priya.id));
      expect(schemaErrors('feed', response.json())).toEqual([]);
      const feed = readium.feed(response.json());
      expect(feed.Publications?.map((p) => p.Metadata.Identifier)).toEqual([`urn:isbn:${BookFixtures.cleanCode.isbn}`]);
      expect(linkOf(feed.Publications?.[0]?.Links ?? [], 'AUDIOBOOK')).toMatchObject({ Rel: [ACQUIRE], TypeLink: 'application/audiobook+json' });
    });

    describe('when a license was set aside for the member', () => {
      it('should show the hold as ready until the claim window closes', async () => {
        await exhaust(t, 'cormen-epub', 3);
        await t.call({ method: 'PUT', url: '/opds/borrow/cormen-pdf', as: t.session(raj.id) });
        await t.call({ method: 'PUT', url: '/opds/borrow/cormen-pdf', as: t.session(priya.id) });
        await t.library.digital.returnEarly({ loanId: (await t.library.digital.loansOf(raj.id))[0]?.loanId ?? '' });
        const response = await t.get('/opds/shelf', t.session(priya.id));
        expect(schemaErrors('feed', response.json())).toEqual([]);
        const pdf = linkOf(readium.feed(response.json()).Publications?.[0]?.Links ?? [], 'PDF');
        expect(pdf).toMatchObject({ Rel: [BORROW], Properties: { Availability: { State: 'ready' } } });
        expect(pdf?.Properties?.Availability?.Until?.toISOString()).toBe('2026-09-08T09:00:00.000Z');
      });
    });

    describe("when a member names another member's shelf", () => {
      it('should answer 403 FORBIDDEN', async () => {
        expect((await t.get(`/opds/shelf?memberId=${raj.id}`, t.session(priya.id))).statusCode).toBe(403);
      });
    });

    describe('when nobody is signed in', () => {
      it('should answer 401', async () => {
        expect((await t.get('/opds/shelf')).statusCode).toBe(401);
      });
    });
  });

  describe('GET /opds/authentication', () => {
    it('should describe the card-and-PIN sign-in as an OPDS Authentication Document', async () => {
      const response = await t.get('/opds/authentication');
      expect(response.headers['content-type']).toMatch(/^application\/opds-authentication\+json/);
      expect(schemaErrors('authentication', response.json())).toEqual([]);
      expect(response.json()).toMatchObject({ authentication: [{ type: 'http://opds-spec.org/auth/oauth/password', labels: { login: 'Card number', password: 'PIN' } }] });
    });
  });

  describe('POST /opds/token', () => {
    it('should trade card number and PIN, form-encoded, for a bearer token that opens the shelf', async () => {
      const response = await t.call({
        method: 'POST',
        url: '/opds/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=password&username=${priya.id}&password=${PIN}`,
      });
      expect(response.json()).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number) as number });
      expect((await t.get('/opds/shelf', response.json<{ access_token: string }>().access_token)).statusCode).toBe(200);
    });

    describe('when the PIN is wrong', () => {
      it('should answer 401 UNAUTHENTICATED', async () => {
        const response = await t.call({ method: 'POST', url: '/opds/token', payload: { grant_type: 'password', username: priya.id, password: '0000' } });
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([401, 'UNAUTHENTICATED']);
      });
    });
  });
});

/** Lends every license of `copyId` to fresh members; returns how many were lent. */
async function exhaust(t: World, copyId: string, licenses: number): Promise<number> {
  let lent = 0;
  for (let i = 0; i < licenses; i++) {
    const id = `R-${copyId}-${String(i)}`;
    await t.library.members.register({ id, name: `Reader ${String(i)}`, type: 'PUBLIC' });
    if ((await t.library.digital.borrow({ memberId: id, copyId })).outcome === 'LENT') lent++;
  }
  return lent;
}

/** The ISBN-13 check digit of the first twelve digits. */
function checkDigit(twelve: string): string {
  const sum = twelve.split('').reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return String((10 - (sum % 10)) % 10);
}
