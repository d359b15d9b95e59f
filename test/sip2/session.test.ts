import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldOf, fieldsOf, type Sip2Message } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { SIP2_DEMO } from '../../src/interfaces/sip2/demo.js';
import { addSip2Account } from '../../src/interfaces/sip2/Sip2Logins.js';
import { IMPLEMENTED_MESSAGES } from '../../src/interfaces/sip2/handlers/index.js';
import { SecretHasher } from '../../src/application/auth/SecretHasher.js';
import { TEST_SCRYPT } from '../http/server.js';
import { aKioskWorld, KIOSK_DATE, message, type Kiosk, type KioskWorld } from './kiosk.js';

const { patron, otherMember, onShelf, onLoan, book } = SIP2_DEMO;
const [C1, C2] = onShelf;
const AO: readonly [string, string] = ['AO', 'shelfmark'];

const checkout = (barcode: string, pin?: string, memberId: string = patron.id): Sip2Message =>
  message('11', { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: ' '.repeat(18) }, [AO, ['AA', memberId], ['AB', barcode], ['AC', ''], ...(pin === undefined ? [] : [['AD', pin] as const])]);
const checkin = (barcode: string): Sip2Message => message('09', { noBlock: 'N', transactionDate: KIOSK_DATE, returnDate: KIOSK_DATE }, [['AP', 'main'], AO, ['AB', barcode]]);
const renew = (barcode: string, pin?: string): Sip2Message =>
  message('29', { thirdPartyAllowed: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: ' '.repeat(18) }, [AO, ['AA', patron.id], ['AB', barcode], ...(pin === undefined ? [] : [['AD', pin] as const])]);
const patronInfo = (summary: string, pin: string = patron.pin, memberId: string = patron.id): Sip2Message =>
  message('63', { language: '001', transactionDate: KIOSK_DATE, summary }, [AO, ['AA', memberId], ['AD', pin]]);
const itemInfo = (barcode: string): Sip2Message => message('17', { transactionDate: KIOSK_DATE }, [AO, ['AB', barcode]]);

