import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldOf } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { SIP2_DEMO } from '../../src/interfaces/sip2/demo.js';
import { aKioskWorld, KIOSK_DATE, message, type Kiosk, type KioskWorld } from './kiosk.js';

const { patron, login } = SIP2_DEMO;
/** A film on DVD without an ISBN, keyed by its OCLC control number, with one copy at the kiosk's branch. */
const DVD = { recordId: 'OCoLC-ocm12345678', materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] } as const;
const AO: readonly [string, string] = ['AO', 'shelfmark'];

describe('a SIP2 kiosk lending a title without an ISBN', () => {
  let world: KioskWorld;
  let kiosk: Kiosk;
  beforeEach(async () => {
    world = await aKioskWorld();
    await world.library.catalog.addBook({ ...DVD, authors: [...DVD.authors] });
    await world.library.catalog.addCopy({ barcode: 'DVD-1', isbn: DVD.recordId, branch: login.location, rack: 'AV-1' });
    kiosk = await world.signedIn();
  });
  afterEach(() => world.close());

  describe('11 checkout, then 17 item information', () => {
    it('should lend the copy under its record id and name the title in both answers', async () => {
      const lent = await kiosk.send(
        message('11', { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: ' '.repeat(18) }, [AO, ['AA', patron.id], ['AB', 'DVD-1'], ['AC', ''], ['AD', patron.pin]]),
      );
      expect([lent.command, lent.fixed.ok, fieldOf(lent, 'AJ')]).toEqual(['12', '1', DVD.title]);
      expect((await world.library.members.loans(patron.id)).map((l) => [l.barcode, l.isbn])).toEqual([['DVD-1', DVD.recordId]]);

      const item = await kiosk.send(message('17', { transactionDate: KIOSK_DATE }, [AO, ['AB', 'DVD-1']]));
      expect([item.command, item.fixed.circulationStatus, fieldOf(item, 'AJ')]).toEqual(['18', '04', DVD.title]);
    });
  });
});
