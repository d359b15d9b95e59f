import { describe, expect, it } from 'vitest';
import { secretWeakness } from '../../../src/application/auth/secretStrength.js';

describe('secretWeakness', () => {
  describe('when the secret is 32 or more random characters', () => {
    it.each([
      ['32 base64url characters', 'Xq3vT9mB2kLp7RwZc4Nd8HfJ6sYa1Ue5'],
      ['43 base64url characters (32 random bytes)', 'q9Z-1vYbKc0_TnHf4R7wLm2XaP8sDj6eGu3BiQoNtVk'],
      ['48 hex digits', '9f2c4e7a1b3d5f608e2a4c6b8d0f1e3a5c7b9d2f4a6c8e0b'],
    ])('should accept %s', (_what, secret) => {
      expect(secretWeakness(secret)).toBeNull();
    });
  });

  describe('when the secret is weak', () => {
    it.each([
      ['shorter than 32 characters', 'Xq3vT9mB2kLp7RwZ', 'its secret is 16 characters; use at least 32 random characters'],
      ['one character over and over', 'z'.repeat(64), 'its secret repeats a 1-character pattern; use random characters'],
      ['a word over and over', 'hunter2-'.repeat(5), 'its secret repeats a 8-character pattern; use random characters'],
      ['32 hex digits (at most 128 bits, estimated lower)', '9f2c4e7a1b3d5f608e2a4c6b8d0f1e3a', 'its secret carries about 125 bits of entropy; it needs 128 (use random characters)'],
    ])('should give the reason when it is %s', (_what, secret, reason) => {
      expect(secretWeakness(secret)).toBe(reason);
    });
  });
});
