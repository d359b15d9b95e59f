// `npm test`: the engine's checks, in two lanes side by side so that a 2-core machine stays busy.
//   lane 1: eslint (one core, most of its time type-aware rules)
//   lane 2: dependency rules → type-check → the test suite (each step only when the one before passed)
// Lane 2 streams its output; lane 1's is printed whole when it ends. The first failure stops the rest.
import { spawn } from 'node:child_process';

const LANES = [
  { name: 'lint', steps: ['lint'], buffered: true },
  { name: 'tests', steps: ['deps:validate', 'typecheck', 'test:unit'], buffered: false },
];

const running = new Set();
let failed = false;

function runStep(script, buffered) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn('npm', ['run', '--silent', script], { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    running.add(child);
    const output = [];
    if (buffered) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('close', (code, signal) => {
      running.delete(child);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const outcome = code === 0 ? 'passed' : signal ? `stopped (${signal})` : `failed (exit ${code})`;
      const text = Buffer.concat(output).toString();
      process.stdout.write(`\n── npm run ${script}: ${outcome} in ${seconds.toFixed(1)} s ──\n${text}`);
      resolve(code === 0);
    });
  });
}

async function runLane({ steps, buffered }) {
  for (const step of steps) {
    if (failed) return;
    if (!(await runStep(step, buffered))) {
      if (!failed) {
        failed = true;
        for (const child of running) child.kill('SIGTERM');
      }
      return;
    }
  }
}

await Promise.all(LANES.map(runLane));
process.exitCode = failed ? 1 : 0;
