import { describe, expect, it } from 'vitest';
import { ReadBatch } from '../../src/infrastructure/sql/ReadBatch.js';
import { WriteBatch } from '../../src/infrastructure/sql/WriteBatch.js';

const copyUpdate = { row: 'book_items:cormen-1', text: 'UPDATE book_items SET version = version + 1, status = $3 WHERE barcode = $1 AND version = $2', params: ['cormen-1', 4, 'LOANED'], expectsRowOf: 'book_items' };
const loanInsert = { row: 'loans:L1', text: 'INSERT INTO loans (id, version, barcode) VALUES ($1, 1, $2)', params: ['L1', 'cormen-1'] };
const BOOKS_MANY = 'INSERT INTO books (record_id, version, title) SELECT record_id, 1, title FROM json_populate_recordset(NULL::books, $1::json)';
const BOOKS_UPDATE_MANY = 'UPDATE books t SET version = t.version + 1, title = d.title FROM json_populate_recordset(NULL::books, $1::json) d WHERE t.record_id = d.record_id AND t.version = d.version';
const bookInsert = (id: string) => ({
  row: `books:${id}`,
  text: 'INSERT INTO books (record_id, version, title) VALUES ($1, 1, $2)',
  params: [id, `Title ${id}`],
  shared: { many: BOOKS_MANY, fields: () => `{"record_id":"${id}","title":"Title ${id}"}` },
});
const audit = (id: string, action: string) => ({ row: `audit:${id}`, append: { table: 'audit', columns: ['id', 'action'], values: [id, action] } });

describe('WriteBatch', () => {
  describe('.take', () => {
    describe('when the batch holds nothing', () => {
      it('should give nothing to send', () => {
        expect(new WriteBatch().take()).toBeNull();
      });
    });

    describe('when it holds one optimistic update', () => {
      it('should send it alone, made to raise when no row is at the expected version', () => {
        const batch = new WriteBatch();
        batch.add(copyUpdate);
        expect(batch.take()).toEqual({
          text: `WITH changed AS (${copyUpdate.text} RETURNING 1) SELECT expect_one_row(count(*), 'book_items ' || $1::text) FROM changed`,
          params: ['cormen-1', 4, 'LOANED'],
        });
      });
    });

    describe('when it holds an update, an insert and two appends to the audit log', () => {
      it('should send one statement: a WITH clause each, parameters shifted, the appends as one INSERT of a JSON array in order, versions checked', () => {
        const batch = new WriteBatch();
        batch.add(copyUpdate);
        batch.add(loanInsert);
        batch.add(audit('A1', 'copy.checked-out'));
        batch.add(audit('A2', 'loan.opened'));
        const statement = batch.take();
        expect(statement?.text).toBe(
          'WITH w0 AS (UPDATE book_items SET version = version + 1, status = $3 WHERE barcode = $1 AND version = $2 RETURNING 1), ' +
            'w1 AS (INSERT INTO loans (id, version, barcode) VALUES ($4, 1, $5)), ' +
            'w2 AS (INSERT INTO audit (id, action) SELECT id, action FROM json_populate_recordset(NULL::audit, $6::json) WITH ORDINALITY AS appended ORDER BY appended.ordinality) ' +
            "SELECT expect_one_row((SELECT count(*) FROM w0), 'book_items ' || $1::text)",
        );
        expect(statement?.params).toEqual(['cormen-1', 4, 'LOANED', 'L1', 'cormen-1', '[{"id":"A1","action":"copy.checked-out"},{"id":"A2","action":"loan.opened"}]']);
      });

      it('should be empty again afterwards', () => {
        const batch = new WriteBatch();
        batch.add(loanInsert);
        batch.take();
        expect([batch.isEmpty, batch.holds('loans:L1'), batch.take()]).toEqual([true, false, null]);
      });
    });

    describe('when it holds two new rows of a table whose rows share a statement', () => {
      it('should send one INSERT of both, read from a JSON array of their fields', () => {
        const batch = new WriteBatch();
        batch.add(bookInsert('b1'));
        batch.add(bookInsert('b2'));
        expect(batch.take()).toEqual({ text: BOOKS_MANY, params: ['[{"record_id":"b1","title":"Title b1"},{"record_id":"b2","title":"Title b2"}]'] });
      });
    });

    describe('when it holds one such row', () => {
      it('should send that row by its own INSERT', () => {
        const batch = new WriteBatch();
        batch.add(bookInsert('b1'));
        expect(batch.take()).toEqual({ text: 'INSERT INTO books (record_id, version, title) VALUES ($1, 1, $2)', params: ['b1', 'Title b1'] });
      });
    });

    describe('when it holds two optimistic updates that share a statement, beside another write', () => {
      it('should check that the UPDATE changed as many rows as its JSON array holds', () => {
        const update = (id: string) => ({
          row: `books:${id}`,
          text: 'UPDATE books SET version = version + 1, title = $3 WHERE record_id = $1 AND version = $2',
          params: [id, 2, 'New'],
          expectsRowOf: 'books',
          shared: { many: BOOKS_UPDATE_MANY, fields: () => `{"record_id":"${id}","version":2,"title":"New"}` },
        });
        const batch = new WriteBatch();
        batch.add(loanInsert);
        batch.add(update('b1'));
        batch.add(update('b2'));
        expect(batch.take()).toEqual({
          text:
            'WITH w0 AS (INSERT INTO loans (id, version, barcode) VALUES ($1, 1, $2)), ' +
            `w1 AS (${BOOKS_UPDATE_MANY.replace('$1', '$3')} RETURNING 1) ` +
            "SELECT expect_rows((SELECT count(*) FROM w1), json_array_length($3::json), 'books')",
          params: ['L1', 'cormen-1', '[{"record_id":"b1","version":2,"title":"New"},{"record_id":"b2","version":2,"title":"New"}]'],
        });
      });
    });

    describe('when a second write of a row it holds is added', () => {
      it('should refuse it, since one statement may change a row only once', () => {
        const batch = new WriteBatch();
        batch.add(copyUpdate);
        expect(batch.holds('book_items:cormen-1')).toBe(true);
        expect(() => {
          batch.add(copyUpdate);
        }).toThrow(/holds book_items:cormen-1 already/);
      });
    });
  });
});

