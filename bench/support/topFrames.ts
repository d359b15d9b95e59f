/**
 * Ranks the functions of a V8 CPU profile (`node --cpu-prof`) by self time, optionally only the samples inside a
 * window of monotonic microseconds (the `window.json` bench/store-profile.ts writes). Shares are of the busy samples:
 * `(idle)`, the event loop waiting for the database, is left out. The profiler samples on a timer, so a thread that
 * the kernel preempts inside a system call (a socket write that wakes the server) keeps collecting samples there:
 * `writev` weighs more here than in the process's system CPU time.
 *
 *   tsx bench/support/topFrames.ts <file.cpuprofile | folder> [window.json] [count]
 * Given a folder, it reads the newest main-thread profile in it (`node --cpu-prof` names those `….0.NNN.cpuprofile`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Frame {
  readonly frame: string;
  readonly micros: number;
  readonly share: number;
}

/** The functions with the most self time, with their share of all the samples counted. */
export function topFrames(profile: CpuProfile, window?: { from: number; to: number }, count = 25): Frame[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) return;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
    const frame = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    self.set(frame, (self.get(frame) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, micros]) => ({ frame, micros, share: micros / Math.max(total, 1) }));
}

function newestMainThreadProfile(folder: string): string {
  const [newest] = readdirSync(folder)
    .filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
    .map((name) => join(folder, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (newest === undefined) throw new Error(`no main-thread .cpuprofile in ${folder}`);
  return newest;
}

if (process.argv[1]?.endsWith('topFrames.ts')) {
  const [file, windowFile, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/support/topFrames.ts <file.cpuprofile> [window.json] [count]');
  const path = statSync(file).isDirectory() ? newestMainThreadProfile(file) : file;
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const window = windowFile ? (JSON.parse(readFileSync(windowFile, 'utf8')) as { from: number; to: number }) : undefined;
  console.log('| self % | function |');
  console.log('|--:|:--|');
  for (const f of topFrames(profile, window, Number(count ?? 25))) console.log(`| ${(f.share * 100).toFixed(1)} % | \`${f.frame}\` |`);
}
