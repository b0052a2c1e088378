"""Sim2Word model step: fetch the pinned npm tarballs, convert each model to
TorchScript, write its descriptor (model.json), and report.

Usage (normally through deploy/models/install.sh):
  /usr/bin/python3 deploy/models/convert/build.py fetch
  /usr/bin/python3 deploy/models/convert/build.py convert [--force] [NAME...]
  /usr/bin/python3 deploy/models/convert/build.py summary [NAME...]

Conversion is skipped when models/<name>/model.pt exists, its sha256 equals the
one in models/<name>/model.json, and build-info.json records the same
fingerprint of the converter inputs (pinned source files, converter code,
torch version).
"""

import argparse
import hashlib
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

# ---------------------------------------------------------------------------
# Model registry.  To add a model: pin its package in sources.json, add an
# entry here (source, converter, converter_sources, descriptor fields), add a
# golden generator + golden JSON, and a comparison in check.py.
# ---------------------------------------------------------------------------


def _import_stable(name):
    """Imports convert/<name>.py under the repo-relative file name
    'deploy/models/convert/<name>.py'.  TorchScript stores the defining file's
    name in the saved debug info; without this the bytes of model.pt (and so
    its sha256) would depend on where the repository is checked out."""
    if name in sys.modules and getattr(sys.modules[name], "__stable__", False):
        return sys.modules[name]
    import linecache
    import types
    path = os.path.join(common.CONVERT_DIR, name + ".py")
    with open(path) as f:
        src = f.read()
    virtual = "deploy/models/convert/%s.py" % name
    lines = src.splitlines(True)
    linecache.cache[virtual] = (len(src), None, lines, virtual)   # mtime None: never invalidated
    mod = types.ModuleType(name)
    mod.__file__ = virtual
    mod.__stable__ = True
    sys.modules[name] = mod
    exec(compile(src, virtual, "exec"), mod.__dict__)
    return mod


def _convert_dlib(files):
    import dlib_dat
    dlib_resnet = _import_stable("dlib_resnet")
    parsed = dlib_dat.read_dat(files["models/dlib_face_recognition_resnet_model_v1.dat"])
    inp = parsed["input"]
    means = [inp["avg_red"], inp["avg_green"], inp["avg_blue"]]
    want = MODELS["dlib-resnet29"]["descriptor"]["input"]["mean"]
    if any(abs(a - b) > 1e-4 for a, b in zip(means, want)) or (inp["nr"], inp["nc"]) != (150, 150):
        raise ValueError("input layer of the .dat (%s, %dx%d) differs from the descriptor" % (means, inp["nr"], inp["nc"]))
    model = dlib_resnet.build(parsed)
    example = (_example(1, 150),)
    return model, example


def _convert_faceres(files):
    import tfjs_graph
    hse_faceres = _import_stable("hse_faceres")
    graph = tfjs_graph.load(files["models/faceres.json"], lambda p: files["models/" + p])
    model = hse_faceres.build(graph)
    example = (_example(1, 224) * 255.0, _zeros(1))
    return model, example


def _example(n, size):
    import torch
    g = torch.Generator().manual_seed(1234)
    return torch.rand(n, 3, size, size, generator=g)


def _zeros(n):
    import torch
    return torch.zeros(n)


