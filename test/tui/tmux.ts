// Drives the built CLI in a real terminal: tmux on a private socket, send-keys, capture-pane.
// The server is killed in teardown, pass or fail. Waits poll the screen (no timing assertions).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'dist/erasebox');

interface Teardown {
  teardown(fn: () => unknown): void;
}

const newest = (dir: string): number => {
  let m = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return m;
};

/** Build dist/ unless it is newer than every source file (npm test builds first anyway). */
export function ensureBuilt(): void {
  const main = path.join(ROOT, 'dist/js/src/cli/main.js');
  const src = newest(path.join(ROOT, 'src'));
  // dist/erasebox is either the launcher (a script running dist/js) or a single binary the image
  // build made; a binary older than the sources runs old code, so the launcher is made again.
  const current = fs.existsSync(BIN) && (fs.readFileSync(BIN).subarray(0, 2).toString() === '#!' || fs.statSync(BIN).mtimeMs > src);
  if (current && fs.existsSync(main) && fs.statSync(main).mtimeMs > src) return;
  // tsc emits even when another part of the tree has type errors; the run below shows what works.
  spawnSync('npm', ['run', 'build:ts'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync('npm', ['run', 'build:launcher'], { cwd: ROOT, stdio: 'ignore' });
  if (!fs.existsSync(main)) throw new Error('build failed: dist/js/src/cli/main.js missing');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Term {
  private readonly socket: string;
  private readonly name = 'erasebox';

  constructor(t: Teardown, opts: { cols: number; rows: number; env: Record<string, string>; args: string[] }) {
    this.socket = `erasebox-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    t.teardown(() => {
      spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
      // kill-server leaves the socket file behind.
      const dir = process.env.TMUX_TMPDIR ?? '/tmp';
      fs.rmSync(path.join(dir, `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
    });
    const env = Object.entries(opts.env).map(([k, v]) => `${k}=${shq(v)}`);
    // After the CLI exits the pane stays, showing EXIT=<code>, so tests can read the exit code.
    const cmd = `env ${env.join(' ')} ${shq(BIN)} ${opts.args.map(shq).join(' ')}; echo EXIT=$?; sleep 600`;
    this.tmux('new-session', '-d', '-x', String(opts.cols), '-y', String(opts.rows), '-s', this.name, cmd);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Screen with escape sequences (colours, inverse video). */
  screenEscaped(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
  }

  /** Named keys (Enter, Down, Space, Escape, BSpace, ...). Escape is sent alone: ESC + key is Meta. */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.tmux('send-keys', '-t', this.name, k);
      await sleep(k === 'Escape' ? 300 : 60);
    }
  }

  async type(text: string): Promise<void> {
    this.tmux('send-keys', '-t', this.name, '-l', text);
    await sleep(100);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(cols), '-y', String(rows));
  }

  /** Poll until `re` matches the screen; on timeout throw with the last screen for the log. */
  async waitFor(re: RegExp, timeoutMs = 60_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      last = this.screen();
      if (re.test(last)) return last;
      await sleep(150);
    }
    throw new Error(`screen never matched ${re}; last screen:\n${last}`);
  }

  /** The device the disks screen's detail pane shows (the cursor disk). */
  cursorDisk(screen = this.screen()): string | null {
    return /^-- (\/dev\/\S+) -/m.exec(screen)?.[1] ?? null;
  }

  /** Move the disks-screen cursor onto `dev` by reading the detail pane after each step. */
  async seekDisk(dev: string): Promise<void> {
    await this.keys('Home');
    for (let i = 0; i < 200; i++) {
      const now = this.cursorDisk();
      if (now === dev) return;
      await this.keys('Down');
      const moved = await this.waitFor(/^-- \/dev\//m).then((s) => this.cursorDisk(s));
      if (moved === now) {
        await sleep(150);
        if (this.cursorDisk() === now) break; // bottom reached
      }
    }
    throw new Error(`${dev} is not in the disk table:\n${this.screen()}`);
  }
}

const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
