// The confirmation that cannot happen by accident: the disks once more, the method, and a typed
// answer (the number of disks, or ERASE). Protected disks never reach this list (targets()).
import { bytes, esc, fit } from '../format';
import { selectedMethod, targets, type ViewState } from '../state';
import { paint, type Theme } from '../theme';
import { modelOf, smartLabel } from './disk-text';
import { verifyText } from './method';

export function renderConfirm(s: ViewState, t: Theme, width: number, height: number): string[] {
  const w = width - 1;
  const disks = targets(s);
  const m = selectedMethod(s);
  const o = s.options;
  const head = [
    paint(t.bad, esc(fit(`ALL DATA on these ${disks.length} disk(s) will be destroyed:`, w))),
  ];
  const tail = [
    '',
    esc(fit(`Method ${m?.label ?? '?'} (NIST ${m?.nistCategory ?? '?'}), rounds ${o.rounds}, blanking ${o.blank ? 'yes' : 'no'}, verify: ${verifyText(o.verify)}`, w)),
    esc(fit(`Operator ${s.job.operator || '-'}, customer ${s.job.customer || '-'}, asset tag ${s.job.assetTag || '-'}`, w)),
    '',
    paint(t.warn, esc(fit(`Type ${disks.length} (the number of disks) or ERASE, then press Enter:`, w))),
    `{bold}> ${esc(s.confirmText)}_{/bold}`,
  ];
  const room = Math.max(1, height - head.length - tail.length);
  const list = disks.map((d) => esc(fit(`  ${fit(d.path, 14)} ${fit(bytes(d.sizeBytes), 5, 'right')}  ${fit(modelOf(d), 20)} ${fit(d.serial.value ?? '-', 16)} SMART ${smartLabel(d)}`, w)));
  const shown = list.length > room ? [...list.slice(0, room - 1), `  ... and ${list.length - room + 1} more`] : list;
  return [...head, ...shown, ...tail];
}
