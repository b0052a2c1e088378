#!/usr/bin/env bash
# Sim2Word model step: fetches the pinned npm packages, converts the face
# models to TorchScript and verifies them against the committed golden outputs.
#
#   deploy/models/install.sh [--force] [--test]
#
#   --force   reconvert even when models/<name>/model.pt is up to date
#   --test    run the full unit tests even when nothing was converted
#
# Output goes to ${SIM2WORD_HOME:-<repo>/.sim2word}:
#   cache/npm/*.tgz                      pinned tarballs (sha512 from sources.json)
#   models/<name>/model.pt               TorchScript (torch.jit.script)
#   models/<name>/model.json             descriptor read by the Java side
#   models/<name>/golden.json            copy of deploy/models/golden/<name>.json
#   models/<name>/golden-inputs/<i>.rgb  exact uint8 RGB inputs of the golden cases
#   faces/johns/<Person>/*.jpg           test photos (deploy/faces/fetch-johns.sh)
#   faces/photos/{dlib,face-api}/*.jpg   group photos (deploy/faces/fetch-photos.sh)
#
# Idempotent: when everything is in place it only re-checks the goldens.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SIM2WORD_HOME="${SIM2WORD_HOME:-$repo/.sim2word}"
export PYTHONDONTWRITEBYTECODE=1
PY=/usr/bin/python3      # Debian's python3-torch lives here; a pyenv python3 earlier on PATH has no torch

force=""
run_tests=0
for arg in "$@"; do
  case "$arg" in
    --force) force="--force" ;;
    --test) run_tests=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# --- prerequisites ----------------------------------------------------------
missing=()
if [ ! -x "$PY" ] || ! "$PY" -c 'import torch, numpy, PIL' >/dev/null 2>&1; then
  missing+=(python3 python3-torch python3-numpy python3-pil)
fi
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt=(apt-get)
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt=(sudo apt-get)
  else
    echo "install.sh: missing prerequisites. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    echo "(Debian bookworm packages; the converters need Debian's torch 1.13 as $PY)" >&2
    exit 1
  fi
  echo "installing ${missing[*]} (apt)"
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; then
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
  fi
  "$PY" -c 'import torch, numpy, PIL' || { echo "install.sh: $PY still cannot import torch/numpy/PIL" >&2; exit 1; }
fi

# --- faces (inputs of the golden checks) -------------------------------------
"$repo/deploy/faces/fetch-johns.sh"
"$repo/deploy/faces/fetch-photos.sh"

# --- fetch + convert (skipped per model when up to date) ----------------------
echo "models in $SIM2WORD_HOME/models"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$PY" "$here/convert/build.py" convert $force | tee "$log"
if grep -q "converted in" "$log"; then
  run_tests=1
fi

# --- verification -----------------------------------------------------------
if [ "$run_tests" = 1 ]; then
  echo "unit tests (deploy/models/tests)"
  tlog="$(mktemp)"
  if ! "$PY" -m unittest discover -s "$here/tests" >"$tlog" 2>&1; then
    cat "$tlog" >&2
    rm -f "$tlog"
    echo "install.sh: model tests FAILED" >&2
    exit 1
  fi
  tail -n 3 "$tlog"
  rm -f "$tlog"
fi
echo "golden check"
"$PY" "$here/convert/build.py" summary
