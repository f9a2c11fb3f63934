#!/usr/bin/env bash
# Runs a command inside a root made by scripts/mkroot.sh: own mount namespace, proc/sys/dev
# mounted, chroot, empty environment (no PATH to any node).
#   scripts/run-in-root.sh ROOT CMD [ARGS...]
set -euo pipefail
ROOT=$(cd "$1" && pwd); shift
exec unshare --mount --fork --propagation private sh -c '
  root=$1; shift
  mount -t proc proc "$root/proc" && mount -t sysfs sys "$root/sys" && mount --rbind /dev "$root/dev"
  exec /usr/bin/env -i PATH=/bin /usr/sbin/chroot "$root" "$@"
' sh "$ROOT" "$@"
