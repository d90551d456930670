// Builds generator/templates/assets/vendor/decap-cms/ from index.js and the packages pinned in
// package-lock.json (run by scripts/build-decap.sh). Same lock, same esbuild: same bytes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const here = dirname(new URL(import.meta.url).pathname);
const out = process.argv[2] || join(here, 'dist');

// @jsquash/webp (WebAssembly, two .wasm files) converts uploads to WebP only when a
// configuration asks Decap to (`media_library` output options); guidegen's never does.
const webpAbsent = {
  name: 'webp-absent',
  setup(b) {
    b.onResolve({ filter: /^@jsquash\/webp$/ }, () => ({ path: join(here, 'webp-absent.js') }));
  },
};

const result = await build({
  absWorkingDir: here,
  entryPoints: ['index.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(out, 'decap-cms.js'),
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  legalComments: 'none', // every bundled package's licence is in decap-cms.js.LICENSE.txt
  logLevel: 'warning',
  metafile: true,
  plugins: [webpAbsent],
});

// The licences of every package whose code is in the bundle, found from esbuild's own list.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const found = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  if (found) packages.set(found[1], true);
}
// A package with no licence file: its package.json names the licence (Decap's own packages are
// MIT: ./LICENSE), or else its README's licence section says it.
function noFile(folder, meta) {
  if (meta.license || meta.licenses) return '(the package ships no licence file; its package.json names the licence above)\n';
  const readme = readdirSync(join(here, folder)).find(name => /^readme/i.test(name));
  const text = readme ? readFileSync(join(here, folder, readme), 'utf8') : '';
  const start = text.search(/^#*\s*licen[cs]e\b.*$/im);
  if (start < 0) throw new Error(`${meta.name}: no licence found`);
  return `(from its ${readme}:)\n${text.slice(start).trim()}\n`;
}

const sections = [];
for (const folder of [...packages.keys()].sort()) {
  const meta = JSON.parse(readFileSync(join(here, folder, 'package.json'), 'utf8'));
  const files = readdirSync(join(here, folder))
    .filter(name => /^(licen[cs]e|copying|notice)/i.test(name))
    .sort();
  let text = `${meta.name} ${meta.version}, licence: ${meta.license || JSON.stringify(meta.licenses) || "not named in its package.json"}\n`;
  if (files.length === 0) text += noFile(folder, meta);
  for (const name of files) text += '\n' + readFileSync(join(here, folder, name), 'utf8').trim() + '\n';
  sections.push(text);
}
const head =
  'decap-cms.js bundles the npm packages below (guidegen\'s build of Decap CMS 3.16.3,\n' +
  'scripts/decap/). Each is listed with its version and licence, then its licence text.\n';
writeFileSync(join(out, 'decap-cms.js.LICENSE.txt'), head + sections.map(s => '\n' + '='.repeat(72) + '\n' + s).join(''));
console.log(`${packages.size} packages bundled into ${join(out, 'decap-cms.js')}`);
