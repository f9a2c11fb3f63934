// A simulated Backend for trying the UI and for the "simulated backend" test: made-up disks,
// made-up progress, nothing is opened or written. Selected only by
// ERASEBOX_TUI_SIMULATED_BACKEND=1, and it says so in the title bar of every screen.
import type { EngineEvent } from '../engine/events';
import type { MethodInfo } from '../engine/api';
import type { DiskResult, PassRecord } from '../engine/result';
import type { Disk, DiscoveryEvent } from '../hw/types';
import { emptyConfig, type StoreConfig } from '../cert/config';
import { checkConfig } from '../cert/config-edit';
import { EMPTY_JOB, type Backend, type JobDetails, type RunCallbacks, type StartRequest } from './backend';

const METHODS: MethodInfo[] = [
  { id: 'zero', label: 'Zero fill', nistCategory: 'clear', description: 'one pass of 0x00 (simulated)', passCount: 1, defaultVerify: 'last' },
  { id: 'random', label: 'Random', nistCategory: 'clear', description: 'one pass of AES-CTR random data (simulated)', passCount: 1, defaultVerify: 'last' },
  { id: 'dodshort', label: 'DoD 5220.22-M short', nistCategory: 'clear', description: 'byte, complement, random (simulated)', passCount: 3, defaultVerify: 'last' },
];

function disk(name: string, size: number, over: Partial<Disk> = {}): Disk {
  const none = { value: null, source: 'none' as const };
  return {
    path: `/dev/${name}`,
    name,
    transport: 'ata',
    chain: [{ kind: 'pci', label: 'pci 0000:00:1f.2', driver: 'ahci' }, { kind: 'ata-port', label: 'ata1' }],
    vendor: { value: 'SIM', source: 'sysfs' },
    model: { value: `Simulated ${name}`, source: 'sysfs' },
    serial: { value: `SIM-${name.toUpperCase()}`, source: 'vpd80' },
    wwn: none,
    firmware: { value: '1.0', source: 'smartctl' },
    sizeBytes: size,
    logicalSectorSize: 512,
    physicalSectorSize: 4096,
    rotational: false,
    protections: [],
    smart: { verdict: 'reuse', reasons: [], powerOnHours: 1200, temperatureC: 31 },
    caps: { ataSecurity: 'supported', ataSanitize: ['crypto', 'block'], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'absent', dco: 'absent' },
    ...over,
  };
}

const NO_CAPS = { ataSecurity: 'unsupported', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'n/a', dco: 'n/a' } as const;

const INITIAL: Disk[] = [
  disk('sim-nvme0n1', 2e9, { transport: 'nvme', chain: [{ kind: 'pci', label: 'pci 0000:01:00.0', driver: 'nvme' }, { kind: 'nvme-ctrl', label: 'nvme0' }], caps: { ...NO_CAPS, ataSanitize: [], scsiSanitize: [], nvmeSanitize: ['crypto', 'block'], nvmeFormat: ['user-data', 'crypto'] } }),
  disk('sim-sda', 1.5e9),
  disk('sim-sdb', 1e9, { protections: [{ code: 'boot-medium', reason: 'sim-sdb is the medium erasebox runs from' }] }),
  disk('sim-sdc', 1e9, { smart: { verdict: 'destroy', reasons: ['5 Reallocated_Sector_Ct 1210 > 100'], powerOnHours: 40100, temperatureC: 44 } }),
  disk('sim-sdz', 0.5e9, { transport: 'usb-uas', chain: [{ kind: 'usb-port', label: 'usb 2-1' }, { kind: 'usb-bridge', label: 'JMS583', usbId: '152d:0583:0204' }], caps: { ...NO_CAPS, ataSanitize: [], scsiSanitize: [], nvmeSanitize: [], nvmeFormat: [] } }),
];
const LATE = disk('sim-sdd', 0.5e9, { transport: 'usb-bot', chain: [{ kind: 'usb-port', label: 'usb 1-2' }, { kind: 'usb-bridge', label: 'ASM1153', usbId: '174c:55aa:0100' }], caps: { ...NO_CAPS, ataSanitize: [], scsiSanitize: [], nvmeSanitize: [], nvmeFormat: [] } });

const RATE = 400e6; // simulated bytes per second
const TICK_MS = 250;

/** The simulated disk sim-sdc fails its verification: the UI must show it red while others go on. */
const FAILS = '/dev/sim-sdc';

