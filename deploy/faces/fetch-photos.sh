#!/usr/bin/env bash
# Fetches real photos with several faces each, for the face finder and aligner
# tests, into $SIM2WORD_HOME/faces/photos/:
#
#   dlib/      12 photos of dlib's examples/faces (Debian libdlib19.1): 9 PASCAL
#              VOC images whose faces dlib annotated in training.xml and
#              testing.xml (copied beside them), Tom_Cruise_avp_2014_4.jpg,
#              bald_guys.jpg and dogs.jpg (no people)
#   face-api/  demo/sample1..6.jpg of npm @vladmandic/face-api 1.7.15 (MIT):
#              1920-pixel group photos of 3 to 5 people
#
# The photos are never committed; deploy/faces/photos.sha256 pins every file,
# the npm tarball is pinned by its sha512 integrity.
#
# Usage: deploy/faces/fetch-photos.sh          (idempotent; fast when done)
# Needs: apt-get (with package lists), dpkg-deb, npm, sha256sum, base64.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
home="${SIM2WORD_HOME:-$repo/.sim2word}"
dest="$home/faces/photos"
sums="$here/photos.sha256"
pkg="libdlib19.1"
docdir="usr/share/doc/$pkg/examples/faces"
npm_pkg="@vladmandic/face-api"
npm_ver="1.7.15"
npm_tgz="vladmandic-face-api-$npm_ver.tgz"
npm_integrity="sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw=="

verify() {   # verify <dir>: every listed file present with the pinned checksum
  (cd "$1" && sha256sum --quiet --strict -c "$sums") >/dev/null 2>&1
}

if [ -d "$dest" ] && verify "$dest" && [ -f "$dest/dlib/testing.xml" ]; then
  echo "photos: $(wc -l < "$sums") photos already in $dest (checksums OK)"
  exit 0
fi

for tool in apt-get dpkg-deb npm sha256sum sha512sum base64; do
  command -v "$tool" >/dev/null || { echo "fetch-photos: '$tool' is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$home/cache/apt" "$home/cache/npm" "$work/out/dlib" "$work/out/face-api"

# --- dlib's examples/faces, from the same Debian package as the johns --------
deb="$(ls "$home"/cache/apt/${pkg}_*.deb 2>/dev/null | head -n1 || true)"
if [ -z "$deb" ]; then
  if ! (cd "$work" && apt-get download "$pkg" >"$work/apt.log" 2>&1); then
    cat "$work/apt.log" >&2
    echo "fetch-photos: 'apt-get download $pkg' failed. Make sure a Debian bookworm 'main' source is" \
         "configured and run 'sudo apt-get update', or place ${pkg}_*.deb into $home/cache/apt/." >&2
    exit 1
  fi
  deb="$(ls "$work"/${pkg}_*.deb | head -n1)"
  cp "$deb" "$home/cache/apt/"
fi
dpkg-deb -x "$deb" "$work/x"
[ -d "$work/x/$docdir" ] || { echo "fetch-photos: $(basename "$deb") has no $docdir" >&2; exit 1; }
cp "$work/x/$docdir"/*.jpg "$work/x/$docdir"/training.xml "$work/x/$docdir"/testing.xml "$work/out/dlib/"

# --- face-api's demo photos, from the pinned npm tarball ----------------------
tgz="$home/cache/npm/$npm_tgz"
integrity() { echo "sha512-$(sha512sum "$1" | cut -d' ' -f1 | xxd -r -p 2>/dev/null | base64 -w0)"; }
if ! command -v xxd >/dev/null; then
  integrity() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }
fi
if [ ! -f "$tgz" ] || [ "$(integrity "$tgz")" != "$npm_integrity" ]; then
  rm -f "$tgz"
  mkdir -p "$work/npm"
  if ! (cd "$work/npm" && npm pack "$npm_pkg@$npm_ver" >"$work/npm.log" 2>&1); then
    cat "$work/npm.log" >&2
    echo "fetch-photos: 'npm pack $npm_pkg@$npm_ver' failed (is the npm registry reachable?)" >&2
    exit 1
  fi
  got="$(integrity "$work/npm/$npm_tgz")"
  if [ "$got" != "$npm_integrity" ]; then
    echo "fetch-photos: $npm_tgz has integrity $got, pinned $npm_integrity" >&2
    exit 1
  fi
  mv "$work/npm/$npm_tgz" "$tgz"
fi
tar -xzf "$tgz" -C "$work" package/demo
cp "$work"/package/demo/sample*.jpg "$work/out/face-api/"

if ! verify "$work/out"; then
  (cd "$work/out" && sha256sum --strict -c "$sums" | grep -v ': OK$') >&2 || true
  echo "fetch-photos: the fetched photos do not match $sums" >&2
  exit 1
fi
rm -rf "$dest.tmp"
mv "$work/out" "$dest.tmp"
chmod -R u+rwX,go+rX "$dest.tmp"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
verify "$dest"
echo "photos: $(wc -l < "$sums") photos in $dest ($(basename "$deb"), $npm_pkg@$npm_ver)"
