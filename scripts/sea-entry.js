// Entry of the single binary (bundled by scripts/bundle.mjs, embedded by scripts/build-binary.sh).
// Inside the SEA executable it unpacks the embedded assets (native addon, blessed terminfo and
// fonts, pdfkit data) into a private directory, points the ERASEBOX_* variables at them, removes
// the directory on exit, and then runs the CLI. Outside SEA (node dist/sea/bundle.js) it points
// the same variables at the checkout.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function isSea() {
  try {
    return require('node:sea').isSea();
  } catch {
    return false;
  }
}

function unpack() {
  const sea = require('node:sea');
  const manifest = JSON.parse(sea.getAsset('manifest.json', 'utf8'));
  const base = process.env.ERASEBOX_RUNTIME_DIR || os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'erasebox-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const name of manifest) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, new Uint8Array(sea.getAsset(name)), { mode: name.endsWith('.node') ? 0o700 : 0o600 });
  }
  return dir;
}

function useAssets(dir) {
  const env = process.env;
  env.ERASEBOX_ADDON = path.join(dir, 'erasebox.node');
  env.ERASEBOX_BLESSED_USR = path.join(dir, 'blessed/usr');
  env.ERASEBOX_PDFKIT_DATA = path.join(dir, 'pdfkit/data');
  // blessed searches $TERMINFO first; the unpacked tree has the x/xterm, l/linux layout.
  if (!env.TERMINFO) env.TERMINFO = path.join(dir, 'terminfo');
}

if (isSea()) {
  useAssets(unpack());
} else {
  const root = path.resolve(__dirname, '../..');
  process.env.ERASEBOX_ADDON ??= path.join(root, 'native/build/Release/erasebox.node');
  process.env.ERASEBOX_BLESSED_USR ??= path.join(root, 'node_modules/blessed/usr');
  process.env.ERASEBOX_PDFKIT_DATA ??= path.join(root, 'node_modules/pdfkit/js/data');
}

require('../dist/js/src/cli/main.js');
