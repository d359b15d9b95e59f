import type { JobLock } from '../../application/ports/JobLock.js';

/** The job lock of one process: every library sharing an in-memory store shares one of these. */
export class InMemoryJobLock implements JobLock {
  private readonly held = new Set<string>();

  async runExclusive<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    if (this.held.has(name)) return null;
    this.held.add(name);
    try {
      return await work();
    } finally {
      this.held.delete(name);
    }
  }
}
