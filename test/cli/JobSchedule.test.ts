import { describe, expect, it } from 'vitest';
import { JobSchedule, type Timer } from '../../src/interfaces/cli/serve/JobSchedule.js';

/** A timer the test fires by hand: `fire()` runs the pending wait, as if its time had come. */
class ManualTimer {
  readonly waits: number[] = [];
  private pending: (() => void) | null = null;
  readonly timer: Timer = (ms, run) => {
    this.waits.push(ms);
    this.pending = run;
    return () => {
      this.pending = null;
    };
  };

  get armed(): boolean {
    return this.pending !== null;
  }

  fire(): void {
    const run = this.pending;
    this.pending = null;
    run?.();
  }
}

/** A round that finishes only when the test says so, counting how many run at once. */
class GatedRound {
  started = 0;
  concurrent = 0;
  mostConcurrent = 0;
  private release: (() => void) | null = null;
  readonly run = (): Promise<void> => {
    this.started++;
    this.concurrent++;
    this.mostConcurrent = Math.max(this.mostConcurrent, this.concurrent);
    return new Promise<void>((resolve) => {
      this.release = () => {
        this.concurrent--;
        resolve();
      };
    });
  };

  finish(): void {
    this.release?.();
    this.release = null;
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('JobSchedule', () => {
  describe('.start', () => {
    it('should run a round at once and schedule the next one interval after it finished', async () => {
      const timer = new ManualTimer();
      const round = new GatedRound();
      const schedule = new JobSchedule(round.run, 900_000, () => undefined, timer.timer);
      schedule.start();
      expect(round.started).toBe(1);
      expect(timer.armed).toBe(false);
      round.finish();
      await settle();
      expect(timer.waits).toEqual([900_000]);
      timer.fire();
      expect(round.started).toBe(2);
    });

    describe('when a round is still running at its next time', () => {
      it('should not start another: rounds never overlap', async () => {
        const timer = new ManualTimer();
        const round = new GatedRound();
        const schedule = new JobSchedule(round.run, 60_000, () => undefined, timer.timer);
        schedule.start();
        schedule.start();
        timer.fire();
        expect(round.started).toBe(1);
        round.finish();
        await settle();
        timer.fire();
        timer.fire();
        expect(round.started).toBe(2);
        expect(round.mostConcurrent).toBe(1);
      });
    });

    describe('when a round fails', () => {
      it('should report the error and keep the schedule', async () => {
        const timer = new ManualTimer();
        const errors: unknown[] = [];
        const schedule = new JobSchedule(() => Promise.reject(new Error('database restarting')), 60_000, (e) => errors.push(e), timer.timer);
        schedule.start();
        await settle();
        expect(errors.map((e) => (e as Error).message)).toEqual(['database restarting']);
        expect(timer.armed).toBe(true);
      });
    });
  });

  describe('.stop', () => {
    it('should wait for the round in progress and schedule no further round', async () => {
      const timer = new ManualTimer();
      const round = new GatedRound();
      const schedule = new JobSchedule(round.run, 60_000, () => undefined, timer.timer);
      schedule.start();
      let stopped = false;
      const stopping = schedule.stop().then(() => (stopped = true));
      await settle();
      expect(stopped).toBe(false);
      round.finish();
      await stopping;
      expect(stopped).toBe(true);
      expect(timer.armed).toBe(false);
      expect(schedule.running).toBe(false);
    });
  });
});
