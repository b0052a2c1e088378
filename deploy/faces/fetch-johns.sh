#!/usr/bin/env bash
# Fetches dlib's "johns" face photos (5 people x 11 aligned 150x150 JPEGs) from
# the Debian package libdlib19.1 into $SIM2WORD_HOME/faces/johns/<Person>/.
# The photos are never committed; deploy/faces/johns.sha256 pins every file.
#
# Usage: deploy/faces/fetch-johns.sh            (idempotent; fast when done)
# Needs: apt-get (with package lists), dpkg-deb, sha256sum. No root needed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
home="${SIM2WORD_HOME:-$repo/.sim2word}"
dest="$home/faces/johns"
sums="$here/johns.sha256"
pkg="libdlib19.1"
docdir="usr/share/doc/$pkg/examples/johns"

verify() {   # verify <dir>: every listed file present with the pinned checksum
  (cd "$1" && sha256sum --quiet --strict -c "$sums") >/dev/null 2>&1
}

if [ -d "$dest" ] && verify "$dest"; then
  echo "johns: $(wc -l < "$sums") photos already in $dest (checksums OK)"
  exit 0
fi

for tool in apt-get dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || { echo "fetch-johns: '$tool' is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$home/cache/apt"
deb="$(ls "$home"/cache/apt/${pkg}_*.deb 2>/dev/null | head -n1 || true)"
if [ -z "$deb" ]; then
  # apt-get download writes into the current directory and needs no root,
  # only readable package lists.
  if ! (cd "$work" && apt-get download "$pkg" >"$work/apt.log" 2>&1); then
    cat "$work/apt.log" >&2
    echo "fetch-johns: 'apt-get download $pkg' failed. Make sure a Debian bookworm" \
         "(or compatible) 'main' source is configured and run 'sudo apt-get update'," \
         "then retry. Alternatively place ${pkg}_*.deb into $home/cache/apt/." >&2
    exit 1
  fi
  deb="$(ls "$work"/${pkg}_*.deb | head -n1)"
  cp "$deb" "$home/cache/apt/"
fi

dpkg-deb -x "$deb" "$work/x"
if [ ! -d "$work/x/$docdir" ]; then
  echo "fetch-johns: $(basename "$deb") has no $docdir" >&2
  exit 1
fi
if ! verify "$work/x/$docdir"; then
  (cd "$work/x/$docdir" && sha256sum --strict -c "$sums" | grep -v ': OK$') >&2 || true
  echo "fetch-johns: the photos in $(basename "$deb") do not match $sums" >&2
  exit 1
fi

rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
cp -r "$work/x/$docdir/." "$dest.tmp/"
chmod -R u+rwX,go+rX "$dest.tmp"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
verify "$dest"
echo "johns: $(wc -l < "$sums") photos of $(ls "$dest" | wc -l) people in $dest (from $(basename "$deb"))"
