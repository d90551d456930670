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
# Decap CMS (the editor at /admin/) is built, not copied: only the parts guidegen's editor
# uses, from its own pinned lock (scripts/decap/).
"$here/scripts/build-decap.sh"
echo "vendored files refreshed in $dest"
