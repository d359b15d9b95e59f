/**
 * One holder at a time for a named piece of work across every process on the same store (one round of the
 * scheduled jobs). A holder that dies (its process or connection gone) lets go, so a crash never wedges the jobs.
 */
export interface JobLock {
  /** Runs `work` while holding the lock `name`; answers null at once, without running it, when another holder has it. */
  runExclusive<T>(name: string, work: () => Promise<T>): Promise<T | null>;
}