MODELS = {
    "dlib-resnet29": {
        "package": "face-recognition-models",
        "file": "models/dlib_face_recognition_resnet_model_v1.dat",
        "convert": _convert_dlib,
        "converter_sources": ["build.py", "common.py", "dlib_dat.py", "dlib_resnet.py"],
        "descriptor": {
            "version": "dlib_face_recognition_resnet_model_v1 (face-recognition-models 0.0.0)",
            "description": "dlib's ResNet-29 metric-learning face descriptor (128-d, 99.38% on LFW per its "
                           "author); same person when the Euclidean distance is below 0.6.",
            "license": "CC0-1.0",
            "roles": ["verification"],
            "input": {"width": 150, "height": 150, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                      "mean": [122.782, 117.001, 104.298], "std": [256.0, 256.0, 256.0],
                      "resize": "bilinear"},
            "inputs": ["image"],
            "outputs": [{"name": "embedding", "shape": [128]}],
            "embedding": "embedding",
            "gradcam": None,
            "heads": [],
            "golden": "golden/dlib-resnet29.json",
        },
    },
    "hse-faceres": {
        "package": "@vladmandic/human",
        "file": "models/faceres.json",
        "convert": _convert_faceres,
        "converter_sources": ["build.py", "common.py", "tfjs_graph.py", "hse_faceres.py"],
        "descriptor": {
            "version": "HSE FaceRes faceres.json (@vladmandic/human 3.3.6)",
            "description": "HSE FaceRes: MobileNet trunk trained on VGGFace2 for identification with a "
                           "1024-d pooled embedding plus gender and 100-bin age heads.",
            "license": "Apache-2.0",
            "roles": ["identification", "attribute"],
            "input": {"width": 224, "height": 224, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                      "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "resize": "bilinear"},
            "inputs": ["image", "delta"],
            "outputs": [{"name": "features", "shape": [1024, 7, 7]},
                        {"name": "embedding", "shape": [1024]},
                        {"name": "gender", "shape": [2]},
                        {"name": "age_group", "shape": [3]},
                        {"name": "age", "shape": [100]}],
            "embedding": "embedding",
            "gradcam": {"layer": "conv_pw_13_relu/clip_by_value", "output": "features",
                        "exposure": "delta-input"},
            "heads": [{"attribute": "Gender", "output": "gender", "kind": "categorical",
                       "classes": ["Male", "Female"]},
                      {"attribute": "Age", "output": "age_group", "kind": "categorical",
                       "classes": ["Young", "Middle Aged", "Senior"]}],
            "golden": "golden/hse-faceres.json",
        },
    },
}


def fingerprint(name):
    import torch
    spec = MODELS[name]
    src = common.sources()[spec["package"]]
    h = hashlib.sha256()
    h.update(json.dumps({"package": spec["package"], "version": src["version"],
                         "integrity": src["integrity"], "files": src["files"],
                         "torch": torch.__version__,
                         "descriptor": spec["descriptor"]}, sort_keys=True).encode())
    for f in spec["converter_sources"]:
        with open(os.path.join(common.CONVERT_DIR, f), "rb") as fh:
            h.update(f.encode() + b"\0" + fh.read())
    return h.hexdigest()


def descriptor(name, model_sha):
    spec = MODELS[name]
    src = common.sources()[spec["package"]]
    d = spec["descriptor"]
    out = {"schema": 1, "name": name, "version": d["version"], "description": d["description"],
           "license": d["license"],
           "source": {"registry": "npm", "package": spec["package"], "version": src["version"],
                      "file": spec["file"], "sha256": src["files"][spec["file"]]},
           "file": "model.pt", "sha256": model_sha}
    for k in ("roles", "input", "inputs", "outputs", "embedding", "gradcam", "heads", "golden"):
        out[k] = d[k]
    return out


def up_to_date(name):
    mdir = common.model_dir(name)
    pt, desc, info = (os.path.join(mdir, f) for f in ("model.pt", "model.json", "build-info.json"))
    if not all(os.path.exists(p) for p in (pt, desc, info)):
        return False
    try:
        d = common.read_json(desc)
        i = common.read_json(info)
    except ValueError:
        return False
    return (d.get("sha256") == common.sha256_file(pt) and i.get("fingerprint") == fingerprint(name)
            and d == descriptor(name, d.get("sha256")))


def convert(name, force=False, log=print):
    import torch
    spec = MODELS[name]
    mdir = common.model_dir(name)
    golden_src = os.path.join(common.MODELS_DIR, spec["descriptor"]["golden"])
    if not force and up_to_date(name):
        shutil.copyfile(golden_src, os.path.join(mdir, "golden.json"))
        log("  %s: up to date (%s)" % (name, os.path.join(mdir, "model.pt")))
        return False
    common.ensure_tarball(spec["package"], log=log)
    t0 = time.time()
    files = common.read_source_files(spec["package"])
    model, example = spec["convert"](files)
    scripted = torch.jit.script(model)
    os.makedirs(mdir, exist_ok=True)
    tmp = os.path.join(mdir, "model.pt.tmp")
    scripted.save(tmp)
    # The saved file must reproduce the eager module.
    reloaded = torch.jit.load(tmp)
    with torch.no_grad():
        a = model(*example)
        b = reloaded(*example)
    a = a if isinstance(a, tuple) else (a,)
    b = b if isinstance(b, tuple) else (b,)
    for x, y in zip(a, b):
        if not torch.equal(x, y):
            raise RuntimeError("%s: reloaded TorchScript differs from the eager module" % name)
    seconds = time.time() - t0
    pt = os.path.join(mdir, "model.pt")
    os.replace(tmp, pt)
    sha = common.sha256_file(pt)
    shutil.copyfile(golden_src, os.path.join(mdir, "golden.json"))
    common.write_json(os.path.join(mdir, "model.json"), descriptor(name, sha))
    common.write_json(os.path.join(mdir, "build-info.json"), {
        "fingerprint": fingerprint(name), "torch": torch.__version__,
        "conversion_seconds": round(seconds, 3), "method": "torch.jit.script",
        "size_bytes": os.path.getsize(pt)})
    log("  %s: converted in %.1f s -> %s" % (name, seconds, pt))
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("fetch")
    c = sub.add_parser("convert")
    c.add_argument("--force", action="store_true")
    c.add_argument("names", nargs="*")
    s = sub.add_parser("summary")
    s.add_argument("names", nargs="*")
    args = ap.parse_args(argv)
    names = getattr(args, "names", None) or list(MODELS)
    for n in names:
        if n not in MODELS:
            ap.error("unknown model %r (known: %s)" % (n, ", ".join(MODELS)))
    if args.cmd == "fetch":
        for pkg in sorted({MODELS[n]["package"] for n in MODELS}):
            path = common.ensure_tarball(pkg)
            print("  %s@%s: %s (integrity OK)" % (pkg, common.sources()[pkg]["version"], path))
    elif args.cmd == "convert":
        for n in names:
            convert(n, force=args.force)
    elif args.cmd == "summary":
        import check
        ok = True
        for n in names:
            res = check.against_golden(n)
            d = common.read_json(os.path.join(common.model_dir(n), "model.json"))
            size = os.path.getsize(os.path.join(common.model_dir(n), "model.pt"))
            status = "OK" if res["max_abs_diff"] <= res["tolerance"] else "FAIL"
            ok &= status == "OK"
            print("  %-14s sha256 %s  %6.1f MB  max|d| vs golden %.2e (tol %.0e, %d images) %s"
                  % (n, d["sha256"], size / 1e6, res["max_abs_diff"], res["tolerance"], res["cases"], status))
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
