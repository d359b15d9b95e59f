import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../fixtures/codeModel.js';

const SOURCE_ROOT = join(REPOSITORY_ROOT, 'src');

/** The design write-ups the project was planned from; docs/ may cite them, the source states the rules itself. */
const JARGON = /\bseeds?\b/i;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

describe('src/', () => {
  describe('every source file', () => {
    it('should not mention the design write-ups', () => {
      const offending = filesUnder(SOURCE_ROOT).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (JARGON.test(line) ? [`${relative(REPOSITORY_ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
      );

      expect(offending).toEqual([]);
    });
  });
});
