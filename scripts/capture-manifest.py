#!/usr/bin/env python3
"""Turn the guest dump of scripts/capture-guest.sh into fixtures (called by capture-fixtures.sh).

RAW/list/<disk>: lines "F /sys/path" (attribute copied to RAW/sys/path), "E /sys/path" (exists but
reading failed), "L /sys/path target" (symlink). RAW/cmd/<disk>/: NAME.out, NAME.err, index.tsv.
Writes FIXTURES/sysfs/<transport>.json (manifest read by test/hw/sysfs-tree.ts) and
FIXTURES/cmd/<transport>/ (command outputs, commands.tsv with exit codes and argv).
"""
import json, os, re, shutil, sys

raw, fixtures, qemu = sys.argv[1:4]
kernel = open(f'{raw}/uname').read().strip()
tools = open(f'{raw}/tools').read().strip().replace('\n', '; ')
# PCI slot (fixed by addr= in capture-fixtures.sh) -> fixture name; USB by interface driver.
SLOT = {'04': 'ahci', '05': 'sas-mptsas', '06': 'megaraid', '07': 'spi-sym53c8xx', '08': 'virtio-scsi', '09': 'virtio-blk', '0a': 'nvme'}
DESC = {
    'ahci': 'AHCI (ich9-ahci) + ide-hd: SATA disk through libata',
    'sas-mptsas': 'LSI SAS1068 (mptsas1068) + scsi-hd: SAS end device on the mptsas transport',
    'megaraid': 'MegaRAID SAS gen2 (megasas-gen2) + scsi-hd: exposed by megaraid_sas',
    'spi-sym53c8xx': 'LSI53C895A (lsi53c895a) + scsi-hd: parallel SCSI via sym53c8xx',
    'virtio-scsi': 'virtio-scsi-pci + scsi-hd',
    'virtio-blk': 'virtio-blk-pci with serial=',
    'nvme': 'QEMU NVMe controller (nvme) with serial=',
    'usb-bot': 'usb-storage (Bulk-Only) on qemu-xhci',
    'usb-uas': 'usb-uas + scsi-hd on qemu-xhci',
    'virtual': 'loop0 over /tmp/disk.img and an unconfigured zram0 (hidden unless --all)',
}


def fixture_of(disk, lines):
    if disk in ('loop0', 'zram0'):
        return 'virtual'
    links = [l.split(' ', 2) for l in lines if l.startswith('L ')]
    for _, p, t in links:
        if re.search(r'/\d+-[\d.]+:\d+\.\d+/driver$', p):
            return 'usb-uas' if t.endswith('/uas') else 'usb-bot'
    real = next(t for _, p, t in links if p == f'/sys/block/{disk}')
    m = re.search(r'0000:00:([0-9a-f]{2})\.0/', real)
    return SLOT[m.group(1)]


def content(path):
    b = open(path, 'rb').read()
    try:
        t = b.decode('ascii')
        if all(c.isprintable() or c in '\n\t' for c in t):
            return t[:-1] if t.endswith('\n') else t
    except UnicodeDecodeError:
        pass
    return {'hex': b.hex()}


manifests = {}
for disk in sorted(os.listdir(f'{raw}/list')):
    lines = open(f'{raw}/list/{disk}').read().splitlines()
    fx = fixture_of(disk, lines)
    m = manifests.setdefault(fx, {'description': DESC[fx], 'disks': [], 'files': {}, 'links': {}, 'unreadable': []})
    m['disks'].append(disk)
    for l in lines:
        kind, p = l.split(' ', 2)[:2]
        rel = os.path.relpath(p, '/sys')
        if kind == 'F':
            m['files'][rel] = content(f'{raw}{p}')
        elif kind == 'E':
            m['unreadable'].append(rel)
        else:
            target = l.split(' ', 2)[2]
            m['links'][rel] = target
            if rel.endswith('/driver'):
                # Drivers live under /sys/bus; a placeholder file makes the link resolve.
                m['files'][os.path.normpath(os.path.join(os.path.dirname(rel), target, '.keep'))] = ''

os.makedirs(f'{fixtures}/sysfs', exist_ok=True)
for fx, m in manifests.items():
    m['unreadable'] = sorted(set(m['unreadable']))
    m['source'] = f'captured by scripts/capture-fixtures.sh in a qemu guest: {qemu}, kernel {kernel}; {tools}'
    with open(f'{fixtures}/sysfs/{fx}.json', 'w') as f:
        json.dump(m, f, indent=1, sort_keys=True)
        f.write('\n')
    print(f'sysfs/{fx}.json: {", ".join(m["disks"])}, {len(m["files"])} files, {len(m["links"])} links')

for disk in sorted(os.listdir(f'{raw}/cmd')):
    lines = open(f'{raw}/list/{disk}').read().splitlines()
    fx = fixture_of(disk, lines)
    out = f'{fixtures}/cmd/{fx}'
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    src = f'{raw}/cmd/{disk}'
    with open(f'{out}/commands.tsv', 'w') as idx:
        idx.write('# file\texit code\tcommand (run in the guest, /dev/' + disk + ')\n')
        for row in open(f'{src}/index.tsv').read().splitlines():
            name, rc, argv = row.split('\t')
            ext = '.json' if name.startswith(('smartctl', 'nvme')) and '"' in open(f'{src}/{name}.out').read(200) else '.txt'
            shutil.copy(f'{src}/{name}.out', f'{out}/{name}{ext}')
            if os.path.getsize(f'{src}/{name}.err'):
                shutil.copy(f'{src}/{name}.err', f'{out}/{name}.stderr.txt')
            idx.write(f'{name}{ext}\t{rc}\t{argv}\n')
    print(f'cmd/{fx}/: {len(os.listdir(out)) - 1} files from /dev/{disk}')
