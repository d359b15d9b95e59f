import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldOf } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { ShelfmarkProcess, shelfmarkRun } from '../e2e/processes.js';
import { Kiosk, KIOSK_DATE, message } from './kiosk.js';

/** Every step waits for an event (a line, an answer, an exit); this bounds the whole story only if one never comes. */
const STORY = { timeout: 120_000 };

describe('shelfmark sip2 (as processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-sip2-'));
  const clock = join(dir, 'now');
  writeFileSync(clock, '2026-09-07T09:00:00.000Z');
  const running: ShelfmarkProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
  });

  describe('--demo', () => {
    it('should serve the seeded demo: kiosk/kiosk signs in, P-1001 with PIN 1234 borrows C-1, C-3 is on loan', STORY, async () => {
      const demo = new ShelfmarkProcess(clock, ['sip2', '--demo', '--port', '0']);
      running.push(demo);
      const [, port = ''] = await demo.line(/demo on 127\.0\.0\.1:(\d+)/);
      const kiosk = await Kiosk.connect(Number(port), { errorDetection: true });
      expect((await kiosk.login('kiosk', 'kiosk')).fixed.ok).toBe('1');
      const lent = await kiosk.send(message('11', { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: ' '.repeat(18) }, [['AO', 'x'], ['AA', 'P-1001'], ['AB', 'C-1'], ['AD', '1234']]));
      expect(lent.fixed.ok).toBe('1');
      const out = await kiosk.send(message('17', { transactionDate: KIOSK_DATE }, [['AB', 'C-3']]));
      expect(out.fixed.circulationStatus).toBe('04');
      await kiosk.close();
      expect(await demo.stop()).toBe(0);
    });
  });

  describe('account add, then serving the store', () => {
    it('should sign in with the login added to the store, and refuse what it may not send', STORY, async () => {
      const data = join(dir, 'data');
      const passwordFile = join(dir, 'sorter.password');
      writeFileSync(passwordFile, 'bin-secret\n');
      const added = await shelfmarkRun(clock, ['sip2', 'account', 'add', 'sorter', '--location', 'main', '--password-file', passwordFile, '--messages', '09,17', '--pglite', data]);
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('SIP2 login sorter at main, may send 09,17');
      const listed = await shelfmarkRun(clock, ['sip2', 'account', 'list', '--pglite', data]);
      expect(listed.stdout).toBe('sorter\tmain\t09,17\n');

      const sip2 = new ShelfmarkProcess(clock, ['sip2', '--pglite', data, '--port', '0']);
      running.push(sip2);
      const [, port = ''] = await sip2.line(/serving sip2:\/\/127\.0\.0\.1:(\d+)/);
      const kiosk = await Kiosk.connect(Number(port));
      expect((await kiosk.login('sorter', 'bin-secret')).fixed.ok).toBe('1');
      const refused = await kiosk.send(message('11', { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: ' '.repeat(18) }, [['AA', 'P-1'], ['AB', 'C-1']]));
      expect(fieldOf(refused, 'AF')).toMatch(/^MESSAGE_NOT_ALLOWED: /);
      await kiosk.close();
      expect(await sip2.stop()).toBe(0);
    });
  });
});