describe.each([
  { mode: 'without error detection', errorDetection: false },
  { mode: 'with error detection (AY/AZ)', errorDetection: true },
])('a SIP2 kiosk session $mode', ({ errorDetection }) => {
  let world: KioskWorld;
  let kiosk: Kiosk;
  beforeEach(async () => {
    world = await aKioskWorld();
    kiosk = await world.signedIn({ errorDetection });
  });
  afterEach(() => world.close());

  describe('93 login', () => {
    it('should refuse a wrong password with ok=0', async () => {
      const other = await world.kiosk({ errorDetection });
      expect((await other.login('kiosk', 'wrong')).fixed.ok).toBe('0');
    });
  });

  describe('99 SC status', () => {
    it('should answer 98 with the messages implemented and allowed (BX)', async () => {
      const answer = await kiosk.send(message('99', { statusCode: '0', maxPrintWidth: '080', protocolVersion: '2.00' }));
      expect(answer.command).toBe('98');
      expect(answer.fixed).toMatchObject({ onlineStatus: 'Y', checkinOk: 'Y', checkoutOk: 'Y', acsRenewalPolicy: 'Y', protocolVersion: '2.00' });
      // 23 11 09 01 99 97 93 63 35 37 17 | 19 25 15 unimplemented | 29 65
      expect(fieldOf(answer, 'BX')).toBe('YYYYYYYYYYYNNNYY');
      expect(answer.fixed.dateTimeSync).toBe('20260907    090000');
    });
  });

  describe('23 patron status', () => {
    it('should name the patron and accept the PIN', async () => {
      const answer = await kiosk.send(message('23', { language: '001', transactionDate: KIOSK_DATE }, [AO, ['AA', patron.id], ['AC', ''], ['AD', patron.pin]]));
      expect(answer.command).toBe('24');
      expect(answer.fixed.patronStatus).toBe(' '.repeat(14));
      expect(fieldOf(answer, 'AE')).toBe(patron.name);
      expect([fieldOf(answer, 'BL'), fieldOf(answer, 'CQ')]).toEqual(['Y', 'Y']);
    });

    it('should answer CQ=N and no name for a wrong PIN', async () => {
      const answer = await kiosk.send(message('23', { language: '001', transactionDate: KIOSK_DATE }, [AO, ['AA', patron.id], ['AD', '9999']]));
      expect([fieldOf(answer, 'BL'), fieldOf(answer, 'CQ'), fieldOf(answer, 'AE')]).toEqual(['Y', 'N', '']);
    });

    it('should answer BL=N for an unknown card', async () => {
      const answer = await kiosk.send(message('23', { language: '001', transactionDate: KIOSK_DATE }, [AO, ['AA', 'P-0000'], ['AD', '1234']]));
      expect(fieldOf(answer, 'BL')).toBe('N');
      expect(answer.fixed.patronStatus).toBe('Y'.repeat(14));
    });
  });

  describe('11 checkout', () => {
    it('should lend the copy and give its due date and title', async () => {
      const answer = await kiosk.send(checkout(C1, patron.pin));
      expect(answer.command).toBe('12');
      expect(answer.fixed.ok).toBe('1');
      expect(fieldOf(answer, 'AJ')).toBe(book.title);
      expect(fieldOf(answer, 'AH')).toMatch(/^\d{8} {4}\d{6}$/);
      expect((await world.library.catalog.getCopy(C1)).borrowerId).toBe(patron.id);
    });

    it('should name the kiosk account and the member in the audit log', async () => {
      await kiosk.send(checkout(C1, patron.pin));
      const entry = (await world.library.audit.query({ barcode: C1 })).find((e) => e.action === 'copy.checked-out');
      expect(entry).toMatchObject({ actor: 'sip2:kiosk', actorLabel: `SIP2 kiosk kiosk for member ${patron.id}`, memberId: patron.id });
    });

    it('should refuse a copy on loan with ok=0 and the engine’s code in AF', async () => {
      const answer = await kiosk.send(checkout(onLoan, patron.pin));
      expect(answer.fixed.ok).toBe('0');
      expect(fieldOf(answer, 'AF')).toMatch(/^COPY_NOT_AVAILABLE: /);
    });

    it('should refuse a wrong PIN (UNAUTHENTICATED) and lend nothing', async () => {
      const answer = await kiosk.send(checkout(C1, '0000'));
      expect(answer.fixed.ok).toBe('0');
      expect(fieldOf(answer, 'AF')).toMatch(/^UNAUTHENTICATED: /);
      expect((await world.library.catalog.getCopy(C1)).status).toBe('AVAILABLE');
    });

    it('should refuse a patron whose PIN was never proved on the connection', async () => {
      const answer = await kiosk.send(checkout(C1));
      expect(fieldOf(answer, 'AF')).toMatch(/^PATRON_NOT_VERIFIED: /);
    });

    it('should accept a patron proved earlier on the connection, until the patron session ends (35)', async () => {
      await kiosk.send(patronInfo('          '));
      expect((await kiosk.send(checkout(C1))).fixed.ok).toBe('1');
      const end = await kiosk.send(message('35', { transactionDate: KIOSK_DATE }, [AO, ['AA', patron.id]]));
      expect([end.command, end.fixed.endSession]).toEqual(['36', 'Y']);
      expect(fieldOf(await kiosk.send(checkout(C2)), 'AF')).toMatch(/^PATRON_NOT_VERIFIED: /);
    });
  });

  describe('63 patron information', () => {
    it('should count charged, overdue, hold and fine items, and list the one the summary asks for', async () => {
      await kiosk.send(checkout(C1, patron.pin));
      await kiosk.send(checkout(C2, patron.pin));
      const charged = await kiosk.send(patronInfo('  Y       '));
      expect(charged.command).toBe('64');
      expect(charged.fixed).toMatchObject({ chargedItemsCount: '0002', overdueItemsCount: '0000', holdItemsCount: '0000', fineItemsCount: '0000' });
      expect(fieldsOf(charged, 'AU').sort()).toEqual([C1, C2]);
      expect(fieldsOf(charged, 'AT')).toEqual([]);
      world.clock.advanceDays(30);
      const overdue = await kiosk.send(patronInfo(' Y        '));
      expect(overdue.fixed.overdueItemsCount).toBe('0002');
      expect(fieldsOf(overdue, 'AT').sort()).toEqual([C1, C2]);
      expect(fieldsOf(overdue, 'AU')).toEqual([]);
    });

    it('should list hold items (AS) when the summary asks for them', async () => {
      await world.library.members.register({ id: 'P-3003', name: 'Meera Iyer' });
      await world.library.circulation.checkOut({ memberId: 'P-3003', barcode: C1 });
      await world.library.reservations.reserve({ memberId: patron.id, isbn: book.isbn });
      const answer = await kiosk.send(patronInfo('Y         '));
      expect(answer.fixed.holdItemsCount).toBe('0001');
      expect(answer.fixed.unavailableHoldsCount).toBe('0001');
      expect(fieldsOf(answer, 'AS')).toEqual([book.isbn]);
    });
  });

  describe('09 checkin', () => {
    it('should take the copy back', async () => {
      const answer = await kiosk.send(checkin(onLoan));
      expect(answer.command).toBe('10');
      expect(answer.fixed).toMatchObject({ ok: '1', alert: 'N' });
      expect(fieldOf(answer, 'AA')).toBe(otherMember.id);
      expect((await world.library.catalog.getCopy(onLoan)).status).toBe('AVAILABLE');
    });

    it('should raise the hold-shelf alert with the member it is held for', async () => {
      expect((await kiosk.send(checkout(C1, patron.pin))).fixed.ok).toBe('1');
      await world.library.members.register({ id: 'P-3003', name: 'Meera Iyer' });
      await world.library.reservations.reserve({ memberId: 'P-3003', isbn: book.isbn });
      const answer = await kiosk.send(checkin(C1));
      expect(answer.fixed).toMatchObject({ ok: '1', alert: 'Y' });
      expect([fieldOf(answer, 'CV'), fieldOf(answer, 'CY'), fieldOf(answer, 'DA')]).toEqual(['01', 'P-3003', 'Meera Iyer']);
    });

    it('should refuse a copy that is not out with ok=0', async () => {
      const answer = await kiosk.send(checkin(C1));
      expect(answer.fixed.ok).toBe('0');
      expect(fieldOf(answer, 'AF')).toMatch(/^[A-Z_]+: /);
    });
  });

  describe('29 renew and 65 renew all', () => {
    it('should renew the patron’s own loan', async () => {
      await kiosk.send(checkout(C1, patron.pin));
      const answer = await kiosk.send(renew(C1));
      expect(answer.command).toBe('30');
      expect(answer.fixed).toMatchObject({ ok: '1', renewalOk: 'Y' });
    });

    it('should refuse to renew another member’s loan', async () => {
      const answer = await kiosk.send(renew(onLoan, patron.pin));
      expect(answer.fixed.ok).toBe('0');
      expect(fieldOf(answer, 'AF')).toMatch(/^LOAN_NOT_FOUND: /);
      expect((await world.library.members.loans(otherMember.id))[0]?.renewals).toBe(0);
    });

    it('should renew every loan and count them', async () => {
      await kiosk.send(checkout(C1, patron.pin));
      await kiosk.send(checkout(C2, patron.pin));
      const answer = await kiosk.send(message('65', { transactionDate: KIOSK_DATE }, [AO, ['AA', patron.id]]));
      expect(answer.command).toBe('66');
      expect(answer.fixed).toMatchObject({ ok: '1', renewedCount: '0002', unrenewedCount: '0000' });
      expect(fieldsOf(answer, 'BM').sort()).toEqual([C1, C2]);
    });
  });

  describe('17 item information', () => {
    it.each([
      { copy: 'on the shelf', barcode: C1, status: '03' },
      { copy: 'on loan', barcode: onLoan, status: '04' },
    ])('should answer circulation status $status for a copy $copy', async ({ barcode, status }) => {
      const answer = await kiosk.send(itemInfo(barcode));
      expect(answer.command).toBe('18');
      expect(answer.fixed.circulationStatus).toBe(status);
      expect(fieldOf(answer, 'AJ')).toMatch(/\w/);
    });

    it('should give the due date of a copy on loan', async () => {
      expect(fieldOf(await kiosk.send(itemInfo(onLoan)), 'AH')).toMatch(/^\d{8} {4}\d{6}$/);
    });

    it('should answer 01 (other) with COPY_NOT_FOUND for an unknown barcode', async () => {
      const answer = await kiosk.send(itemInfo('NOPE'));
      expect(answer.fixed.circulationStatus).toBe('01');
      expect(fieldOf(answer, 'AF')).toMatch(/^COPY_NOT_FOUND: /);
    });
  });

  describe('37 fee paid', () => {
    const feePaid = (amount: string, currency: string) =>
      message('37', { transactionDate: KIOSK_DATE, feeType: '01', paymentType: '00', currencyType: currency }, [['BV', amount], AO, ['AA', otherMember.id], ['BK', 'T-77']]);

    it('should take a payment towards the member’s fines', async () => {
      world.clock.advanceDays(40);
      await kiosk.send(checkin(onLoan));
      const before = (await world.library.fines.ledger(otherMember.id)).balance;
      expect(before.amount).toBeGreaterThan(100);
      const answer = await kiosk.send(feePaid('1.00', before.currency));
      expect(answer.command).toBe('38');
      expect(answer.fixed.paymentAccepted).toBe('Y');
      expect(fieldOf(answer, 'BK')).toBe('T-77');
      expect((await world.library.fines.ledger(otherMember.id)).balance.amount).toBe(before.amount - 100);
    });

    it('should refuse another currency and take nothing', async () => {
      world.clock.advanceDays(40);
      await kiosk.send(checkin(onLoan));
      const before = (await world.library.fines.ledger(otherMember.id)).balance;
      const answer = await kiosk.send(feePaid('1.00', before.currency === 'EUR' ? 'USD' : 'EUR'));
      expect(answer.fixed.paymentAccepted).toBe('N');
      expect(fieldOf(answer, 'AF')).toMatch(/^CURRENCY_MISMATCH: /);
      expect((await world.library.fines.ledger(otherMember.id)).balance).toEqual(before);
    });
  });

  describe('01 block patron', () => {
    it('should block the card, answer 24 with charge privileges denied, and refuse the next checkout', async () => {
      const answer = await kiosk.send(message('01', { cardRetained: 'N', transactionDate: KIOSK_DATE }, [AO, ['AL', 'card reported lost'], ['AA', patron.id], ['AC', '']]));
      expect(answer.command).toBe('24');
      expect(answer.fixed.patronStatus?.[0]).toBe('Y');
      expect((await world.library.members.get(patron.id)).status).toBe('BLOCKED');
      expect(fieldOf(await kiosk.send(checkout(C1, patron.pin)), 'AF')).toMatch(/^MEMBER_BLOCKED: /);
    });
  });

  describe('97 request ACS resend', () => {
    it('should repeat the last answer byte for byte', async () => {
      await kiosk.send(itemInfo(C1));
      kiosk.writeRaw(errorDetection ? '97AZFEF5\r' : '97\r');
      const again = await kiosk.next();
      kiosk.writeRaw(errorDetection ? '97AZFEF5\r' : '97\r');
      expect((await kiosk.next()).equals(again)).toBe(true);
      expect(again.toString('utf8').startsWith('18')).toBe(true);
    });
  });
});

