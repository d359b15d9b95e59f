import { afterEach, describe, expect, it } from 'vitest';
import { MemberPins } from '../../src/application/auth/MemberPins.js';
import { SecretHasher } from '../../src/application/auth/SecretHasher.js';
import { fieldOf } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { SIP2_DEMO } from '../../src/interfaces/sip2/demo.js';
import { TEST_SCRYPT } from '../http/server.js';
import { aKioskWorld, KIOSK_DATE, message, type KioskWorld } from './kiosk.js';

const KIOSKS = 16;
const LAST_COPY = SIP2_DEMO.onShelf[0];

describe('many kiosks checking out the last copy at once', () => {
  let world: KioskWorld;
  afterEach(() => world.close());

  it('should lend it to exactly one member and refuse every other with COPY_NOT_AVAILABLE', async () => {
    world = await aKioskWorld({ maxConnectionsPerAccount: KIOSKS });
    const pins = new MemberPins(world.library.credentials, new SecretHasher(TEST_SCRYPT), world.library.members, world.clock);
    const members = Array.from({ length: KIOSKS }, (_, i) => `P-${String(5000 + i)}`);
    for (const id of members) {
      await world.library.members.register({ id, name: `Member ${id}` });
      await pins.setPin(id, '4321');
    }
    const kiosks = await Promise.all(members.map(() => world.signedIn()));
    const answers = await Promise.all(
      kiosks.map((kiosk, i) =>
        kiosk.send(
          message('11', { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: KIOSK_DATE, nbDueDate: ' '.repeat(18) }, [
            ['AO', 'shelfmark'],
            ['AA', members[i] ?? ''],
            ['AB', LAST_COPY],
            ['AD', '4321'],
          ]),
        ),
      ),
    );
    const winners = answers.filter((a) => a.fixed.ok === '1');
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.fixed.ok === '0').map((a) => fieldOf(a, 'AF')?.split(':')[0])).toEqual(Array(KIOSKS - 1).fill('COPY_NOT_AVAILABLE'));
    expect((await world.library.catalog.getCopy(LAST_COPY)).borrowerId).toBe(fieldOf(winners[0]!, 'AA'));
  });
});