export function simulatedBackend(): Backend {
  let job: JobDetails = { ...EMPTY_JOB };
  const certs = new Map<string, { r: DiskResult; job: JobDetails }>();
  let config: StoreConfig = emptyConfig();
  return {
    loadConfig: async () => ({ path: '/simulated/erasebox.conf', config, errors: [] }),
    saveConfig: async (c) => {
      const { errors } = checkConfig(c);
      if (errors.length) throw new Error(errors.map((e) => `erasebox.conf:${e.line}: ${e.message}`).join('\n'));
      config = c;
      return '/simulated/erasebox.conf';
    },
    print: async (files) => ({ device: 'simulated', results: files.map((file) => ({ file, ok: false, detail: 'simulated certificates are not files: nothing printed' })) }),
    label: 'SIMULATED',
    listDisks: async () => INITIAL.map((d) => ({ ...d })),
    watch: (on: (e: DiscoveryEvent) => void) => {
      const a = setTimeout(() => on({ kind: 'disk-added', disk: LATE }), 1000);
      const b = setTimeout(() => on({ kind: 'disk-removed', path: '/dev/sim-sdz' }), 2000);
      return () => {
        clearTimeout(a);
        clearTimeout(b);
      };
    },
    methods: async () => METHODS,
    loadJob: async () => job,
    saveJob: async (j) => {
      job = { ...j };
    },
    certificateSummary: async (p) => {
      const c = certs.get(p);
      if (!c) throw new Error(`${p}: no such simulated certificate`);
      const { r, job } = c;
      return [`Simulated certificate ${p}`, `Device   ${r.path}`, `Outcome  ${r.outcome}`, `Method   ${r.methodId}, rounds ${r.rounds}`, `Verify   ${r.verification.mode}: ${r.verification.result}`, `Operator ${job.operator || '-'}`, `Customer ${job.customer || '-'}`, `Asset    ${job.assetTag || '-'}`];
    },
    start: (req: StartRequest, on: RunCallbacks) => {
      const all = [...INITIAL, LATE];
      const runId = `sim-${Date.now().toString(36)}`;
      const method = METHODS.find((m) => m.id === req.methodId) ?? METHODS[0];
      const writes = method.passCount * req.rounds + (req.blank ? 1 : 0);
      const passes = writes + (req.verify === 'none' ? 0 : req.verify === 'all' ? writes : 1);
      const now = (): string => new Date().toISOString();
      const emit = (e: EngineEvent): void => on.event(e);
      const ctrl = new AbortController();
      emit({ kind: 'run-start', runId, at: now(), disks: req.devices, methodId: req.methodId });
      const one = (path: string): Promise<DiskResult> =>
        new Promise((resolve) => {
          const size = all.find((d) => d.path === path)?.sizeBytes ?? 1e9;
          const started = now();
          const records: PassRecord[] = [];
          let pass = 1;
          let done = 0;
          const kindOf = (p: number): 'write' | 'verify' => (p > writes ? 'verify' : 'write');
          const finish = (outcome: DiskResult['outcome'], reason: string | null): void => {
            clearInterval(iv);
            const result: DiskResult = {
              path, outcome, reason, sizeBytes: size, logicalSectorSize: 512, physicalSectorSize: 4096, methodId: req.methodId, rounds: req.rounds, blank: req.blank,
              passes: records,
              verification: { mode: req.verify, result: outcome === 'erased' ? (req.verify === 'none' ? 'not-run' : 'passed') : outcome === 'failed' ? 'failed' : 'not-run', digest: null, seed: null, sampleSeed: null, sampledBlocks: null, blockSize: 4096, mismatchedBlocks: outcome === 'failed' ? 7 : 0 },
              errors: [], ioRetries: 0, startedAt: started, finishedAt: now(),
            };
            emit({ kind: 'disk-end', disk: path, at: now(), result });
            resolve(result);
          };
          emit({ kind: 'disk-start', disk: path, at: now(), sizeBytes: size, passes });
          emit({ kind: 'pass-start', disk: path, at: now(), pass, passes, passKind: kindOf(pass), pattern: '0x00' });
          const iv = setInterval(() => {
            if (ctrl.signal.aborted) return finish('aborted', 'aborted by the operator');
            done = Math.min(size, done + (RATE * TICK_MS) / 1000);
            const eta = ((passes - pass) * size + (size - done)) / RATE;
            emit({ kind: 'progress', disk: path, at: now(), pass, passes, passKind: kindOf(pass), bytesDone: done, bytesTotal: size, rateBytesPerSec: RATE, etaSeconds: eta });
            if (done < size) return;
            const failing = path === FAILS && kindOf(pass) === 'verify';
            const at = now();
            emit({ kind: 'pass-end', disk: path, at, pass, passKind: kindOf(pass), ok: !failing, digest: 'simulated', mismatchedBlocks: failing ? 7 : 0 });
            records.push({ index: pass, kind: kindOf(pass), pattern: '0x00', seed: null, startedAt: at, finishedAt: at, bytesWritten: kindOf(pass) === 'write' ? size : 0, bytesRead: kindOf(pass) === 'verify' ? size : 0, verified: kindOf(pass) === 'verify', digest: null, digestOf: null, mismatches: failing ? 7 : 0, throughputBytesPerSec: RATE, speedProfile: [], ok: !failing });
            if (failing) return finish('failed', 'verification found 7 mismatched blocks (simulated)');
            if (pass === passes) return finish('erased', null);
            pass++;
            done = 0;
            emit({ kind: 'pass-start', disk: path, at: now(), pass, passes, passKind: kindOf(pass), pattern: '0x00' });
          }, TICK_MS);
        });
      const done = Promise.all(req.devices.map(one)).then((results) => {
        const count = (o: DiskResult['outcome']): number => results.filter((r) => r.outcome === o).length;
        emit({ kind: 'run-end', at: now(), erased: count('erased'), failed: count('failed'), aborted: count('aborted') });
        for (const r of results) {
          const p = `/simulated/certificates/${runId}-${r.path.replace('/dev/', '')}.json`;
          certs.set(p, { r, job: req.job });
          on.notice({ kind: 'certificate', at: now(), disk: r.path, id: `${runId}-${r.path}`, jsonPath: p, pdfPath: p.replace(/json$/, 'pdf') });
        }
      });
      return { abort: () => ctrl.abort(), done };
    },
  };
}
