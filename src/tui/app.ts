// The TUI's event loop: keys -> intents, intents -> reducer actions or Backend calls, state ->
// screen. Rendering is coalesced (at most ~25 frames a second) because progress events arrive a
// few times a second per disk. The app holds no state besides the ViewState and the run handle.
import blessed from 'blessed';
import type { Widgets } from 'blessed';
import type { Action, Command } from './actions';
import type { Backend, RunHandle } from './backend';
import { keyToIntent } from './keys';
import { initialState, targets, tooSmall, type ViewState } from './state';
import { reduce } from './store';
import { themeFor, type Theme } from './theme';
import { ThroughputChart } from './views/chart';
import { helpLine, messageLine, titleLine, tooSmallLines } from './views/chrome';
import { renderConfirm } from './views/confirm';
import { renderDisks } from './views/disks';
import { renderJob } from './views/job';
import { renderMethod } from './views/method';
import { renderCert, renderInfo, renderLog } from './views/pages';
import { renderResults } from './views/results';
import { renderRun } from './views/run';
import { renderSettings } from './views/settings';
import { cleanDraft } from './settings';

export interface TuiOptions {
  backend: Backend;
  /** Aborted on SIGINT/SIGTERM: aborts a running job, then leaves. */
  signal?: AbortSignal;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  term?: string;
}

type Renderer = (s: ViewState, t: Theme, width: number, height: number) => string[];

/** One renderer per screen: a new screen fails to compile until it has one. */
const RENDERERS: Record<ViewState['screen'], Renderer> = {
  disks: renderDisks,
  info: renderInfo,
  method: renderMethod,
  job: (s, t, width) => renderJob(s, t, width),
  confirm: renderConfirm,
  run: renderRun,
  results: renderResults,
  cert: renderCert,
  log: renderLog,
  settings: renderSettings,
};

const bodyLines: Renderer = (s, t, width, height) => RENDERERS[s.screen](s, t, width, height);

