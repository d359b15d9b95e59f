import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './project.js';

/** The README's quick start, read from the README itself: the commands, the file, how to run it, what it prints. */
export interface QuickStart {
  /** The shell lines that set up an empty folder, in order. */
  readonly setup: readonly (readonly string[])[];
  /** The file name the README says to save the example as. */
  readonly fileName: string;
  /** The example, exactly as shown. */
  readonly source: string;
  /** The command that runs it. */
  readonly command: readonly string[];
  /** What the README says it prints. */
  readonly prints: string;
}

function required(match: RegExpExecArray | null, what: string): string {
  const found = match?.[1];
  if (found === undefined) throw new Error(`README.md quick start: no ${what} found`);
  return found;
}

export function readmeQuickStart(): QuickStart {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const section = required(/^## Quick start\n([\s\S]*?)^## /m.exec(readme), 'section');
  const words = (line: string): string[] => line.trim().split(/\s+/);
  const saveAndRun = /Save this as `([^`]+)` and run it with `([^`]+)`/.exec(section);
  return {
    setup: required(/```sh\n([\s\S]*?)```/.exec(section), 'setup commands').split('\n').filter((line) => line.trim() !== '').map(words),
    fileName: required(saveAndRun, 'file name'),
    source: required(/```ts\n([\s\S]*?)```/.exec(section), 'example'),
    command: words(saveAndRun?.[2] ?? ''),
    prints: required(/It prints:\n\n```text\n([\s\S]*?)```/.exec(section), 'printed output'),
  };
}
