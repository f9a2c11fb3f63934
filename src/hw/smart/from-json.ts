// Text of a smartctl --json run -> summary + assessment, or the reason it is not smartctl JSON.
import { JsonReader } from './read-json';
import { summarize } from './parse';
import type { SmartAssessment } from './types';
import { assess } from './verdict';

export interface ParsedSmart {
  assessment: SmartAssessment;
}

const TEXT_HINT = 'this is smartctl text output, not JSON: capture with `smartctl --json -x DEVICE`';

export function parseSmartJson(text: string): ParsedSmart | { reason: string } {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { reason: 'empty file' };
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && (/^smartctl \d/.test(trimmed) || /=== START OF (INFORMATION|READ SMART|SMART DATA)/.test(body))) {
    return { reason: TEXT_HINT };
  }
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = Number(msg.match(/at position (\d+)/)?.[1] ?? -1);
    // The parser failing at (or right before) the last byte means the document just stops.
    if (/end of JSON input|Unterminated/i.test(msg) || pos >= body.trimEnd().length - 1) return { reason: `truncated JSON (${body.length} bytes, ends mid-document)` };
    return { reason: `not JSON: ${msg.split('\n')[0]}` };
  }
  return fromObject(j);
}

export function fromObject(j: unknown): ParsedSmart | { reason: string } {
  if (j === null || typeof j !== 'object' || Array.isArray(j)) return { reason: `not smartctl JSON: top level is ${Array.isArray(j) ? 'an array' : j === null ? 'null' : typeof j}, expected an object` };
  const o = j as Record<string, unknown>;
  if (!('smartctl' in o) || !('json_format_version' in o)) {
    return { reason: 'not smartctl JSON: no `smartctl` and `json_format_version` keys' };
  }
  const r = new JsonReader();
  r.obj(o, 'smartctl');
  r.arr(o, 'json_format_version');
  const summary = summarize(o, r);
  const scan = r.arr(o, 'devices');
  if (scan && !r.has(o, 'device')) {
    const errs = scan.map((d, i) => [r.str(d, 'name', `devices[${i}].name`), r.str(d, 'open_error', `devices[${i}].open_error`)]).filter(([, e]) => e);
    summary.unavailableReason = errs.length
      ? `${errs.map(([n, e]) => `${n}: ${e}`).join('; ')} (a --scan-open listing, not a device capture)`
      : `a --scan listing of ${scan.length} device(s), not a device capture: capture each with smartctl --json -x`;
  }
  if (r.typeErrors.length) {
    const more = r.typeErrors.length > 1 ? ` (and ${r.typeErrors.length - 1} more)` : '';
    return { reason: `not valid smartctl JSON: ${r.typeErrors[0]}${more}` };
  }
  return { assessment: assess(summary) };
}
