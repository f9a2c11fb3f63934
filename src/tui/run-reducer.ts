// Engine events and run notices -> view state. Pure: time comes from the events themselves.
import type { DiskKey, EngineEvent, EventHandlers } from '../engine/events';
import type { RunNotice } from './backend';
import { bytes, clock, mbps } from './format';
import { HISTORY_LIMIT, LOG_LIMIT, type RunDisk, type RunState, type ViewState } from './state';

export function appendLog(s: ViewState, at: string, line: string): ViewState {
  const log = [...s.log, at ? `${clock(at)} ${line}` : `         ${line}`];
  return { ...s, log: log.length > LOG_LIMIT ? log.slice(log.length - LOG_LIMIT) : log };
}

function blankDisk(key: DiskKey): RunDisk {
  return {
    key,
    state: 'waiting',
    sizeBytes: 0,
    pass: 0,
    passes: 0,
    passKind: null,
    pattern: '',
    bytesDone: 0,
    bytesTotal: 0,
    rate: 0,
    eta: null,
    ioErrors: 0,
    mismatches: 0,
    reason: null,
    result: null,
    cert: null,
    certError: null,
  };
}

function emptyRun(runId: string, methodId: string, at: string, disks: DiskKey[]): RunState {
  return {
    runId,
    methodId,
    startedAt: at,
    order: [...disks],
    disks: Object.fromEntries(disks.map((d) => [d, blankDisk(d)])),
    history: [],
    lastSampleAt: 0,
    ended: false,
    summary: null,
    abortRequested: false,
    reportPdf: null,
  };
}

/** Apply `patch` to one disk of the run; events for a disk the run did not announce still count. */
function patchDisk(s: ViewState, key: DiskKey, patch: (d: RunDisk) => Partial<RunDisk>): ViewState {
  const run = s.run ?? emptyRun('unknown', '', '', []);
  const old = run.disks[key] ?? blankDisk(key);
  const order = run.order.includes(key) ? run.order : [...run.order, key];
  return { ...s, run: { ...run, order, disks: { ...run.disks, [key]: { ...old, ...patch(old) } } } };
}

/** One throughput sample per second of event time: the sum of the running disks' rates. */
function sample(s: ViewState, atIso: string): ViewState {
  const run = s.run;
  const at = Date.parse(atIso);
  if (!run || !Number.isFinite(at) || at - run.lastSampleAt < 1000) return s;
  const total = Object.values(run.disks)
    .filter((d) => d.state === 'running')
    .reduce((sum, d) => sum + d.rate, 0);
  const history = [...run.history, total / 1e6];
  return { ...s, run: { ...run, history: history.slice(-HISTORY_LIMIT), lastSampleAt: at } };
}

