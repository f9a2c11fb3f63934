// What a command gets from the outside world; commands never touch process.* directly, so
// tests can run them in-process with captured output.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM; long-running commands stop cleanly when it fires. */
  signal: AbortSignal;
  isTTY: boolean;
}

export type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Exit codes shared by every command (documented in docs/cli.md). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** The one-line error of a command: "erasebox NAME: message" on stderr, and its exit code. */
export const failer =
  (name: string) =>
  (io: CliIo, msg: string, code: number = EXIT.usage): number => {
    io.stderr(`erasebox ${name}: ${msg}\n`);
    return code;
  };
