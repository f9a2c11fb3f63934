// The remembered job details (operator, customer, asset tag) as a tiny JSON file. Pure parse and
// format here; reading and writing the file is the composition root's job (src/cli/tui.ts), so
// the TUI itself never touches the filesystem.
import { EMPTY_JOB, type JobDetails } from './backend';

export const JOB_FILE_NAME = 'tui-job.json';

/** Where the file lives: $ERASEBOX_TUI_JOB_FILE, else $XDG_CONFIG_HOME/erasebox, else ~/.config/erasebox. */
export function jobFilePath(env: NodeJS.ProcessEnv): string | null {
  if (env.ERASEBOX_TUI_JOB_FILE) return env.ERASEBOX_TUI_JOB_FILE;
  const base = env.XDG_CONFIG_HOME || (env.HOME ? `${env.HOME}/.config` : null);
  return base ? `${base}/erasebox/${JOB_FILE_NAME}` : null;
}

// Printable Latin-1, as typed or picked from the configuration's lists ("Jürgen Weiß").
const clean = (v: unknown): string => (typeof v === 'string' ? v.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '').slice(0, 120) : '');

/** Never throws: a damaged file gives empty fields (the operator types them again). */
export function parseJob(text: string): JobDetails {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (!o || typeof o !== 'object') return { ...EMPTY_JOB };
    return { operator: clean(o.operator), customer: clean(o.customer), assetTag: clean(o.assetTag) };
  } catch {
    return { ...EMPTY_JOB };
  }
}

export const formatJob = (j: JobDetails): string => `${JSON.stringify({ operator: j.operator, customer: j.customer, assetTag: j.assetTag }, null, 2)}\n`;