export const engineHandlers: EventHandlers<(s: ViewState) => ViewState> = {
  'run-start': (e) => (s) =>
    appendLog(
      { ...s, run: emptyRun(e.runId, e.methodId, e.at, e.disks), screen: 'run', back: 'run', starting: false, runCursor: 0, abortPrompt: false, message: null },
      e.at,
      `run ${e.runId} started: ${e.methodId} on ${e.disks.join(', ')}`,
    ),
  'disk-start': (e) => (s) =>
    appendLog(
      patchDisk(s, e.disk, () => ({ state: 'running', sizeBytes: e.sizeBytes, passes: e.passes, bytesTotal: e.sizeBytes })),
      e.at,
      `${e.disk}: started, ${bytes(e.sizeBytes)}, ${e.passes} pass${e.passes === 1 ? '' : 'es'}`,
    ),
  'pass-start': (e) => (s) =>
    appendLog(
      patchDisk(s, e.disk, (d) => ({ state: 'running', pass: e.pass, passes: e.passes, passKind: e.passKind, pattern: e.pattern, bytesDone: 0, bytesTotal: d.bytesTotal || d.sizeBytes })),
      e.at,
      `${e.disk}: pass ${e.pass}/${e.passes} ${e.passKind} ${e.pattern}`,
    ),
  progress: (e) => (s) =>
    sample(
      patchDisk(s, e.disk, () => ({
        state: 'running',
        pass: e.pass,
        passes: e.passes,
        passKind: e.passKind,
        bytesDone: e.bytesDone,
        bytesTotal: e.bytesTotal,
        rate: e.rateBytesPerSec,
        eta: e.etaSeconds,
      })),
      e.at,
    ),
  'pass-end': (e) => (s) =>
    appendLog(
      patchDisk(s, e.disk, (d) => ({ bytesDone: e.ok ? d.bytesTotal : d.bytesDone, mismatches: d.mismatches + e.mismatchedBlocks })),
      e.at,
      `${e.disk}: pass ${e.pass} ${e.passKind} ${e.ok ? 'ok' : 'FAILED'}` +
        (e.mismatchedBlocks ? `, ${e.mismatchedBlocks} mismatched blocks` : '') +
        (e.digest ? `, blake3 ${e.digest.slice(0, 16)}` : ''),
    ),
  'io-error': (e) => (s) =>
    appendLog(
      patchDisk(s, e.disk, (d) => ({ ioErrors: d.ioErrors + 1 })),
      e.at,
      `${e.disk}: ${e.op} error ${e.code} at byte ${e.offset} (+${e.length})` + (e.retry ? `, retry ${e.retry}` : ''),
    ),
  'disk-end': (e) => (s) =>
    appendLog(
      patchDisk(s, e.disk, () => ({ state: e.result.outcome, reason: e.result.reason, result: e.result, rate: 0, eta: 0 })),
      e.at,
      `${e.disk}: ${e.result.outcome.toUpperCase()}` + (e.result.reason ? ` (${e.result.reason})` : '') + `, verification ${e.result.verification.result}`,
    ),
  'run-end': (e) => (s) => {
    const run = s.run ?? emptyRun('unknown', '', e.at, []);
    const toResults = s.screen === 'run';
    return appendLog(
      {
        ...s,
        run: { ...run, ended: true, summary: { erased: e.erased, failed: e.failed, aborted: e.aborted } },
        screen: toResults ? 'results' : s.screen,
        back: 'results',
        abortPrompt: false,
        resultCursor: 0,
      },
      e.at,
      `run ended: ${e.erased} erased, ${e.failed} failed, ${e.aborted} aborted`,
    );
  },
};

export function reduceEngine(s: ViewState, e: EngineEvent): ViewState {
  return (engineHandlers[e.kind] as (x: EngineEvent) => (s: ViewState) => ViewState)(e)(s);
}

export const noticeHandlers: { [K in RunNotice['kind']]: (s: ViewState, n: Extract<RunNotice, { kind: K }>) => ViewState } = {
  certificate: (s, n) =>
    appendLog(
      patchDisk(s, n.disk, () => ({ cert: { id: n.id, jsonPath: n.jsonPath, pdfPath: n.pdfPath }, certError: null })),
      n.at,
      `${n.disk}: certificate ${n.jsonPath}`,
    ),
  'certificate-failed': (s, n) => appendLog(patchDisk(s, n.disk, () => ({ certError: n.reason })), n.at, `${n.disk}: certificate FAILED: ${n.reason}`),
  'run-report': (s, n) =>
    appendLog(s.run ? { ...s, run: { ...s.run, reportPdf: n.pdfPath } } : s, n.at, `run manifest ${n.manifestPath}${n.pdfPath ? `, system report ${n.pdfPath}` : ''}`),
  log: (s, n) => appendLog(s, n.at, n.line),
};

export const rateSummary = (r: RunState): string =>
  mbps(
    Object.values(r.disks)
      .filter((d) => d.state === 'running')
      .reduce((sum, d) => sum + d.rate, 0),
  );
