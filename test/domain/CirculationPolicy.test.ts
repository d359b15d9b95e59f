import { describe, expect, it } from 'vitest';
import { LOAN_CATEGORIES } from '../../src/domain/catalog/LoanCategory.js';
import { MATERIAL_TYPES } from '../../src/domain/catalog/MaterialType.js';
import { MEMBER_PLANS, MEMBER_TYPES } from '../../src/domain/members/Member.js';
import { CirculationPolicy, type PolicyDefinition, type PolicyEntry, type RuleContext, type RuleMatch } from '../../src/domain/policy/CirculationPolicy.js';
import { PolicyError } from '../../src/domain/policy/PolicyError.js';
import { POLICY_PRESETS } from '../../src/domain/policy/presets.js';
import { BROOKFIELD_PUBLIC, HILLSIDE_SCHOOL, RIVERTON_CITY } from '../fixtures/rules.js';

const rule = BROOKFIELD_PUBLIC.entries[0]!.rule;
const policyOf = (...matches: readonly [string, RuleMatch][]): CirculationPolicy =>
  new CirculationPolicy({ ...BROOKFIELD_PUBLIC, entries: [{ id: 'default', match: {}, rule }, ...matches.map(([id, match]) => ({ id, match, rule }))] });

/** A public member on the basic plan borrowing a standard copy of a DVD at the main branch, with `facts` changed. */
const borrowing = (facts: Partial<RuleContext> = {}): RuleContext => ({ memberType: 'PUBLIC', plan: 'BASIC', itemType: 'STANDARD', materialType: 'DVD', branch: 'main', ...facts });

const thrown = (definition: PolicyDefinition): unknown => {
  try {
    new CirculationPolicy(definition);
  } catch (error) {
    return error;
  }
  return null;
};
const withEntry = (entry: PolicyEntry): PolicyDefinition => ({ ...BROOKFIELD_PUBLIC, entries: [...BROOKFIELD_PUBLIC.entries, entry] });

/** The entry the weights before material types (branch 8, member type 4, item type 2, plan 1) chose: the oracle for unchanged results. */
function chosenByTheEarlierWeights(entries: readonly PolicyEntry[], context: RuleContext): string | undefined {
  const weights = { branch: 8, memberType: 4, itemType: 2, plan: 1 } as const;
  const fields = Object.keys(weights) as (keyof typeof weights)[];
  const applicable = entries.filter((e) => fields.every((f) => e.match[f] === undefined || e.match[f] === context[f]));
  const specificity = (e: PolicyEntry): number => fields.reduce((sum, f) => sum + (e.match[f] === undefined ? 0 : weights[f]), 0);
  return applicable.reduce<PolicyEntry | undefined>((best, e) => (best === undefined || specificity(e) > specificity(best) ? e : best), undefined)?.id;
}

