#!/usr/bin/env bash
# Rebuild guidegen's Decap CMS (the editor at /admin/) into
# generator/templates/assets/vendor/decap-cms/ from scripts/decap/: the packages pinned in its
# package-lock.json, bundled by esbuild with only the backends and widgets guidegen's
# generated configuration uses (see scripts/decap/index.js and BUILD.md beside the bundle).
# Run by hand when upgrading Decap (`make vendor` runs it); the result is committed, so
# building a guide or running the editor never needs node, npm or the internet. The same lock
# gives the same bytes: run it twice, `git status` shows no change.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/generator/templates/assets/vendor/decap-cms"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/scripts/decap/{package.json,package-lock.json,index.js,webp-absent.js,build.mjs} "$work/"
cd "$work"
npm ci --ignore-scripts --no-audit --no-fund --silent
# Decap's own packages ship no LICENSE file: $dest/LICENSE is kept by hand (Decap's MIT
# licence). Stop if a package ever says otherwise, so someone rereads it.
for package in node_modules/decap-cms-*/package.json; do
  grep -q '"license": "MIT"' "$package"
done
rm -f "$dest"/*.js "$dest"/*.wasm "$dest"/*.txt
node build.mjs "$dest"
