#!/usr/bin/env bash
# Builds a bare root for smoke tests: the binary at /bin/erasebox plus exactly the libraries
# `ldd` names (no node, no shell unless BUSYBOX=1).
#   scripts/mkroot.sh BIN ROOT [busybox]
set -euo pipefail
BIN=$1 ROOT=$2 WITH=${3:-}
rm -rf "$ROOT"; mkdir -p "$ROOT"/{bin,tmp,proc,sys,dev}
chmod 1777 "$ROOT/tmp"
cp "$BIN" "$ROOT/bin/erasebox"
ldd "$BIN" | grep -o '/[^ ]*' | while read -r lib; do
  mkdir -p "$ROOT$(dirname "$lib")"; cp -L "$lib" "$ROOT$lib"
done
if [ "$WITH" = busybox ]; then
  cp /bin/busybox "$ROOT/bin/busybox"
  for a in sh ls cat; do ln -s busybox "$ROOT/bin/$a"; done
fi
