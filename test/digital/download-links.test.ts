import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessError } from '../../src/domain/digital/AccessError.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { HmacDownloadLinks } from '../../src/infrastructure/tokens/HmacDownloadLinks.js';
import { LINK_SECRET } from '../fixtures/digital.js';
import { MONDAY_MORNING } from '../fixtures/library.js';

const STATUS_BY_CODE: Record<string, number> = { LINK_EXPIRED: 410, LINK_INVALID: 403 };

/** A file server as small as it gets: it serves `file:<key>` for a valid link, 403/410 otherwise. */
function fileServer(links: HmacDownloadLinks, clock: FixedClock): Server {
  return createServer((request, response) => {
    try {
      const { fileKey } = links.verify(`http://${request.headers.host ?? ''}${request.url ?? ''}`, clock.now());
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`file:${fileKey}`);
    } catch (error) {
      const code = AccessError.is(error) ? error.code : 'LINK_INVALID';
      response.writeHead(STATUS_BY_CODE[code] ?? 500).end(code);
    }
  });
}

describe(HmacDownloadLinks, () => {
  const clock = new FixedClock(MONDAY_MORNING);
  let server: Server;
  let links: HmacDownloadLinks;

  beforeAll(async () => {
    const starting = fileServer(new HmacDownloadLinks(LINK_SECRET, 'http://127.0.0.1'), clock);
    await new Promise<void>((resolve) => starting.listen(0, '127.0.0.1', resolve));
    server = starting;
    links = new HmacDownloadLinks(LINK_SECRET, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const signed = (expiresAt = new Date('2026-09-07T09:15:00Z')): Promise<string> => links.sign({ fileKey: 'books/cormen.epub', loanId: 'eloan-000001', expiresAt });

  describe('when a valid link is fetched before it expires', () => {
    it('should serve the file', async () => {
      const response = await fetch(await signed());
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('file:books/cormen.epub');
    });
  });

  describe('when the link is fetched at or after its expiry', () => {
    it('should answer 410 LINK_EXPIRED', async () => {
      const response = await fetch(await signed(new Date(MONDAY_MORNING)));
      expect([response.status, await response.text()]).toEqual([410, 'LINK_EXPIRED']);
    });
  });

  describe('when the expiry, the loan or the file was changed', () => {
    it('should answer 403 LINK_INVALID', async () => {
      const url = await signed();
      const tampered = [
        url.replace(/expires=\d+/, 'expires=9999999999'),
        url.replace('eloan-000001', 'eloan-000002'),
        url.replace('cormen.epub', 'sedgewick.epub'),
        url.replace(/sig=[\w-]+/, 'sig=AAAA'),
        url.replace(/&sig=[\w-]+/, ''),
      ];
      for (const link of tampered) {
        const response = await fetch(link);
        expect([response.status, await response.text()]).toEqual([403, 'LINK_INVALID']);
      }
    });
  });

  describe('when the secret is too short', () => {
    it('should refuse to sign with it', () => {
      expect(() => new HmacDownloadLinks(Buffer.alloc(16), 'http://127.0.0.1')).toThrow(/32 bytes/);
    });
  });
});
