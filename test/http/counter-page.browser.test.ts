import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookFixtures } from '../fixtures/catalog.js';
import { MemberFixtures } from '../fixtures/members.js';
import { aDesk, browserFound, CHROMIUM, DeskBrowser, focused, scanCard, screenshot, TABLET, UNTIL_SHOWN } from './counterDesk.js';

const inCi = process.env.CI === 'true';
if (!browserFound && !inCi) console.log(`counter page browser test skipped: no Chromium at ${CHROMIUM} (run .ci/install-browser)`);

const { priya, raj } = MemberFixtures;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// In CI the tests always run, so a missing browser fails them instead of hiding them.
describe.runIf(browserFound || inCi)('the circulation desk page (/counter) in headless Chromium', () => {
  let desk: DeskBrowser;
  beforeAll(async () => {
    desk = await DeskBrowser.launch();
  }, 120_000);
  afterAll(async () => {
    await desk.close();
  });
  const openDesk: DeskBrowser['open'] = (t, token) => desk.open(t, token);

  describe('the member at the desk', () => {
    describe("when Priya's card is scanned", () => {
      it('should open her account: loans with due dates and days overdue, the fine, blocks, and focus on the copy scan field', async () => {
        const t = await aDesk();
        const { page, problems } = await openDesk(t);
        expect(await focused(page)).toBe('member-card');
        await scanCard(page, priya.id);
        const account = page.locator('#account');
        await account.locator('text=Clean Code').waitFor(UNTIL_SHOWN);
        const text = await account.innerText();
        expect(await page.locator('#account-title').innerText()).toBe('Priya');
        expect(text).toMatch(/Clean Code\s+cleanCode-1\s+Thu,? 17 Sept? 2026[^\n]*\s+5 days overdue/);
        expect(text).toMatch(/Algorithms\s+sedgewick-1\s+Fri,? 2 Oct 2026[^\n]*\s+on time/);
        expect(text).toContain('Fines: ₹9.00 owed');
        expect(text).toContain('No blocks');
        expect(await focused(page)).toBe('copy-barcode');
        await screenshot(page, 'counter-account.png');
        expect(problems).toEqual([]);
      }, 300_000);
    });

    describe('when every loan is renewed', () => {
      it("should renew the one it may and show the other's refusal with its reason", async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await scanCard(page, priya.id);
        // Without a mouse: Tab reaches every button, Enter presses it.
        await page.focus('#renew-all');
        await page.keyboard.press('Enter');
        await page.locator('#message', { hasText: 'Renewed 1 of 2' }).waitFor(UNTIL_SHOWN);
        const refused = await page.locator('.renewal-result[data-loan="loan-000002"]').innerText();
        expect(refused).toMatch(/^Not renewed: Other members wait for this title.*RENEWAL_BLOCKED_BY_RESERVATIONS/);
        expect(await page.locator('.renewal-result[data-loan="loan-000003"]').innerText()).toMatch(/^Renewed: due Mon,? 12 Oct 2026/);
        expect((await t.library.members.loans(priya.id)).map((l) => [l.barcode, l.renewals])).toEqual([
          ['cleanCode-1', 0],
          ['sedgewick-1', 1],
        ]);
        expect(await focused(page)).toBe('copy-barcode');
      }, 300_000);
    });

    describe('when she pays part of her fine and borrows a copy from her account', () => {
      it('should take the payment, lend the copy with a loan slip, and leave focus on the copy scan field', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await scanCard(page, priya.id);
        await page.fill('#pay-amount', '4.00');
        await page.press('#pay-amount', 'Enter');
        await page.locator('#fines-title', { hasText: '₹5.00 owed' }).waitFor(UNTIL_SHOWN);
        expect((await t.library.members.get(priya.id)).fineBalance).toEqual({ amount: 500, currency: 'INR' });
        await page.fill('#copy-barcode', 'cormen-2');
        await page.press('#copy-barcode', 'Enter');
        const slip = page.locator('.slip[data-kind="loan"]');
        await slip.waitFor(UNTIL_SHOWN);
        expect(await slip.innerText()).toMatch(/Introduction to Algorithms[\s\S]*Fri,? 2 Oct 2026/);
        await page.locator('#loans-title', { hasText: 'Loans (3)' }).waitFor(UNTIL_SHOWN);
        expect((await t.library.catalog.getCopy('cormen-2')).status).toBe('LOANED');
        expect(await focused(page)).toBe('copy-barcode');

        // Next member: the desk is cleared and the card field waits for the next scan.
        await page.click('#close-account');
        expect(await page.locator('#account').innerText()).toBe('Scan a member card to open the account.');
        expect(await page.locator('#checkout-form').isVisible()).toBe(false);
        expect(await focused(page)).toBe('member-card');
      }, 300_000);
    });

    describe('when a copy the API refuses is scanned', () => {
      it('should say why in words from the error code and keep focus on the scan field', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await scanCard(page, MemberFixtures.meera.id);
        await page.fill('#copy-barcode', 'cleanCode-1');
        await page.press('#copy-barcode', 'Enter');
        await page.locator('#message.error').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#message').innerText()).toMatch(/^That copy is on loan or lost.*\(COPY_NOT_AVAILABLE: /);
        expect(await focused(page)).toBe('copy-barcode');
      }, 300_000);
    });

    describe("when Raj's card is scanned after a librarian blocked him", () => {
      it('should show the block and its reason, and his hold with its place in the queue', async () => {
        const t = await aDesk();
        await t.library.members.block({ memberId: raj.id, reason: 'card reported stolen' });
        const { page } = await openDesk(t);
        await scanCard(page, raj.id);
        const text = await page.locator('#account').innerText();
        expect(text).toMatch(/borrow: .*card reported stolen.*\(MEMBER_BLOCKED\)/);
        expect(text).toMatch(/Clean Code\s+waiting, number 1 in the queue/);
      }, 300_000);
    });

    describe("when Asha's card expired two days ago", () => {
      it('should mark the expiry and the block it puts on borrowing, and renew the card from her account', async () => {
        const t = await aDesk();
        await t.library.members.register({ id: 'M-ASHA', name: 'Asha', cardExpiresAt: new Date('2026-09-30T12:00:00.000Z') });
        t.clock.advanceDays(10);
        const { page } = await openDesk(t);
        await scanCard(page, 'M-ASHA');
        const account = page.locator('#account');
        expect(await account.innerText()).toMatch(/Card expires\s+Wed,? 30 Sept? 2026 \(expired\)/);
        expect(await account.innerText()).toMatch(/borrow: .*\(CARD_EXPIRED\)/);
        expect(await page.inputValue('#card-until')).toBe('2027-10-02');
        await page.press('#card-until', 'Enter');
        await page.locator('#message', { hasText: 'Card renewed until Sat, 2 Oct 2027' }).waitFor(UNTIL_SHOWN);
        await page.locator('#account .ok-note').waitFor(UNTIL_SHOWN);
        expect(await account.innerText()).toMatch(/Card expires\s+Sat,? 2 Oct 2027\n/);
        expect((await t.library.members.get('M-ASHA')).cardExpiresAt).toBe('2027-10-02T23:59:59.000Z');
        expect(await focused(page)).toBe('copy-barcode');
      }, 300_000);
    });

    describe("when Raj suspends his hold on Clean Code until a day, and later resumes it", () => {
      it('should show it suspended until that day, then waiting at its old place, without a mouse and with axe clean', async () => {
        const t = await aDesk();
        const { page, problems } = await openDesk(t);
        await scanCard(page, raj.id);
        const [hold] = await t.library.reservations.activeOf(raj.id);
        await page.fill('input[aria-label^="Suspend hold on Clean Code until"]', '2026-10-01');
        await page.focus('button[aria-label="Suspend hold on Clean Code"]');
        await page.keyboard.press('Enter');
        await page.locator('#message', { hasText: 'Suspended the hold on Clean Code until Thu, 1 Oct 2026.' }).waitFor(UNTIL_SHOWN);
        await page.locator('[data-hold-state="SUSPENDED"]').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#account').innerText()).toMatch(/Clean Code\s+suspended until Thu,? 1 Oct 2026/);
        expect(await t.library.reservations.get(hold!.reservationId)).toMatchObject({ status: 'SUSPENDED', suspendedUntil: '2026-10-01T00:00:00.000Z' });
        expect(await focused(page)).toBe('copy-barcode');
        await screenshot(page, 'counter-holds.png');
        await page.evaluate(AXE_SOURCE);
        const violations = await page.evaluate<string[]>(
          `axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id))`,
        );
        expect(violations).toEqual([]);

        await page.focus('button[aria-label="Resume hold on Clean Code"]');
        await page.keyboard.press('Enter');
        await page.locator('#message', { hasText: 'Resumed the hold on Clean Code: waiting, number 1 in the queue.' }).waitFor(UNTIL_SHOWN);
        await page.locator('[data-hold-state="WAITING"]').waitFor(UNTIL_SHOWN);
        expect(await t.library.reservations.get(hold!.reservationId)).toMatchObject({ status: 'WAITING', position: 1, suspendedUntil: null });
        expect(problems).toEqual([]);
      }, 300_000);
    });

    describe('when a waiting hold is suspended with no day given', () => {
      it('should suspend it until resumed', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await scanCard(page, raj.id);
        await page.focus('button[aria-label="Suspend hold on Clean Code"]');
        await page.keyboard.press('Enter');
        await page.locator('#message', { hasText: 'Suspended the hold on Clean Code until resumed.' }).waitFor(UNTIL_SHOWN);
        await page.locator('[data-hold-state="SUSPENDED"]').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#account').innerText()).toMatch(/Clean Code\s+suspended until resumed/);
        expect((await t.library.reservations.activeOf(raj.id))[0]).toMatchObject({ status: 'SUSPENDED', suspendedUntil: null });
      }, 300_000);
    });

    describe('when a librarian waives the fine', () => {
      it("should waive it, where the counter's token is only told a librarian may", async () => {
        const t = await aDesk();
        const counter = await openDesk(t);
        await scanCard(counter.page, priya.id);
        expect(await counter.page.locator('#account').innerText()).toContain('librarian may waive');
        const { page } = await openDesk(t, t.staff.librarian);
        await scanCard(page, priya.id);
        await page.click('button[aria-label^="Waive overdue fine"]');
        await page.locator('#message', { hasText: 'Waived the overdue fine of ₹9.00' }).waitFor(UNTIL_SHOWN);
        expect((await t.library.members.get(priya.id)).fineBalance.amount).toBe(0);
      }, 300_000);
    });
  });

  describe('returns', () => {
    describe('when Priya brings Clean Code back and Raj waits for it', () => {
      it('should send it to the hold shelf for Raj with the fine and a hold slip that prints alone', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await page.keyboard.press('Alt+2');
        expect(await focused(page)).toBe('return-barcode');
        await page.keyboard.type('cleanCode-1');
        await page.keyboard.press('Enter');
        const route = page.locator('#return-result .route');
        await route.waitFor(UNTIL_SHOWN);
        expect(await route.getAttribute('data-route')).toBe('hold');
        expect(await route.innerText()).toMatch(new RegExp(`^Hold shelf for ${raj.id}: print the hold slip\\. Fine assessed: ₹9\\.00 overdue\\.`));
        const hold = page.locator('.slip[data-kind="hold"]');
        expect(await hold.innerText()).toContain(`HOLD FOR ${raj.id}`);
        expect(await page.locator('.slip.fine').innerText()).toContain('₹9.00');
        expect((await t.library.catalog.getCopy('cleanCode-1')).status).toBe('RESERVED');
        expect(await focused(page)).toBe('return-barcode');
        await page.click('#slips-title');
        await page.keyboard.press('Escape');
        expect(await focused(page)).toBe('return-barcode');

        // Printing the hold slip prints it alone: the page, the other slips and the buttons are hidden.
        await page.evaluate('window.print = () => undefined');
        await hold.locator('button.print').click();
        await page.emulateMedia({ media: 'print' });
        expect(await hold.isVisible()).toBe(true);
        expect(await page.locator('.slip[data-kind="return"]').isVisible()).toBe(false);
        expect(await page.locator('main').isVisible()).toBe(false);
        expect(await hold.locator('button.print').isVisible()).toBe(false);
        await page.emulateMedia({ media: 'screen' });
      }, 300_000);
    });

    describe('when a copy nobody waits for comes back', () => {
      it('should send it back to the shelf, naming the branch and rack', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await page.keyboard.press('Alt+2');
        await page.keyboard.type('sedgewick-1');
        await page.keyboard.press('Enter');
        const route = page.locator('#return-result .route');
        await route.waitFor(UNTIL_SHOWN);
        expect(await route.innerText()).toBe('Back to the shelf at main, 4-B.');
      }, 300_000);
    });
    describe('when the copy comes back at main and Meera collects it at East', () => {
      it('should send it in transit to east with a transit slip, list it in transit there, and receive it onto East\'s hold shelf', async () => {
        const t = await aDesk();
        await t.library.branches.register({ id: 'east', name: 'East Branch', holdShelf: 'East desk, shelf 2' });
        await t.library.reservations.reserve({ memberId: MemberFixtures.meera.id, isbn: BookFixtures.sedgewick.isbn, pickupBranch: 'east' });
        const { page, problems } = await openDesk(t);
        await page.keyboard.press('Alt+2');
        await page.keyboard.type('sedgewick-1');
        await page.keyboard.press('Enter');
        const route = page.locator('#return-result .route');
        await route.waitFor(UNTIL_SHOWN);
        expect(await route.getAttribute('data-route')).toBe('transit');
        expect(await route.innerText()).toBe(`In transit to east, to be held there for ${MemberFixtures.meera.id}: print the transit slip.`);
        const slip = page.locator('.slip[data-kind="transit"]');
        expect(await slip.innerText()).toMatch(new RegExp(`^IN TRANSIT TO east[\\s\\S]*sedgewick-1[\\s\\S]*Algorithms[\\s\\S]*To\\s+east[\\s\\S]*Hold for\\s+${MemberFixtures.meera.id}`));

        // At East's desk: the list of copies on their way, then the copy scanned in when the van arrives.
        await page.keyboard.press('Alt+3');
        await page.keyboard.type('east');
        await page.focus('#show-transit');
        await page.keyboard.press('Enter');
        await page.locator('#transit table').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#transit').innerText()).toMatch(/In transit to east \(1\)[\s\S]*Algorithms\s+sedgewick-1\s+main\s+east\s+Receive/);
        await page.focus('#receive-barcode');
        await page.keyboard.type('sedgewick-1');
        await page.keyboard.press('Enter');
        await page.locator('#message', { hasText: `Received sedgewick-1 at east: put it on the hold shelf for ${MemberFixtures.meera.id}` }).waitFor(UNTIL_SHOWN);
        await page.locator('#transit', { hasText: 'In transit to east (0): nothing on the road.' }).waitFor(UNTIL_SHOWN);
        expect(await page.locator('.slip[data-kind="hold"]').innerText()).toContain(`HOLD FOR ${MemberFixtures.meera.id}`);
        expect(await focused(page)).toBe('receive-barcode');
        expect(await t.library.catalog.getCopy('sedgewick-1')).toMatchObject({ status: 'RESERVED', heldFor: MemberFixtures.meera.id, holdShelf: 'east' });

        // East's hold shelf (by the hold's pickup branch) has it; main's has not.
        await page.focus('#shelf-branch');
        await page.keyboard.press('Enter');
        await page.locator('#hold-shelf table').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#hold-shelf').innerText()).toMatch(new RegExp(`Hold shelf of east \\(1, 0 expired\\)[\\s\\S]*Algorithms\\s+sedgewick-1\\s+${MemberFixtures.meera.id}`));
        expect(problems).toEqual([]);
      }, 300_000);
    });

    describe('when a copy in transit to East is scanned in at main', () => {
      it('should refuse it with the reason and leave it in transit', async () => {
        const t = await aDesk();
        await t.library.branches.register({ id: 'east', name: 'East Branch', holdShelf: 'East desk, shelf 2' });
        await t.library.reservations.reserve({ memberId: MemberFixtures.meera.id, isbn: BookFixtures.sedgewick.isbn, pickupBranch: 'east' });
        await t.library.circulation.returnCopy({ barcode: 'sedgewick-1' });
        const { page } = await openDesk(t);
        await page.keyboard.press('Alt+3');
        await page.keyboard.type('main');
        await page.focus('#receive-barcode');
        await page.keyboard.type('sedgewick-1');
        await page.keyboard.press('Enter');
        await page.locator('#message.error').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#message').innerText()).toMatch(/^That copy travels to another branch: send it on\. \(WRONG_BRANCH: /);
        expect(await t.library.catalog.getCopy('sedgewick-1')).toMatchObject({ status: 'IN_TRANSIT', inTransitTo: 'east' });
      }, 300_000);
    });
  });

  describe('lists', () => {
    describe('when a copy waits on the hold shelf and a loan is overdue', () => {
      it("should list the branch's hold shelf with its deadline, and the overdue loans with their days", async () => {
        const t = await aDesk();
        await t.library.circulation.returnCopy({ barcode: 'cleanCode-1' });
        await t.library.circulation.checkOut({ memberId: MemberFixtures.arjun.id, barcode: 'cormen-2' });
        t.clock.advanceDays(11);
        const { page } = await openDesk(t);
        await page.keyboard.press('Alt+3');
        await page.fill('#shelf-branch', 'main');
        await page.press('#shelf-branch', 'Enter');
        await page.locator('#hold-shelf table').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#hold-shelf').innerText()).toMatch(new RegExp(`Clean Code\\s+cleanCode-1\\s+${raj.id}\\s+main · 4-B\\s+.*2026.*\\s+expired: clear it`));
        await page.click('#show-overdue');
        await page.locator('#overdue table').waitFor(UNTIL_SHOWN);
        const overdue = await page.locator('#overdue').innerText();
        expect(overdue).toMatch(/Overdue loans \(2\)/);
        expect(overdue).toMatch(new RegExp(`Algorithms\\s+sedgewick-1\\s+${priya.id}\\s+.*\\s+1 day overdue`));
      }, 300_000);
    });
  });

  describe('the catalogue', () => {
    describe('when staff search for algorithms and narrow by a subject facet', () => {
      it('should show the titles with their availability and place a hold for the member at the desk', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await scanCard(page, MemberFixtures.meera.id);
        await page.keyboard.press('Alt+4');
        expect(await page.inputValue('#hold-member')).toBe(MemberFixtures.meera.id);
        await page.keyboard.type('algorithms');
        await page.keyboard.press('Enter');
        await page.locator('#search-results table').waitFor(UNTIL_SHOWN);
        const results = await page.locator('#search-results').innerText();
        expect(results).toMatch(/Introduction to Algorithms[^\n]*\s+2009\s+2 on the shelf/);
        expect(results).toMatch(/Algorithms\s+Robert Sedgewick, Kevin Wayne\s+2011\s+none on the shelf/);
        await page.click('.facet-group[aria-label="Subject"] button:has-text("computer science")');
        await page.locator('#search-results caption', { hasText: '1 titles' }).waitFor(UNTIL_SHOWN);
        await page.focus('button[aria-label="Place hold on Introduction to Algorithms"]');
        await page.keyboard.press('Enter');
        await page.locator('#message', { hasText: 'Hold placed for M-MEERA' }).waitFor(UNTIL_SHOWN);
        expect((await t.library.reservations.activeOf(MemberFixtures.meera.id)).map((r) => r.isbn)).toEqual([BookFixtures.cormen.isbn]);
      }, 300_000);
    });
  });

  describe('the dashboard', () => {
    describe("when the day's loans, returns and payments are in", () => {
      it('should draw loans and returns per hour today and per day this month with uPlot, beside the overdue, holds and fines figures', async () => {
        const t = await aDesk();
        await t.library.fines.pay({ memberId: priya.id, amount: 900, method: 'cash' });
        t.clock.advanceHours(2);
        await t.library.circulation.checkOut({ memberId: MemberFixtures.arjun.id, barcode: 'cormen-2' });
        const { page, problems } = await openDesk(t);
        await page.keyboard.press('Alt+5');
        await page.locator('#tile-loans').waitFor(UNTIL_SHOWN);
        expect(await page.locator('#tile-loans').innerText()).toMatch(/^2\s+loans today$/);
        expect(await page.locator('#tile-returns').innerText()).toMatch(/^1\s+returns today$/);
        expect(await page.locator('#tile-overdue').innerText()).toMatch(/^1\s+overdue loans$/);
        expect(await page.locator('#tile-waiting').innerText()).toMatch(/^1\s+holds waiting$/);
        expect(await page.locator('#tile-fines-today').innerText()).toMatch(/^₹9\.00\s+fines collected today$/);
        expect(await page.locator('#chart-today .uplot canvas').count()).toBe(1);
        expect(await page.locator('#chart-month .uplot canvas').count()).toBe(1);
        expect(await page.locator('#chart-today .u-title').innerText()).toContain('Today (2026-09-22, UTC)');
        await page.click('#figures summary >> nth=0');
        expect(await page.locator('#figures').innerText()).toMatch(/09:00\s+1\s+1[\s\S]*11:00\s+1\s+0/);
        await screenshot(page, 'counter-dashboard.png');
        expect(problems).toEqual([]);
      }, 300_000);
    });
  });

  describe('accessibility', () => {
    describe('when axe-core checks every view with an account open', () => {
      it('should find no serious or critical violation', async () => {
        const t = await aDesk();
        const { page, problems } = await openDesk(t);
        await scanCard(page, priya.id);
        await page.evaluate(AXE_SOURCE);
        const violations: string[] = [];
        for (const key of ['1', '2', '3', '4', '5']) {
          await page.keyboard.press(`Alt+${key}`);
          if (key === '4') {
            await page.keyboard.type('algorithms');
            await page.keyboard.press('Enter');
            await page.locator('#search-results table').waitFor(UNTIL_SHOWN);
          }
          if (key === '5') await page.locator('#chart-month .uplot').waitFor(UNTIL_SHOWN);
          const found = await page.evaluate<string[]>(
            `axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ' (' + v.nodes.length + ')'))`,
          );
          violations.push(...found.map((v) => `view ${key}: ${v}`));
        }
        expect(violations).toEqual([]);
        expect(problems).toEqual([]);
      }, 300_000);
    });
  });

  describe('on a tablet', () => {
    describe('when the page is 820 pixels wide', () => {
      it('should lay the account out in one column without scrolling sideways', async () => {
        const t = await aDesk();
        const { page } = await openDesk(t);
        await page.setViewportSize(TABLET);
        await scanCard(page, priya.id);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBeLessThanOrEqual(0);
      }, 300_000);
    });
  });
});
