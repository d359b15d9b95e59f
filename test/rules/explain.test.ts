import { describe, expect, it } from 'vitest';
import { MemberFixtures } from '../fixtures/members.js';
import { RIVERTON_CITY } from '../fixtures/rules.js';
import { aRulesLibrary, shelveAt } from './support.js';

const { arjun, dana } = MemberFixtures;
/** Monday 7 September 2026, 10:00 in New York. */
const CITY_MONDAY = '2026-09-07T14:00:00.000Z';

describe('RuleExplainer', () => {
  describe('.explain', () => {
    describe('when a blocked member asks about a copy someone else has out', () => {
      it('should list every refusal checkOut would meet, in its order, and say which staff may override', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: dana.id, barcode });
        await library.blocks.place({ memberId: arjun.id, actions: ['borrow'], message: 'Address to confirm', placedBy: 'staff-1' });

        const explanation = await library.explain({ memberId: arjun.id, barcode });

        expect(explanation.refusals.map((r) => [r.code, r.overridable])).toEqual([
          ['MEMBER_BLOCKED', true],
          ['COPY_NOT_AVAILABLE', false],
        ]);
        expect(explanation.blocks.map((b) => b.code)).toEqual(['MEMBER_BLOCKED']);
        expect(explanation.text.split('\n').at(-1)).toBe(
          `Checkout: refused: member ${arjun.id} is blocked and cannot borrow: Address to confirm (MEMBER_BLOCKED, staff may override); ` +
            `copy ${barcode} is LOANED (COPY_NOT_AVAILABLE).`,
        );
        await expect(library.circulation.checkOut({ memberId: arjun.id, barcode })).rejects.toMatchObject({ code: explanation.refusals[0]?.code });
      });
    });

    describe('when no entry of the policy names a material type', () => {
      it('should choose the rule without the record’s material type: it is not read', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        const explanation = await library.explain({ memberId: arjun.id, barcode });
        expect(explanation.context).toEqual({ memberType: 'PUBLIC', plan: 'BASIC', itemType: 'STANDARD', branch: 'downtown' });
        expect(explanation.limits).toMatchObject({ loanLimitItemType: null, loanLimitMaterialType: null, memberWide: null });
      });
    });

    describe('when nothing stands in the way', () => {
      it('should list no refusal and say the checkout is allowed', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        const explanation = await library.explain({ memberId: arjun.id, barcode });
        expect(explanation.refusals).toEqual([]);
        expect(explanation.text.split('\n').at(-1)).toBe('Checkout: allowed.');
      });
    });
  });
});