describe(CirculationPolicy, () => {
  describe('.select', () => {
    describe('when an entry names the material type of the copy’s record', () => {
      it('should choose it over the default, and not for a record of another material type', () => {
        const policy = policyOf(['dvd', { materialType: 'DVD' }]);
        expect(policy.select(borrowing()).rule.entryId).toBe('dvd');
        const map = policy.select(borrowing({ materialType: 'MAP' }));
        expect(map.rule.entryId).toBe('default');
        expect(map.candidates.find((c) => c.entryId === 'dvd')).toMatchObject({ applies: false, mismatches: ['materialType'] });
      });
    });

    describe('when one entry names the copy’s item type and another its material type', () => {
      it('should choose the item type: the copy’s own loan category outranks its record’s material type', () => {
        const policy = policyOf(['dvd', { materialType: 'DVD' }], ['short-loan', { itemType: 'SHORT_LOAN' }]);
        const selection = policy.select(borrowing({ itemType: 'SHORT_LOAN' }));
        expect(selection.candidates.map((c) => [c.entryId, c.applies, c.specificity])).toEqual([
          ['short-loan', true, 4],
          ['dvd', true, 2],
          ['default', true, 0],
        ]);
      });
    });

    describe('when one entry names the member type, another the material type and a third both', () => {
      it('should choose the one naming both, then the member type over the material type', () => {
        const both = policyOf(['dvd', { materialType: 'DVD' }], ['student', { memberType: 'STUDENT' }], ['student-dvd', { memberType: 'STUDENT', materialType: 'DVD' }]);
        expect(both.select(borrowing({ memberType: 'STUDENT' })).rule.entryId).toBe('student-dvd');
        const apart = policyOf(['dvd', { materialType: 'DVD' }], ['student', { memberType: 'STUDENT' }]);
        expect(apart.select(borrowing({ memberType: 'STUDENT' })).rule.entryId).toBe('student');
        expect(apart.select(borrowing({ memberType: 'FACULTY' })).rule.entryId).toBe('dvd');
      });
    });

    describe('when one entry names the branch and another the material type', () => {
      it('should choose the branch', () => {
        const policy = policyOf(['dvd', { materialType: 'DVD' }], ['annex', { branch: 'annex' }]);
        expect(policy.select(borrowing({ branch: 'annex' })).rule.entryId).toBe('annex');
        expect(policy.select(borrowing({ branch: 'main' })).rule.entryId).toBe('dvd');
      });
    });

    describe('when one entry names the plan and another the material type', () => {
      it('should choose the material type', () => {
        const policy = policyOf(['premium', { plan: 'PREMIUM' }], ['dvd', { materialType: 'DVD' }]);
        expect(policy.select(borrowing({ plan: 'PREMIUM' })).rule.entryId).toBe('dvd');
      });
    });

    describe('when there is no copy (a member alone)', () => {
      it('should not apply an entry that names a material type', () => {
        const policy = policyOf(['dvd', { materialType: 'DVD' }]);
        expect(policy.ruleFor({ type: 'PUBLIC', plan: 'BASIC' }).entryId).toBe('default');
        expect(policy.ruleFor({ type: 'PUBLIC', plan: 'BASIC' }, { loanCategory: 'STANDARD', branch: 'main', materialType: 'DVD' }).entryId).toBe('dvd');
      });
    });

    describe.each([...Object.entries(POLICY_PRESETS), ['hillside-school', HILLSIDE_SCHOOL], ['riverton-city', RIVERTON_CITY]] as const)(
      'when a policy names no material type (%s)',
      (_name, definition) => {
        it('should choose, for every member and copy, the entry the weights before material types chose', () => {
          const policy = new CirculationPolicy(definition);
          const branches = [undefined, 'main', ...definition.entries.flatMap((e) => (e.match.branch === undefined ? [] : [e.match.branch]))];
          const contexts = MEMBER_TYPES.flatMap((memberType) =>
            MEMBER_PLANS.flatMap((plan) =>
              [undefined, ...LOAN_CATEGORIES].flatMap((itemType) =>
                branches.map((branch): RuleContext => ({ memberType, plan, ...(itemType === undefined ? {} : { itemType }), ...(branch === undefined ? {} : { branch }) })),
              ),
            ),
          );
          for (const context of contexts) expect(policy.select(context).rule.entryId).toBe(chosenByTheEarlierWeights(definition.entries, context));
        });
      },
    );
  });

  describe('.matchesOn', () => {
    describe('when an entry names a material type', () => {
      it('should say the policy matches on material type', () => {
        expect(new CirculationPolicy(BROOKFIELD_PUBLIC).matchesOn('materialType')).toBe(true);
      });
    });

    describe.each(Object.entries(POLICY_PRESETS))('when no entry names one (%s)', (_name, definition) => {
      it('should say it does not, so no record is read to choose a rule', () => {
        expect(new CirculationPolicy(definition).matchesOn('materialType')).toBe(false);
      });
    });
  });

  describe('constructor', () => {
    describe('when an entry names each material type in turn', () => {
      it('should accept every one of MATERIAL_TYPES', () => {
        for (const materialType of MATERIAL_TYPES) expect(thrown(withEntry({ id: 'format', match: { materialType }, rule }))).toBeNull();
      });
    });

    describe.each([
      ['material type', { materialType: 'VINYL' }, /entry odd has an unknown match\.materialType "VINYL" \(one of BOOK, LARGE_PRINT, .+, OTHER\)$/],
      ['item type', { itemType: 'DVD' }, /entry odd has an unknown match\.itemType "DVD" \(one of STANDARD, SHORT_LOAN, REFERENCE, MEDIA\)$/],
      ['member type', { memberType: 'ALUMNI' }, /entry odd has an unknown match\.memberType "ALUMNI" \(one of STUDENT, FACULTY, PUBLIC\)$/],
      ['field', { format: 'DVD' }, /entry odd matches on an unknown field "format" \(one of branch, memberType, itemType, materialType, plan\)$/],
    ])('when an entry names an unknown %s', (_what, match, message) => {
      it('should refuse the policy with INVALID_POLICY, naming the entry, the field and the names it may take', () => {
        const error = thrown(withEntry({ id: 'odd', match: match as RuleMatch, rule }));
        expect(PolicyError.is(error)).toBe(true);
        expect(error).toMatchObject({ code: 'INVALID_POLICY', message: expect.stringMatching(message) as unknown });
      });
    });

    describe('when the only entry without a member type or plan names a material type', () => {
      it('should refuse the policy: a member without a copy would have no rule', () => {
        const error = thrown({ ...BROOKFIELD_PUBLIC, entries: [{ id: 'dvd', match: { materialType: 'DVD' }, rule }] });
        expect(error).toMatchObject({ code: 'INVALID_POLICY', message: 'policy brookfield-public: needs a default entry or one per member type' });
      });
    });
  });
});
