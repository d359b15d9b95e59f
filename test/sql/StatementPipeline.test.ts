import { describe, expect, it } from 'vitest';
import type { SqlResult, SqlRow, SqlSession } from '../../src/infrastructure/sql/SqlDriver.js';
import { StatementPipeline } from '../../src/infrastructure/sql/StatementPipeline.js';

/** A session that writes down every statement it is sent and answers each with the rows its text is given here. */
class ScriptedSession implements SqlSession {
  readonly sent: { readonly text: string; readonly params: readonly unknown[] }[] = [];

  constructor(private readonly answers: (text: string) => SqlRow[]) {}

  query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    this.sent.push({ text, params });
    const rows = this.answers(text) as R[];
    return Promise.resolve({ rows, rowCount: rows.length });
  }

  script(): Promise<void> {
    return Promise.resolve();
  }

  release(): void {}
}

const ACTIVE = 'SELECT * FROM reservations WHERE isbn = $1 ORDER BY sequence';
const WAITING = [
  { id: 'res-1', isbn: '9780262033848', sequence: 1 },
  { id: 'res-2', isbn: '9780262033848', sequence: 2 },
];

describe('StatementPipeline', () => {
  describe('.read', () => {
    describe('when a read goes alone', () => {
      it('should send its own text and answer with the rows as they come', async () => {
        const session = new ScriptedSession(() => WAITING);
        const result = await new StatementPipeline(session).read(ACTIVE, ['9780262033848']);
        expect(session.sent).toEqual([{ text: ACTIVE, params: ['9780262033848'] }]);
        expect(result).toEqual({ rows: WAITING, rowCount: 2 });
      });
    });

    describe('when a read asked as JSON goes alone', () => {
      it('should send it as one json_agg column and answer with the same rows, in their order', async () => {
        // The server answers one row whose r0 is the JSON array (pg hands a json column over as a string or parsed).
        const session = new ScriptedSession((text) => (text.includes('json_agg') ? [{ r0: JSON.stringify(WAITING) }] : []));
        const result = await new StatementPipeline(session).read(ACTIVE, ['9780262033848'], true);
        expect(session.sent).toEqual([{ text: `SELECT (SELECT coalesce(json_agg(r), '[]'::json) FROM (${ACTIVE}) r) AS r0`, params: ['9780262033848'] }]);
        expect(result).toEqual({ rows: WAITING, rowCount: 2 });
      });

      it('should answer no rows with an empty list', async () => {
        const session = new ScriptedSession(() => [{ r0: [] }]);
        const result = await new StatementPipeline(session).read(ACTIVE, ['9780000000002'], true);
        expect(result).toEqual({ rows: [], rowCount: 0 });
      });
    });
  });
});
