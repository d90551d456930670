#!/usr/bin/env bash
# Refresh the third-party files shipped with the site (fonts, the iframe-worker shim
# for offline search, pdf-lib and fontkit for filling handouts in the browser, Decap CMS for
# `guidegen serve`'s /admin/ editor) from the npm registry.
# Run by hand when upgrading: `make vendor`. The results are committed, so building a
# guide never needs node, npm or the internet.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/generator/templates/assets/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  @fontsource/atkinson-hyperlegible-next@5.3.0 iframe-worker@1.0.4 pdf-lib@1.17.1 \
  @pdf-lib/fontkit@1.1.1
fonts=node_modules/@fontsource/atkinson-hyperlegible-next
rm -f "$dest"/fonts/atkinson-hyperlegible-*.woff "$dest"/fonts/atkinson-hyperlegible-*.woff2
for subset in latin latin-ext; do
  for face in 400-normal 400-italic 700-normal 700-italic; do
    cp "$fonts/files/atkinson-hyperlegible-next-$subset-$face.woff2" "$dest/fonts/"
    cp "$fonts/files/atkinson-hyperlegible-next-$subset-$face.woff" "$dest/fonts/"
  done
done
cp "$fonts/LICENSE" "$dest/fonts/LICENSE"
cp node_modules/iframe-worker/shim/index.js "$dest/iframe-worker/shim.js"
cp node_modules/iframe-worker/LICENSE "$dest/iframe-worker/LICENSE"
cp node_modules/pdf-lib/dist/pdf-lib.min.js "$dest/pdf-lib/pdf-lib.min.js"
cp node_modules/pdf-lib/LICENSE.md "$dest/pdf-lib/LICENSE.md"
mkdir -p "$dest/fontkit"
cp node_modules/@pdf-lib/fontkit/dist/fontkit.umd.min.js "$dest/fontkit/fontkit.umd.min.js"
# @pdf-lib/fontkit ships no LICENSE file: $dest/fontkit/LICENSE is kept by hand (fontkit's MIT
# licence). Stop if the package ever says otherwise, so someone rereads it.
grep -q '"license": "MIT"' node_modules/@pdf-lib/fontkit/package.json
# Decap CMS (the editor at /admin/): the bundled app, its numbered chunks and the two
# WebAssembly files it loads; not the source maps, nor the second build (cms.js) the package
# also ships. The package has no LICENSE file: $dest/decap-cms/LICENSE is kept by hand
# (Decap's MIT licence); stop if the package ever says otherwise, so someone rereads it.
npm pack --silent decap-cms@3.16.3 >/dev/null
tar xzf decap-cms-3.16.3.tgz
grep -q '"license": "MIT"' package/package.json
rm -f "$dest"/decap-cms/*.js "$dest"/decap-cms/*.wasm "$dest"/decap-cms/*.txt
mkdir -p "$dest/decap-cms"
cp package/dist/decap-cms.js package/dist/[0-9]*.decap-cms.js package/dist/*.wasm "$dest/decap-cms/"
cp package/dist/decap-cms.js.LICENSE.txt "$dest/decap-cms/"
echo "vendored files refreshed in $dest"
