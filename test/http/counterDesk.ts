import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, type TestServer } from './server.js';

/** Debian's Chromium, which .ci/install-browser installs; CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Screenshots of every run (gitignored); the ones the docs show are copied into docs/images. */
const ARTIFACTS = 'test-artifacts';
const DOC_IMAGES = join('docs', 'images');
export const DESK = { width: 1280, height: 800 } as const;
export const TABLET = { width: 820, height: 1180 } as const;
/**
 * Waits for an element however long a busy machine takes to render it (no timer of its own: playwright's 0 means
 * none), so the test's timeout is the only backstop.
 */
export const UNTIL_SHOWN = { timeout: 0 } as const;

const { priya, raj } = MemberFixtures;

/**
 * Monday 7 September: Priya borrows cormen-1 and cleanCode-1. A fortnight and a day later (22 September) she brings
 * cormen-1 back five days late (a ₹9.00 fine), borrows sedgewick-1, and Raj reserves Clean Code, which she still has
 * (five days overdue). Meera and Arjun have clean accounts.
 */
export async function aDesk(): Promise<TestServer> {
  const t = await aServer();
  await shelve(t.library, 'cormen', 2);
  await shelve(t.library, 'sedgewick', 1);
  await shelve(t.library, 'cleanCode', 1);
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun');
  await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
  await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'cleanCode-1' });
  t.clock.advanceDays(15);
  await t.library.circulation.returnCopy({ barcode: 'cormen-1' });
  await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'sedgewick-1' });
  await t.library.reservations.reserve({ memberId: raj.id, isbn: BookFixtures.cleanCode.isbn });
  return t;
}

/** One headless Chromium for a test file, and the servers its pages talk to. */
export class DeskBrowser {
  /** Every server a test started, with the address it listens on. */
  private readonly servers = new Map<TestServer, string>();

  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async launch(): Promise<DeskBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'shelfmark-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: DESK });
    mkdirSync(ARTIFACTS, { recursive: true });
    return new DeskBrowser(context, profile);
  }

  /**
   * A page on a listening server, signed in with the token. `problems` keeps every CSP violation, script error and
   * page resource that failed to load (API refusals are answers the page shows, and the browser's favicon probe is not
   * the page's).
   */
  async open(t: TestServer, token = t.staff.counter): Promise<{ page: Page; problems: string[] }> {
    const address = this.servers.get(t) ?? (await t.server.listen({ port: 0 }));
    this.servers.set(t, address);
    const page = await this.context.newPage();
    await page.setViewportSize(DESK);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() >= 400 && !path.startsWith('/api/') && path !== '/favicon.ico') problems.push(`${String(r.status())} ${path}`);
    });
    await page.goto(`${address}/counter`);
    await page.fill('#token', token);
    await page.press('#token', 'Enter');
    await page.locator('#who', { hasText: /^Signed in: / }).waitFor(UNTIL_SHOWN);
    return { page, problems };
  }

  async close(): Promise<void> {
    await this.context.close();
    for (const t of this.servers.keys()) await t.server.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** The id of the element with the focus (page scripts run as text: the test's types have no DOM). */
export const focused = (page: Page): Promise<string> => page.evaluate<string>("document.activeElement?.id ?? ''");

/** Scans a member card (types it and presses Enter, as a scanner does) and waits for the account. */
export async function scanCard(page: Page, card: string): Promise<void> {
  await page.fill('#member-card', card);
  await page.press('#member-card', 'Enter');
  await page.locator('#account-title').waitFor(UNTIL_SHOWN);
}

/** Saves a full-page screenshot as a test artefact and as the docs' image of the same name. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  copyFileSync(join(ARTIFACTS, name), join(DOC_IMAGES, name));
}

/** Whether the browser is there; in CI the tests run regardless, so a missing browser fails them. */
export const browserFound = existsSync(CHROMIUM);
