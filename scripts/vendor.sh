#!/usr/bin/env bash
# Refresh the third-party files shipped with the site (fonts, the iframe-worker shim
# for offline search, pdf-lib for filling handouts in the browser) from the npm registry.
# Run by hand when upgrading: `make vendor`. The results are committed, so building a
# guide never needs node, npm or the internet.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/templates/assets/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  @fontsource/atkinson-hyperlegible@5.3.0 iframe-worker@1.0.4 pdf-lib@1.17.1
fonts=node_modules/@fontsource/atkinson-hyperlegible
for subset in latin latin-ext; do
  for face in 400-normal 400-italic 700-normal 700-italic; do
    cp "$fonts/files/atkinson-hyperlegible-$subset-$face.woff2" "$dest/fonts/"
    cp "$fonts/files/atkinson-hyperlegible-$subset-$face.woff" "$dest/fonts/"
  done
done
cp "$fonts/LICENSE" "$dest/fonts/LICENSE"
cp node_modules/iframe-worker/shim/index.js "$dest/iframe-worker/shim.js"
cp node_modules/iframe-worker/LICENSE "$dest/iframe-worker/LICENSE"
cp node_modules/pdf-lib/dist/pdf-lib.min.js "$dest/pdf-lib/pdf-lib.min.js"
cp node_modules/pdf-lib/LICENSE.md "$dest/pdf-lib/LICENSE.md"
echo "vendored files refreshed in $dest"
