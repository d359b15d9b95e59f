import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../src/Library.js';
import { FixedClock } from '../src/infrastructure/system/FixedClock.js';
import { PolicyError } from '../src/domain/policy/PolicyError.js';
import { MONDAY_MORNING } from './fixtures/library.js';

describe('Library', () => {
  afterEach(async () => {
    await Library.getInstance().close();
  });

  describe('.getInstance', () => {
    it('should return the same process-wide library every time', () => {
      expect(Library.getInstance()).toBe(Library.getInstance());
    });
  });

  describe('.configure', () => {
    it('should configure the process-wide library once, then refuse', () => {
      const clock = new FixedClock(MONDAY_MORNING);
      const configured = Library.configure({ clock, policy: 'city' });
      expect(Library.getInstance()).toBe(configured);
      expect(configured.policy.definition.name).toBe('city');
      expect(() => Library.configure({ policy: 'college' })).toThrow(/already configured/);
    });
  });

  describe('.create', () => {
    it('should make isolated libraries that share no state', async () => {
      const a = Library.create({ clock: new FixedClock(MONDAY_MORNING) });
      const b = Library.create({ clock: new FixedClock(MONDAY_MORNING) });
      await a.members.register({ id: 'M-1', name: 'Only in A' });
      expect(await a.members.find('M-1')).not.toBeNull();
      expect(await b.members.find('M-1')).toBeNull();
    });

    it('should reject an unknown policy preset with UNKNOWN_PRESET', () => {
      expect(() => Library.create({ policy: 'moon-base' as 'city' })).toThrow(PolicyError);
    });
  });
});
