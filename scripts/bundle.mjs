#!/usr/bin/env node
// Bundles the compiled CLI (dist/js) and its dependencies into one CommonJS file for Node SEA:
//   node scripts/bundle.mjs OUT.js
// The entry is scripts/sea-entry.js, which unpacks the embedded assets and then runs
// dist/js/src/cli/main.js. The patches below are the ones notes/toolchain.md found necessary;
// each keeps the unbundled (development) behaviour when the ERASEBOX_* variables are unset.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(root, 'dist/sea/bundle.js');

const sub = (text, from, to, file) => {
  if (!text.includes(from)) throw new Error(`bundle: patch target not found in ${file}: ${from}`);
  return text.split(from).join(to);
};

const patches = {
  name: 'erasebox-patches',
  setup(build) {
    // Any native addon import (e.g. require('../../native/build/Release/erasebox.node')) becomes a
    // dlopen of the copy the SEA entry unpacked; the path is in ERASEBOX_ADDON.
    build.onResolve({ filter: /\.node$/ }, (args) => ({ path: args.path, namespace: 'erasebox-addon' }));
    build.onLoad({ filter: /.*/, namespace: 'erasebox-addon' }, () => ({
      contents:
        "const m = { exports: {} };\n" +
        "if (!process.env.ERASEBOX_ADDON) throw new Error('erasebox: native addon not unpacked (ERASEBOX_ADDON unset)');\n" +
        "process.dlopen(m, process.env.ERASEBOX_ADDON);\n" +
        "module.exports = m.exports;\n",
      loader: 'js',
    }));
    // blessed: widgets are required by computed name; a literal '.js' lets esbuild's glob match.
    build.onLoad({ filter: /node_modules[\\/]blessed[\\/]lib[\\/]widget\.js$/ }, async (a) => ({
      contents: sub(await readFile(a.path, 'utf8'), "require('./widgets/' + file)", "require('./widgets/' + file + '.js')", a.path),
      loader: 'js',
    }));
    // blessed: terminfo fallbacks and BigText fonts live in blessed/usr, unpacked at run time.
    build.onLoad({ filter: /node_modules[\\/]blessed[\\/]lib[\\/]tput\.js$/ }, async (a) => ({
      contents: sub(await readFile(a.path, 'utf8'), "__dirname + '/../usr/", "(process.env.ERASEBOX_BLESSED_USR || __dirname + '/../usr') + '/", a.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /node_modules[\\/]blessed[\\/]lib[\\/]widgets[\\/]bigtext\.js$/ }, async (a) => ({
      contents: sub(await readFile(a.path, 'utf8'), "__dirname + '/../../usr/fonts/", "(process.env.ERASEBOX_BLESSED_USR || __dirname + '/../../usr') + '/fonts/", a.path),
      loader: 'js',
    }));
    // pdfkit 0.20: standard fonts are loaded through createRequire('#standard-fonts/X'), which a
    // bundle cannot resolve; a plain require lets esbuild follow package.json "imports". The
    // sRGB ICC profile (PDF/A) is read from a URL next to the file: point it at the unpacked data.
    build.onLoad({ filter: /node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, async (a) => {
      let text = sub(await readFile(a.path, 'utf8'), 'require$1(', 'require(', a.path);
      text = text.replace(
        /const ICC_PROFILE_PATH = new URL\('\.\/data\/sRGB_IEC61966_2_1\.icc', [^;]*;/,
        "const ICC_PROFILE_PATH = require('url').pathToFileURL(require('path').join(process.env.ERASEBOX_PDFKIT_DATA || require('path').join(__dirname, 'data'), 'sRGB_IEC61966_2_1.icc')).href;",
      );
      if (!text.includes('ERASEBOX_PDFKIT_DATA')) throw new Error('bundle: pdfkit ICC patch did not apply');
      return { contents: text, loader: 'js' };
    });
    // The CLI runs itself only when it is the main module; in the bundle it never is.
    build.onLoad({ filter: /dist[\\/]js[\\/]src[\\/]cli[\\/]main\.js$/ }, async (a) => ({
      contents: sub(await readFile(a.path, 'utf8'), 'if (require.main === module) {', 'if (true) {', a.path),
      loader: 'js',
    }));
  },
};

const result = await esbuild.build({
  entryPoints: [path.join(root, 'scripts/sea-entry.js')],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: false,
  legalComments: 'none',
  // blessed's Terminal widget needs these optional modules; it is never used by erasebox.
  external: ['term.js', 'pty.js'],
  plugins: [patches],
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`bundle: ${path.relative(root, out)} ${(bytes / 1e6).toFixed(1)} MB\n`);
