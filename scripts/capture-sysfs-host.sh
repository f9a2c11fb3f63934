#!/bin/sh
# Capture the sysfs tree of one block device into a fixture manifest (test/fixtures/sysfs/*.json):
# regular attributes as text (binary VPD pages as hex), every ancestor's `driver` link and the
# /sys/block link recorded as symlink targets. Reads sysfs only; never opens the device.
#   scripts/capture-sysfs-host.sh NAME OUT.json "description"   (reads this machine's own sysfs; the qemu captures are scripts/capture-fixtures.sh)
set -eu
name=$1; out=$2; desc=${3:-"captured from $(uname -r)"}
exec python3 - "$name" "$out" "$desc" <<'PY'
import json, os, sys
name, out, desc = sys.argv[1:4]
real = os.path.realpath(f'/sys/block/{name}')
rel = os.path.relpath(real, '/sys')
files, links = {}, {'block/' + name: os.readlink(f'/sys/block/{name}')}
ATTRS = ['dev', 'size', 'ro', 'removable', 'serial', 'wwid', 'queue/logical_block_size', 'queue/physical_block_size', 'queue/rotational', 'loop/backing_file']
ANCESTOR = ['vendor', 'model', 'rev', 'wwid', 'vpd_pg80', 'serial', 'firmware_rev', 'idVendor', 'idProduct', 'bcdDevice', 'manufacturer', 'product', 'sas_address']
def grab(path, key):
    try:
        b = open(path, 'rb').read()
    except OSError:
        return
    try:
        t = b.decode('ascii')
        files[key] = t.rstrip('\n') if '\0' not in t else {'hex': b.hex()}
    except UnicodeDecodeError:
        files[key] = {'hex': b.hex()}
for a in ATTRS:
    grab(f'{real}/{a}', f'{rel}/{a}')
parts = rel.split('/')
for i in range(2, len(parts)):
    d = '/'.join(parts[:i])
    for a in ANCESTOR:
        grab(f'/sys/{d}/{a}', f'{d}/{a}')
    if os.path.islink(f'/sys/{d}/driver'):
        t = os.readlink(f'/sys/{d}/driver')
        links[f'{d}/driver'] = t
        drv = os.path.normpath(os.path.join(d, t))
        files[f'{drv}/.keep'] = ''
    m = parts[i - 1]
    if m.startswith('end_device-'):
        grab(f'/sys/class/sas_device/{m}/sas_address', f'class/sas_device/{m}/sas_address')
json.dump({'description': desc, 'source': f'captured by scripts/capture-sysfs-host.sh on {os.uname().release}', 'files': files, 'links': links}, open(out, 'w'), indent=1, sort_keys=True)
PY
