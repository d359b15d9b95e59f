import { describe, expect, it } from 'vitest';
import { PROCESS_COMPILERS } from '../../src/interfaces/http/processCompilers.js';

type Compile = (route: { schema: unknown; httpPart?: string; httpStatus?: string; method: string; url: string }) => (value: unknown) => unknown;
const validatorFor = (): Compile => (PROCESS_COMPILERS.buildValidator as unknown as (e: unknown, o: unknown) => Compile)({}, { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } });
const serializerFor = (): Compile => (PROCESS_COMPILERS.buildSerializer as unknown as (e: unknown, o: unknown) => Compile)({}, undefined);
const BODY = { type: 'object', required: ['barcode'], properties: { barcode: { type: 'string', minLength: 1 } }, additionalProperties: false };
const REPLY = { type: 'object', properties: { barcode: { type: 'string' } } };

describe('PROCESS_COMPILERS', () => {
  describe('when a second server asks for a schema the first compiled', () => {
    it('should hand it the same compiled validator and serializer, which check and write as before', () => {
      const route = { schema: BODY, httpPart: 'body', method: 'POST', url: '/api/returns' };
      const first = validatorFor()(route);
      const second = validatorFor()({ ...route, schema: structuredClone(BODY) });
      expect(second).toBe(first);
      expect([second({ barcode: 'cormen-1' }), second({ barcode: '' }), second({ barcode: 'x', extra: 1 })]).toEqual([true, false, false]);
      const write = serializerFor()({ schema: REPLY, httpStatus: '200', method: 'POST', url: '/api/returns' });
      expect(serializerFor()({ schema: structuredClone(REPLY), httpStatus: '200', method: 'POST', url: '/api/returns' })).toBe(write);
      expect(write({ barcode: 'cormen-1', secret: 'not in the schema' })).toBe('{"barcode":"cormen-1"}');
    });
  });

  describe('when the schema differs, or the reply status it describes does', () => {
    it('should compile it anew', () => {
      const route = { schema: BODY, httpPart: 'body', method: 'POST', url: '/api/returns' };
      expect(validatorFor()({ ...route, schema: { ...BODY, required: [] } })).not.toBe(validatorFor()(route));
      const reply = { schema: REPLY, method: 'POST', url: '/api/returns' };
      expect(serializerFor()({ ...reply, httpStatus: '201' })).not.toBe(serializerFor()({ ...reply, httpStatus: '200' }));
    });
  });

  describe('when a route declares a header schema', () => {
    const headers = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', minLength: 8 } } });
    it('should check headers named in lower case, as requests carry them', () => {
      const check = validatorFor()({ schema: headers('idempotency-key'), httpPart: 'headers', method: 'POST', url: '/api/checkouts' });
      expect([check({ 'idempotency-key': 'scan-0001' }), check({ 'idempotency-key': 'short' })]).toEqual([true, false]);
    });

    it('should refuse a header named in capitals, which fastify would not lower-case for a compiler of its own', () => {
      expect(() => validatorFor()({ schema: headers('Idempotency-Key'), httpPart: 'headers', method: 'POST', url: '/api/checkouts' })).toThrow(/lower case: Idempotency-Key/);
    });
  });
});
