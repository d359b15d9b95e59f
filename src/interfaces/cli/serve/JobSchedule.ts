/** Waits `ms`, then calls `run`; the returned function cancels a wait that has not fired yet. */
export type Timer = (ms: number, run: () => void) => () => void;

/** Real time; the timer does not keep the process alive on its own. */
export const systemTimer: Timer = (ms, run) => {
  const handle = setTimeout(run, ms);
  handle.unref();
  return () => { clearTimeout(handle); };
};

/**
 * Runs a round now and then again `intervalMs` after each round has finished, so two rounds of one
 * process never overlap however long one takes. `stop()` cancels the next round and waits for the one
 * in progress. A failed round is reported and the schedule goes on.
 */
export class JobSchedule {
  private cancelNext: (() => void) | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly timer: Timer = systemTimer,
  ) {}

  start(): void {
    if (this.current || this.cancelNext || this.stopped) return;
    this.runRound();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelNext?.();
    this.cancelNext = null;
    await this.current;
  }

  /** Whether a round is running now. */
  get running(): boolean {
    return this.current !== null;
  }

  private runRound(): void {
    this.cancelNext = null;
    this.current = this.round()
      .catch(this.onError)
      .finally(() => {
        this.current = null;
        if (!this.stopped) this.cancelNext = this.timer(this.intervalMs, () => { this.runRound(); });
      });
  }
}