/** Run the TUI until the operator quits; resolves to the exit code (1 if the last run had failures). */
export function runTui(opts: TuiOptions): Promise<number> {
  const { backend } = opts;
  const screen = blessed.screen({
    smartCSR: true,
    title: 'erasebox',
    warnings: false,
    fullUnicode: false,
    input: opts.input,
    output: opts.output,
    terminal: opts.term,
  } as Widgets.IScreenOptions);
  // @types/blessed lacks these Tput fields; blessed sets them from terminfo and the locale.
  const tput = screen.tput as unknown as { colors?: number; terminal?: string; unicode?: boolean };
  const theme = themeFor({ colors: tput.colors ?? 8, term: String(tput.terminal ?? opts.term ?? ''), unicode: Boolean(tput.unicode) });
  const line = (top: number): Widgets.BoxElement => blessed.box({ top, left: 0, width: '100%', height: 1, tags: true });
  const title = blessed.box({ top: 0, left: 0, width: '100%', height: 1, tags: true, style: { fg: 'white', bg: 'blue', bold: true } });
  const body = blessed.box({ top: 1, left: 0, width: '100%', height: 1, tags: true, wrap: false });
  const message = line(0);
  const help = blessed.box({ top: 0, left: 0, width: '100%', height: 1, tags: true, style: { fg: 'black', bg: 'cyan' } });
  for (const el of [title, body, message, help]) screen.append(el);
  const chart = new ThroughputChart(screen, theme);

  let state = initialState();
  let handle: RunHandle | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopWatch: (() => void) | null = null;
  let finish: (code: number) => void = () => undefined;

  const render = (): void => {
    timer = null;
    const cols = screen.width as number;
    const rows = screen.height as number;
    if (tooSmall(state)) {
      chart.destroy();
      for (const el of [title, message, help]) el.hide();
      body.top = 0;
      body.height = rows;
      body.setContent(tooSmallLines(state).join('\n'));
      screen.render();
      return;
    }
    for (const el of [title, message, help]) el.show();
    body.top = 1;
    body.height = rows - 3;
    message.top = rows - 2;
    help.top = rows - 1;
    title.setContent(titleLine(state, backend.label, cols));
    const bodyHeight = rows - 3;
    let linesHeight = bodyHeight;
    if (state.screen === 'run' && state.run) {
      const disks = state.run.order.length;
      const chartHeight = Math.max(0, Math.min(Math.floor(bodyHeight / 2), bodyHeight - 3 - Math.min(disks, 6)));
      linesHeight = bodyHeight - chartHeight;
      chart.update(chartHeight >= 6 ? { top: 1 + linesHeight, left: 0, width: cols, height: chartHeight } : null, state);
    } else chart.update(null, state);
    body.setContent(bodyLines(state, theme, cols, linesHeight).slice(0, linesHeight).join('\n'));
    message.setContent(messageLine(state, theme, cols));
    help.setContent(` ${helpLine(state)}`);
    screen.render();
  };

  const dispatch = (a: Action): void => {
    state = reduce(state, a);
    if (state.quit) {
      finish(state.run?.summary && (state.run.summary.failed || state.run.summary.aborted) ? 1 : 0);
      return;
    }
    if (!timer) timer = setTimeout(render, 40);
  };

  const start = (): void => {
    const s = state;
    const disks = targets(s).map((d) => d.path);
    if (!s.options.methodId || disks.length === 0) return;
    dispatch({ kind: 'start-sent' });
    backend.saveJob(s.job).catch((e: unknown) => dispatch({ kind: 'log', at: new Date().toISOString(), line: `could not remember the job details: ${String(e)}` }));
    try {
      const req = { devices: disks, methodId: s.options.methodId, verify: s.options.verify, rounds: s.options.rounds, blank: s.options.blank, job: { ...s.job } };
      const h = backend.start(req, { event: dispatch, notice: dispatch });
      handle = h;
      h.done.then(
        () => {
          if (handle === h) handle = null;
        },
        (e: unknown) => {
          if (handle === h) handle = null;
          dispatch({ kind: 'start-failed', reason: e instanceof Error ? e.message : String(e) });
        },
      );
    } catch (e) {
      dispatch({ kind: 'start-failed', reason: e instanceof Error ? e.message : String(e) });
    }
  };

  const run = (c: Command): void => {
    switch (c.cmd) {
      case 'start':
        return start();
      case 'abort':
        handle?.abort();
        return dispatch({ kind: 'abort-sent' });
      case 'open-cert': {
        const r = state.run;
        const d = r ? r.disks[r.order[state.resultCursor]] : undefined;
        if (!d?.cert) return dispatch({ kind: 'message', level: 'error', text: d?.certError ? `No certificate: ${d.certError}` : 'No certificate for this disk' });
        backend.certificateSummary(d.cert.jsonPath).then(
          (lines) => dispatch({ kind: 'cert-summary', lines }),
          (e: unknown) => dispatch({ kind: 'message', level: 'error', text: `Cannot read the certificate: ${e instanceof Error ? e.message : String(e)}` }),
        );
        return;
      }
      case 'save-settings': {
        const st = state.settings;
        if (!st || st.saving) return;
        const config = cleanDraft(st.draft);
        dispatch({ kind: 'save-sent', leave: c.leave });
        backend.saveConfig(config).then(
          (path) => dispatch({ kind: 'config-saved', path, config }),
          (e: unknown) => dispatch({ kind: 'config-save-failed', errors: (e instanceof Error ? e.message : String(e)).split('\n').filter(Boolean) }),
        );
        return;
      }
      case 'print': {
        const r = state.run;
        const files = !r
          ? []
          : c.all
            ? [...r.order.map((k) => r.disks[k].cert?.pdfPath ?? null), r.reportPdf].filter((f): f is string => Boolean(f))
            : [r.disks[r.order[state.resultCursor]]?.cert?.pdfPath].filter((f): f is string => Boolean(f));
        if (!files.length) return dispatch({ kind: 'message', level: 'error', text: c.all ? 'No PDF in this run to print yet' : 'No PDF for this disk to print' });
        dispatch({ kind: 'message', level: 'info', text: `Printing ${files.length} PDF(s)...` });
        backend.print(files).then(
          (report) => dispatch({ kind: 'print-report', report }),
          (e: unknown) => dispatch({ kind: 'print-failed', reason: e instanceof Error ? e.message : String(e) }),
        );
        return;
      }
      case 'quit':
        // run-end comes before the certificates are written: wait for the handle to settle.
        if (handle && state.run?.ended) return dispatch({ kind: 'message', level: 'info', text: 'Certificates are still being written: quit in a moment' });
        return dispatch({ kind: 'quit' });
    }
  };

  return new Promise<number>((resolve) => {
    finish = (code) => {
      finish = () => undefined;
      if (timer) clearTimeout(timer);
      stopWatch?.();
      chart.destroy();
      screen.destroy();
      resolve(code);
    };
    screen.on('keypress', (ch: string | undefined, key: Widgets.Events.IKeyEventArg | undefined) => {
      const intent = keyToIntent(state, { name: key?.name, full: key?.full, ch: ch ?? undefined });
      if (!intent) return;
      if ('command' in intent) run(intent.command);
      else dispatch(intent.action);
    });
    screen.on('resize', () => dispatch({ kind: 'resize', cols: screen.width as number, rows: screen.height as number }));
    opts.signal?.addEventListener('abort', () => {
      if (!handle) return finish(130);
      handle.abort();
      dispatch({ kind: 'abort-sent' });
      handle.done.finally(() => finish(130));
    });
    dispatch({ kind: 'resize', cols: screen.width as number, rows: screen.height as number });
    backend.methods().then(
      (methods) => dispatch({ kind: 'methods-loaded', methods }),
      (e: unknown) => dispatch({ kind: 'message', level: 'error', text: `No method table: ${String(e)}` }),
    );
    backend.loadConfig().then(
      (load) => dispatch({ kind: 'config-loaded', load }),
      (e: unknown) => dispatch({ kind: 'message', level: 'error', text: `Cannot read the configuration: ${e instanceof Error ? e.message : String(e)}` }),
    );
    backend.loadJob().then(
      (job) => dispatch({ kind: 'job-loaded', job }),
      () => undefined, // nothing remembered yet: empty fields
    );
    backend.listDisks().then(
      (disks) => dispatch({ kind: 'disks-listed', disks }),
      (e: unknown) => dispatch({ kind: 'discovery-failed', reason: e instanceof Error ? e.message : String(e) }),
    );
    try {
      stopWatch = backend.watch(dispatch);
    } catch (e) {
      dispatch({ kind: 'log', at: new Date().toISOString(), line: `hot-plug watching is off: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
}
