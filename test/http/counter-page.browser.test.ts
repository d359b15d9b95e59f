import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer } from './server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = 'test-artifacts';
const inCi = process.env.CI === 'true';
const found = existsSync(CHROMIUM);
if (!found && !inCi) console.log(`counter page browser test skipped: no Chromium at ${CHROMIUM} (run .ci/install-browser)`);

const { priya, raj } = MemberFixtures;
/**
 * Waits for an element however long a busy machine takes to render it (no timer of its own: playwright's 0 means
 * none), so the test's timeout is the only backstop.
 */
const UNTIL_SHOWN = { timeout: 0 } as const;

// In CI the test always runs, so a missing browser fails it instead of hiding it.
describe.runIf(found || inCi)('the counter page in headless Chromium', () => {
  it('should check a copy out and take it back, printing the loan slip, the fine and the hold slip', async () => {
    expect(existsSync(CHROMIUM), `Chromium is required in CI at ${CHROMIUM}; run .ci/install-browser`).toBe(true);
    const t = await aServer();
    await shelve(t.library, 'cormen', 1);
    await enrol(t.library, 'priya', 'raj');
    const address = await t.server.listen({ port: 0 });
    const profile = mkdtempSync(join(tmpdir(), 'shelfmark-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 720 } });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${address}/counter`);
      await page.fill('#token', t.staff.counter);
      await page.click('#signin-form button');
      await page.locator('#who', { hasText: 'front desk (counter)' }).waitFor(UNTIL_SHOWN);

      // Priya's card, then the copy: a loan slip with the due date.
      await page.fill('#member-card', priya.id);
      await page.dispatchEvent('#member-card', 'change');
      await page.fill('#copy-barcode', 'cormen-1');
      await page.click('#checkout-form button');
      const loanSlip = page.locator('.slip[data-kind="loan"]');
      await loanSlip.waitFor(UNTIL_SHOWN);
      const loanText = await loanSlip.innerText();
      expect(loanText).toMatch(/Introduction to Algorithms[\s\S]*Thu,? 17 Sept? 2026/);
      expect((await t.library.catalog.getCopy('cormen-1')).status).toBe('LOANED');

      // Raj reserves the title; Priya brings the copy back five days late: fine, and a hold slip for Raj.
      await t.library.reservations.reserve({ memberId: raj.id, isbn: BookFixtures.cormen.isbn });
      t.clock.advanceDays(15);
      await page.fill('#return-barcode', 'cormen-1');
      await page.click('#return-form button');
      const holdSlip = page.locator('.slip[data-kind="hold"]');
      await holdSlip.waitFor(UNTIL_SHOWN);
      expect(await holdSlip.innerText()).toContain(`HOLD FOR ${raj.id}`);
      expect(await page.locator('.slip.fine').innerText()).toContain('₹9.00');
      expect((await t.library.catalog.getCopy('cormen-1')).status).toBe('RESERVED');

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'counter-page.png'), fullPage: true });
    } finally {
      await browser.close();
      await t.server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 300_000);
});
