import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../src/application/ports/SearchIndex.js';

describe('project skeleton', () => {
  it('should compile a port type', () => {
    const q: SearchQuery = { text: 'cormen' };
    expect(q.text).toBe('cormen');
  });
});
