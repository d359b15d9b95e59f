import { afterEach, describe, expect, it } from 'vitest';
import { readFrame } from '../../src/interfaces/sip2/codec/frame.js';
import { fieldOf, parseMessage } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { SIP2_DEMO } from '../../src/interfaces/sip2/demo.js';
import { aKioskWorld, KIOSK_DATE, message, type KioskWorld } from './kiosk.js';

const { patron, onShelf } = SIP2_DEMO;
const [C1] = onShelf;
const answerOf = (frame: Buffer) => parseMessage(readFrame(frame, 'utf8').body);

describe('the SIP2 server, given bad input', () => {
  let world: KioskWorld;
  afterEach(() => world.close());

  describe('when a message fails its checksum', () => {
    it('should ask for it again (96) and change nothing', async () => {
      world = await aKioskWorld();
      const kiosk = await world.signedIn({ errorDetection: true });
      kiosk.writeRaw(`11NN${KIOSK_DATE}${' '.repeat(18)}AOx|AA${patron.id}|AB${C1}|AD${patron.pin}|AY1AZ0000\r`);
      expect((await kiosk.next()).toString('latin1')).toBe('96AZFEF6');
      expect((await world.library.catalog.getCopy(C1)).status).toBe('AVAILABLE');
    });
  });

  describe('when the command is unknown', () => {
    it('should answer 96', async () => {
      world = await aKioskWorld();
      const kiosk = await world.signedIn();
      kiosk.writeRaw('ZZhello\r');
      expect((await kiosk.next()).toString('latin1')).toBe('96');
    });
  });

  describe('when a checkout is truncated inside its fixed fields', () => {
    it('should answer the negative checkout response and lend nothing', async () => {
      world = await aKioskWorld();
      const kiosk = await world.signedIn();
      kiosk.writeRaw('11NN2026\r');
      const answer = answerOf(await kiosk.next());
      expect([answer.command, answer.fixed.ok]).toEqual(['12', '0']);
      expect(fieldOf(answer, 'AF')).toMatch(/^MALFORMED_MESSAGE: /);
    });
  });

  describe('when a message is longer than the bound', () => {
    it('should answer 96, drop it up to its terminator, and go on answering', async () => {
      world = await aKioskWorld({ maxMessageBytes: 256 });
      const kiosk = await world.signedIn();
      kiosk.writeRaw(`17${KIOSK_DATE}AB${'x'.repeat(600)}`);
      expect((await kiosk.next()).toString('latin1')).toBe('96');
      kiosk.writeRaw(`${'y'.repeat(600)}\r`);
      const next = await kiosk.send(message('17', { transactionDate: KIOSK_DATE }, [['AB', C1]]));
      expect(next.fixed.circulationStatus).toBe('03');
    });
  });

  describe('when a message arrives before the login', () => {
    it('should answer its negative response (NOT_SIGNED_IN) and lend nothing', async () => {
      world = await aKioskWorld();
      const kiosk = await world.kiosk();
      const answer = await kiosk.send(message('11', { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: KIOSK_DATE }, [['AA', patron.id], ['AB', C1], ['AD', patron.pin]]));
      expect(answer.fixed.ok).toBe('0');
      expect(fieldOf(answer, 'AF')).toMatch(/^NOT_SIGNED_IN: /);
      expect((await world.library.catalog.getCopy(C1)).status).toBe('AVAILABLE');
    });

    it('should answer 99 with the ACS off-line and nothing supported', async () => {
      world = await aKioskWorld();
      const kiosk = await world.kiosk();
      const answer = await kiosk.send(message('99', { statusCode: '0', maxPrintWidth: '080', protocolVersion: '2.00' }));
      expect(answer.fixed.onlineStatus).toBe('N');
      expect(fieldOf(answer, 'BX')).toBe('N'.repeat(16));
    });
  });

  describe('when a connection keeps getting the login wrong', () => {
    it('should close it after the third wrong login', async () => {
      world = await aKioskWorld();
      const kiosk = await world.kiosk();
      for (let i = 0; i < 3; i++) expect((await kiosk.login('kiosk', `guess-${i}`)).fixed.ok).toBe('0');
      await kiosk.closed;
    });
  });

  describe('when a connection is signed in already', () => {
    it('should refuse a second login (94 ok=0) and stay signed in', async () => {
      world = await aKioskWorld();
      const kiosk = await world.signedIn();
      expect((await kiosk.login()).fixed.ok).toBe('0');
      expect((await kiosk.send(message('17', { transactionDate: KIOSK_DATE }, [['AB', C1]]))).fixed.circulationStatus).toBe('03');
    });
  });

  describe('when a fee amount is not an amount', () => {
    it('should refuse the payment (38 N) and take nothing', async () => {
      world = await aKioskWorld();
      const kiosk = await world.signedIn();
      const answer = await kiosk.send(message('37', { transactionDate: KIOSK_DATE, feeType: '01', paymentType: '00', currencyType: world.library.policy.currency }, [['BV', '-5'], ['AA', patron.id]]));
      expect(answer.fixed.paymentAccepted).toBe('N');
      expect(fieldOf(answer, 'AF')).toMatch(/^MALFORMED_MESSAGE: /);
      expect((await world.library.fines.ledger(patron.id)).payments).toEqual([]);
    });
  });

  describe('when a client connects and says nothing', () => {
    it('should close the connection once the idle timeout passes', async () => {
      world = await aKioskWorld({ idleTimeoutSeconds: 0.05 });
      const kiosk = await world.kiosk();
      await kiosk.closed;
      expect(kiosk.socket.destroyed).toBe(true);
    });
  });

  describe('when a client trickles a message it never ends', () => {
    it('should close the connection: bytes alone do not keep it open', async () => {
      world = await aKioskWorld({ idleTimeoutSeconds: 0.2 });
      const kiosk = await world.signedIn();
      const trickle = setInterval(() => {
        if (!kiosk.socket.destroyed) kiosk.writeRaw('1');
      }, 20);
      await kiosk.closed;
      clearInterval(trickle);
      expect(kiosk.socket.destroyed).toBe(true);
    });
  });
});