describe('ReadBatch', () => {
  const member = { text: 'SELECT * FROM members WHERE id = $1', params: ['priya'] };
  const copy = { text: 'SELECT * FROM book_items WHERE barcode = $1', params: ['cormen-1'] };
  const queue = { text: 'SELECT * FROM reservation_queues WHERE isbn = $1 FOR UPDATE', params: ['9780262033848'] };

  describe('.groups', () => {
    describe('when a lock comes between plain reads', () => {
      it('should end a group at the lock, so the reads after it start a statement of their own', () => {
        expect(ReadBatch.groups([member, copy, queue, member])).toEqual([[member, copy, queue], [member]]);
      });
    });
  });

  describe('.combine and .answer', () => {
    describe('when two reads share a statement', () => {
      it('should select each as a json_agg column with shifted parameters, and give each its own rows back', () => {
        expect(ReadBatch.combine([member, copy])).toEqual({
          text:
            "SELECT (SELECT coalesce(json_agg(r), '[]'::json) FROM (SELECT * FROM members WHERE id = $1) r) AS r0, " +
            "(SELECT coalesce(json_agg(r), '[]'::json) FROM (SELECT * FROM book_items WHERE barcode = $2) r) AS r1",
          params: ['priya', 'cormen-1'],
        });
        const row = { r0: [{ id: 'priya' }], r1: '[]' };
        expect([ReadBatch.answer(row, 0), ReadBatch.answer(row, 1)]).toEqual([
          { rows: [{ id: 'priya' }], rowCount: 1 },
          { rows: [], rowCount: 0 },
        ]);
      });
    });
  });
});

describe('WriteBatch', () => {
  describe('.take, with its texts made once', () => {
    describe('when transactions append different numbers of audit rows', () => {
      const batchOf = (n: number): WriteBatch => {
        const batch = new WriteBatch();
        for (let i = 0; i < n; i++) batch.add({ row: `audit:A${i}`, append: { table: 'audit', columns: ['id', 'action', 'data'], values: [`A${i}`, 'x', `{"n":${i}}`], jsonColumns: ['data'] } });
        return batch;
      };
      const MANY = 'INSERT INTO audit (id, action, data) SELECT id, action, data FROM json_populate_recordset(NULL::audit, $1::json) WITH ORDINALITY AS appended ORDER BY appended.ordinality';

      it('should send one row as VALUES and more as one JSON array, by one text whatever their number', () => {
        expect(batchOf(1).take()?.text).toBe('INSERT INTO audit (id, action, data) VALUES ($1, $2, $3)');
        expect(batchOf(3).take()?.text).toBe(MANY);
        expect(batchOf(5).take()?.text).toBe(MANY);
        expect(batchOf(1).take()?.text).toBe('INSERT INTO audit (id, action, data) VALUES ($1, $2, $3)');
      });

      it('should carry a JSON column as JSON, not as a string, and keep the rows in the order appended', () => {
        expect(batchOf(2).take()?.params).toEqual(['[{"id":"A0","action":"x","data":{"n":0}},{"id":"A1","action":"x","data":{"n":1}}]']);
      });

      it('should send 30,000 rows as one parameter (a statement takes at most 65,535)', () => {
        expect(batchOf(30_000).take()?.params).toHaveLength(1);
      });
    });
  });
});
