// External commands (smartctl, hdparm, sg3_utils, nvme-cli) run through this one injected
// interface, so tests can answer for them and every call is bounded by a timeout.
import { spawn } from 'node:child_process';

export interface RunResult {
  /** Exit code; null when the process did not exit normally (signal, spawn failure, timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be run to completion: 'ENOENT', 'timeout', 'EACCES', ... */
  error?: string;
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ProcessRunner {
  run(cmd: string, args: string[], opts: RunOptions): Promise<RunResult>;
}

/** Largest stdout kept from a command: smartctl -x JSON of a busy disk is well under 2 MiB. */
const MAX_OUTPUT = 16 << 20;

/** The real runner: spawn without a shell, kill the process group member on timeout or abort. */
export const spawnRunner: ProcessRunner = {
  run(cmd, args, opts) {
    return new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      let settled = false;
      const done = (r: RunResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
      const kill = (why: string): void => {
        child.kill('SIGKILL');
        done({ code: null, stdout, stderr, error: why });
      };
      const timer = setTimeout(() => kill('timeout'), opts.timeoutMs);
      const onAbort = (): void => kill('aborted');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (b: Buffer) => {
        if (stdout.length < MAX_OUTPUT) stdout += b.toString('utf8');
      });
      child.stderr.on('data', (b: Buffer) => {
        if (stderr.length < MAX_OUTPUT) stderr += b.toString('utf8');
      });
      child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, stdout, stderr, error: e.code ?? e.message }));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  },
};

/**
 * Run with a hard deadline even if the runner itself never answers (a hung injected runner or a
 * process stuck in D state whose pipes never close): the caller always gets a result.
 */
export async function runBounded(runner: ProcessRunner, cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<RunResult>((resolve) => {
    timer = setTimeout(() => resolve({ code: null, stdout: '', stderr: '', error: 'timeout' }), opts.timeoutMs + 250);
  });
  try {
    return await Promise.race([
      runner.run(cmd, args, opts).catch((e: unknown) => ({ code: null, stdout: '', stderr: '', error: (e as NodeJS.ErrnoException)?.code ?? String(e) })),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One line saying why a command did not give a usable answer. */
export function describeRunError(cmd: string, r: RunResult, timeoutMs: number): string {
  if (r.error === 'ENOENT') return `${cmd} is not installed (not found on PATH)`;
  if (r.error === 'timeout') return `${cmd} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  if (r.error === 'aborted') return `${cmd} was stopped`;
  if (r.error) return `${cmd} could not run: ${r.error}`;
  const first = (r.stderr || r.stdout).split('\n').find((l) => l.trim()) ?? '';
  return `${cmd} exited with status ${r.code}${first ? `: ${first.trim()}` : ''}`;
}
