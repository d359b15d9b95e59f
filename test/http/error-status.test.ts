import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, outcomeOf } from '../../src/interfaces/http/errors/errorStatus.js';
import { HTTP_ERROR_CODES } from '../../src/interfaces/http/errors/HttpError.js';
import { LendingError } from '../../src/domain/lending/LendingError.js';
import { ERROR_CODES_BY_AREA } from '../../src/errors.js';

/** Every code any area declares at run time, plus the edge's own. */
function declaredErrorCodes(): string[] {
  return [...Object.values(ERROR_CODES_BY_AREA).flat(), ...HTTP_ERROR_CODES];
}

describe('ERROR_STATUS', () => {
  const declared = declaredErrorCodes();

  it('should find the code unions of every area in the sources', () => {
    expect(declared).toEqual(expect.arrayContaining(['BOOK_NOT_FOUND', 'ILLEGAL_TRANSITION', 'CONCURRENT_MODIFICATION', 'INVALID_INPUT', 'UNAUTHENTICATED']));
  });

  it.each(declared)('should map %s to an HTTP status', (code) => {
    expect(ERROR_STATUS).toHaveProperty(code);
  });

  it('should map nothing that no area declares', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...new Set(declared)].sort());
  });

  describe('when a code names an unknown thing', () => {
    it('should answer 404', () => {
      for (const code of declared.filter((c) => c.endsWith('_NOT_FOUND'))) expect([code, ERROR_STATUS[code as keyof typeof ERROR_STATUS]]).toEqual([code, 404]);
    });
  });

  describe('when a code names a duplicate, a lost race or an illegal transition', () => {
    it('should answer 409', () => {
      const conflicts = [...declared.filter((c) => c.endsWith('_ALREADY_EXISTS')), 'COPY_NOT_AVAILABLE', 'COPY_HELD_FOR_ANOTHER_MEMBER', 'ILLEGAL_TRANSITION', 'CONCURRENT_MODIFICATION'];
      for (const code of conflicts) expect([code, ERROR_STATUS[code as keyof typeof ERROR_STATUS]]).toEqual([code, 409]);
    });
  });

  describe('when a lending rule refuses', () => {
    it('should answer 422', () => {
      const refusals = [...declared.filter((c) => c.startsWith('RENEWAL_')), 'LOAN_LIMIT_REACHED', 'FINES_OVER_THRESHOLD', 'MEMBER_BLOCKED'];
      for (const code of refusals) expect([code, ERROR_STATUS[code as keyof typeof ERROR_STATUS]]).toEqual([code, 422]);
    });
  });

  describe('when the input can never be valid', () => {
    it('should answer 400', () => {
      expect([ERROR_STATUS.INVALID_INPUT, ERROR_STATUS.INVALID_ISBN]).toEqual([400, 400]);
    });
  });
});

describe(outcomeOf, () => {
  describe('when given an engine error', () => {
    it('should give its status and a { code, message } body', () => {
      expect(outcomeOf(new LendingError('LOAN_LIMIT_REACHED', 'member M-1 already has 5 of 5 loans'))).toEqual({
        status: 422,
        body: { code: 'LOAN_LIMIT_REACHED', message: 'member M-1 already has 5 of 5 loans' },
      });
    });
  });

  describe('when given anything else', () => {
    it('should give null', () => {
      expect(outcomeOf(new Error('boom'))).toBeNull();
    });
  });
});
