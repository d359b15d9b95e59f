import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/infrastructure/search/csv.js';
import { importGoodbooks, normalizeLanguage, parseYear, repairIsbn10 } from '../../src/infrastructure/search/goodbooks.js';
import { isbnVariants, parseIsbn } from '../../src/infrastructure/search/isbn.js';

describe('parseIsbn', () => {
  it('should accept ISBN-10 and ISBN-13 with or without hyphens', () => {
    expect(parseIsbn('0-439-02348-3')).toBe('0439023483');
    expect(parseIsbn('978-0-13-595705-9')).toBe('9780135957059');
    expect(parseIsbn('054792822x')).toBe('054792822X');
  });

  it('should reject a wrong check digit', () => {
    expect(parseIsbn('0439023484')).toBeUndefined();
    expect(parseIsbn('9780135957050')).toBeUndefined();
  });

  it('should map between ISBN-10 and its 978 ISBN-13', () => {
    expect(isbnVariants('0439023483')).toEqual(['0439023483', '9780439023481']);
    expect(isbnVariants('9780439023481')).toEqual(['9780439023481', '0439023483']);
  });
});

describe('parseCsv', () => {
  it('should parse quoted fields with commas, doubled quotes and line breaks', () => {
    const csv = 'a,b,c\r\n1,"x, y","say ""hi"""\n2,"multi\nline",\n';
    const rows = [...parseCsv(csv)].map((r) => r.fields);
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'multi\nline', ''],
    ]);
  });

  it('should report the line of each record', () => {
    const lines = [...parseCsv('h\n"a\nb"\nc\n')].map((r) => r.line);
    expect(lines).toEqual([1, 2, 4]);
  });

  describe('when a quoted field is never closed', () => {
    it('should report it and stop', () => {
      const errors: number[] = [];
      const rows = [...parseCsv('h\n"open\n', (line) => errors.push(line))];
      expect(rows).toHaveLength(1);
      expect(errors).toEqual([2]);
    });
  });
});

describe('importGoodbooks', () => {
  const header = 'book_id,isbn,isbn13,authors,original_publication_year,original_title,title,language_code';

  describe('repairIsbn10', () => {
    it('should left-pad ISBNs that lost their leading zeros', () => {
      expect(repairIsbn10('439023483')).toEqual({ isbn: '0439023483' });
    });

    it('should reject numbers whose check digit fails', () => {
      expect(repairIsbn10('439023484').isbn).toBeUndefined();
    });
  });

  it('should convert float and BC years and normalise language codes', () => {
    expect(parseYear('2008.0')).toBe(2008);
    expect(parseYear('-1750.0')).toBe(-1750);
    expect(parseYear('')).toBeUndefined();
    expect(normalizeLanguage('en-US')).toBe('en');
    expect(normalizeLanguage('fre')).toBe('fr');
    expect(normalizeLanguage('')).toBeUndefined();
  });

  it('should import valid rows, key rows without a valid ISBN by their book_id, and report skipped rows with reasons', () => {
    const csv = [
      header,
      '1,439023483,9.78043902348e+12,Suzanne Collins,2008.0,The Hunger Games,"The Hunger Games (The Hunger Games, #1)",eng',
      '2,,,Nobody,2000.0,,No Isbn,eng',
      '3,439023484,,Somebody,2000.0,,Bad Check,eng',
      '4,439023483,,Suzanne Collins,2008.0,,Duplicate,eng',
      '5,1416524797,,"J.K. Rowling, Mary GrandPré",1997.0,,"Harry Potter, ""Special""",en-US',
      ',,,Anonymous,2001.0,,Neither Isbn Nor Id,eng',
    ].join('\n');
    const report = importGoodbooks(csv);
    expect(report.rows).toBe(6);
    expect(report.documents.map((d) => [d.recordId, d.isbn])).toEqual([
      [undefined, '0439023483'],
      ['goodbooks-2', undefined],
      ['goodbooks-3', undefined],
      [undefined, '1416524797'],
    ]);
    expect(report.documents[3]).toMatchObject({ authors: ['J.K. Rowling', 'Mary GrandPré'], title: 'Harry Potter, "Special"', language: 'en', year: 1997 });
    expect(report.skipped.map((s) => [s.line, s.reason])).toEqual([
      [5, 'duplicate-isbn'],
      [7, 'missing-isbn'],
    ]);
    expect(report.skippedByReason).toEqual({ 'duplicate-isbn': 1, 'missing-isbn': 1 });
  });
});
