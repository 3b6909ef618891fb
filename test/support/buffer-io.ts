import path from 'node:path';
import type { CliIo } from '../../functions/cli/io.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface BufferIo extends CliIo {
  stdout: string[];
  stderr: string[];
  /** Everything printed, stdout then stderr: to check that a secret appears in neither. */
  all(): string;
}

/**
 * A command's IO with what it prints kept line by line. Not a TTY, so progress lines are dropped. By
 * default it runs in the repo root with the process's own environment, which `vi.stubEnv` changes.
 */
export function bufferIo(options: { cwd?: string; env?: CliIo['env'] } = {}): BufferIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    all: () => [...stdout, ...stderr].join('\n'),
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    progress: () => {},
    env: options.env ?? process.env,
    cwd: options.cwd ?? REPO_ROOT,
    isTty: false,
  };
}
