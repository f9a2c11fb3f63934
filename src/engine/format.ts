// Human formatting of engine numbers (CLI progress lines; the TUI may reuse it).
import type { EngineEvent } from './events';
import { decimalBytes, duration } from '../units';

/** One compact line for a progress event: "sdb  pass 1/2 write  45.0%  1.20 GB/s  ETA 00:12" */
export function progressLine(e: Extract<EngineEvent, { kind: 'progress' }>): string {
  const pct = e.bytesTotal > 0 ? ((100 * e.bytesDone) / e.bytesTotal).toFixed(1) : '0.0';
  return `${e.disk}  pass ${e.pass}/${e.passes} ${e.passKind}  ${pct.padStart(5)}%  ${decimalBytes(e.rateBytesPerSec)}/s  ETA ${duration(e.etaSeconds)}`;
}