describe('an account that may send only some messages', () => {
  let world: KioskWorld;
  afterEach(() => world.close());

  it('should answer BX true to what it may send and refuse the rest with the negative response', async () => {
    world = await aKioskWorld();
    await addSip2Account(world.library.sip2Accounts, new SecretHasher(TEST_SCRYPT), world.clock, { user: 'sorter', password: 'bins', location: 'main', allowedMessages: ['09', '17', '99'] }, IMPLEMENTED_MESSAGES);
    const sorter = await world.kiosk();
    expect((await sorter.login('sorter', 'bins')).fixed.ok).toBe('1');
    const status = await sorter.send(message('99', { statusCode: '0', maxPrintWidth: '080', protocolVersion: '2.00' }));
    // 23 11 09 01 99 97 93 63 35 37 17 19 25 15 29 65: checkin, status, resend, login, item information
    expect(fieldOf(status, 'BX')).toBe('NNYNYYYNNNYNNNNN');
    expect(status.fixed).toMatchObject({ checkinOk: 'Y', checkoutOk: 'N' });
    const refused = await sorter.send(checkout(C1, patron.pin));
    expect(refused.fixed.ok).toBe('0');
    expect(fieldOf(refused, 'AF')).toMatch(/^MESSAGE_NOT_ALLOWED: /);
    expect((await world.library.catalog.getCopy(C1)).status).toBe('AVAILABLE');
  });
});

describe('connections per account', () => {
  let world: KioskWorld;
  afterEach(() => world.close());

  it('should refuse a login beyond the bound, and take it again once a connection closes', async () => {
    world = await aKioskWorld({ maxConnectionsPerAccount: 2 });
    const first = await world.signedIn();
    await world.signedIn();
    const third = await world.kiosk();
    expect((await third.login()).fixed.ok).toBe('0');
    await first.close();
    await expect.poll(() => world.server.logins.connectionsOf('kiosk')).toBe(1);
    expect((await third.login()).fixed.ok).toBe('1');
  });
});
