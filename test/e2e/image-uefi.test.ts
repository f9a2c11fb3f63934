// End to end under UEFI: the real USB image boots in qemu (TCG) under OVMF, and under OVMF with
// Secure Boot enforced (Microsoft keys: shim -> grub -> kernel, all signed), and erases an NVMe
// disk unattended each time (details and checks: wipe-run.ts).
import t from 'tap';
import { e2eSetup, wipeRun } from './wipe-run';

const e2e = e2eSetup(t);
if (e2e) {
  t.test('UEFI (OVMF): boots from the stick and wipes an NVMe disk', (t) =>
    wipeRun(t, e2e.work, e2e.info(), e2e.kills, 'uefi', ['nvme'], /booted via UEFI, Secure Boot off/));
  t.test('UEFI with Secure Boot enforced (OVMF, Microsoft keys): shim -> grub -> kernel, wipes an NVMe disk', (t) =>
    wipeRun(t, e2e.work, e2e.info(), e2e.kills, 'uefi-secureboot', ['nvme'], /booted via UEFI, Secure Boot on/));
}
