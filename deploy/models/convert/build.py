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


def _human_graph(files, kind):
    import tfjs_graph
    return tfjs_graph.load(files["models/%s.json" % kind], lambda p: files["models/" + p])


def _human_module():
    # tfjs_ops defines the TorchScript node modules that human_face builds on:
    # both under repo-relative names, so model.pt does not depend on the checkout path
    _import_stable("tfjs_ops")
    return _import_stable("human_face")


def _convert_blazeface(files):
    model = _human_module().build_blazeface(_human_graph(files, "blazeface"))
    return model, (_example(1, 256) * 255.0,)


def _convert_facemesh(files):
    model = _human_module().build_facemesh(_human_graph(files, "facemesh"))
    return model, (_example(1, 192) * 255.0,)


def _convert_emotion(files):
    model = _human_module().build_emotion(_human_graph(files, "emotion"))
    return model, (_example(1, 64) * 255.0, _zeros(1))


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
        "files": ["models/dlib_face_recognition_resnet_model_v1.dat"],
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
        "files": ["models/faceres.json", "models/faceres.bin"],
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
    "blazeface": {
        "package": "@vladmandic/human",
        "file": "models/blazeface.json",
        "files": ["models/blazeface.json", "models/blazeface.bin"],
        "convert": _convert_blazeface,
        "converter_sources": ["build.py", "common.py", "tfjs_graph.py", "tfjs_ops.py", "human_face.py"],
        "descriptor": {
            "version": "MediaPipe BlazeFace, back-camera variant, blazeface.json (@vladmandic/human 3.3.6)",
            "description": "Google MediaPipe's BlazeFace short-range detector for 256x256 input: 896 anchors, each "
                           "with a face score, a box and 6 keypoints, decoded inside the model.",
            "license": "Apache-2.0",
            "roles": ["detection"],
            "input": {"width": 256, "height": 256, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                      "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "resize": "bilinear"},
            "inputs": ["image"],
            "outputs": [{"name": "scores", "shape": [896]},
                        {"name": "boxes", "shape": [896, 4]},
                        {"name": "keypoints", "shape": [896, 6, 2]}],
            "embedding": None,
            "gradcam": None,
            "heads": [],
            "detection": {
                "normalisation": "inside the model: x / 127.5 - 1",
                "boxes": "x1, y1, x2, y2 in input pixels",
                "keypoints": ["right eye", "left eye", "nose tip", "mouth centre", "right ear tragion",
                              "left ear tragion"],
                "anchors": {"strides": [16, 32], "perCell": [2, 6], "offset": 0.5, "count": 896,
                            "order": "stride 16 grid (16x16) then stride 32 grid (8x8), row-major, the anchors "
                                     "of one cell consecutive; anchor centre = stride * (col + offset, "
                                     "row + offset)"},
                "decoding": "centre = raw[1:3] + anchor, size = raw[3:5], keypoint k = raw[5+2k:7+2k] + anchor, "
                            "score = sigmoid(raw[0]) (done inside the model)",
            },
            "golden": "golden/blazeface.json",
        },
    },
    "facemesh": {
        "package": "@vladmandic/human",
        "file": "models/facemesh.json",
        "files": ["models/facemesh.json", "models/facemesh.bin"],
        "convert": _convert_facemesh,
        "converter_sources": ["build.py", "common.py", "tfjs_graph.py", "tfjs_ops.py", "human_face.py"],
        "descriptor": {
            "version": "MediaPipe FaceMesh facemesh.json (@vladmandic/human 3.3.6)",
            "description": "Google MediaPipe's FaceMesh: 468 3-D face landmarks and a face confidence from a "
                           "192x192 face crop.",
            "license": "Apache-2.0",
            "roles": ["landmarks"],
            "input": {"width": 192, "height": 192, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                      "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "resize": "bilinear"},
            "inputs": ["image"],
            "outputs": [{"name": "landmarks", "shape": [468, 3]},
                        {"name": "confidence", "shape": [1]}],
            "embedding": None,
            "gradcam": None,
            "heads": [],
            "landmarks": {
                "normalisation": "inside the model: x / 255",
                "count": 468,
                "units": "x, y in input pixels (0..192); z relative depth in the same units, smaller is nearer",
                "topology": "MediaPipe's canonical face mesh (human's src/face/facemeshcoords.ts)",
                "crop": "a square around the face, about 1.4 to 1.6 times the detector's box, upright",
            },
            "golden": "golden/facemesh.json",
        },
    },
    "emotion": {
        "package": "@vladmandic/human",
        "file": "models/emotion.json",
        "files": ["models/emotion.json", "models/emotion.bin"],
        "convert": _convert_emotion,
        "converter_sources": ["build.py", "common.py", "tfjs_graph.py", "tfjs_ops.py", "human_face.py"],
        "descriptor": {
            "version": "oarriaga mini-Xception emotion.json (@vladmandic/human 3.3.6)",
            "description": "oarriaga's FER-2013 emotion classifier (7 classes) on a 64x64 grey face, with one "
                           "yes-no head per emotion.",
            "license": "MIT",
            "roles": ["attribute"],
            "input": {"width": 64, "height": 64, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                      "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "resize": "bilinear"},
            "inputs": ["image", "delta"],
            "outputs": [{"name": "features", "shape": [256, 8, 8]},
                        {"name": "angry", "shape": [2]},
                        {"name": "disgusted", "shape": [2]},
                        {"name": "fearful", "shape": [2]},
                        {"name": "smiling", "shape": [2]},
                        {"name": "sad", "shape": [2]},
                        {"name": "surprised", "shape": [2]},
                        {"name": "neutral", "shape": [2]},
                        {"name": "emotion", "shape": [7]}],
            "embedding": None,
            "gradcam": {"layer": "add_2/add", "output": "features", "exposure": "delta-input"},
            "heads": [{"attribute": "Angry", "output": "angry", "kind": "yes-no", "classes": ["yes", "no"]},
                      {"attribute": "Disgusted", "output": "disgusted", "kind": "yes-no",
                       "classes": ["yes", "no"]},
                      {"attribute": "Fearful", "output": "fearful", "kind": "yes-no", "classes": ["yes", "no"]},
                      {"attribute": "Smiling", "output": "smiling", "kind": "yes-no", "classes": ["yes", "no"]},
                      {"attribute": "Sad", "output": "sad", "kind": "yes-no", "classes": ["yes", "no"]},
                      {"attribute": "Surprised", "output": "surprised", "kind": "yes-no",
                       "classes": ["yes", "no"]},
                      {"attribute": "Neutral expression", "output": "neutral", "kind": "yes-no",
                       "classes": ["yes", "no"]}],
            "golden": "golden/emotion.json",
        },
    },
}


def fingerprint(name):
    import torch
    spec = MODELS[name]
    src = common.sources()[spec["package"]]
    h = hashlib.sha256()
    files = {f: src["files"][f] for f in spec["files"]}
    h.update(json.dumps({"package": spec["package"], "version": src["version"],
                         "integrity": src["integrity"], "files": files,
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
    for k in ("roles", "input", "inputs", "outputs", "embedding", "gradcam", "heads"):
        out[k] = d[k]
    # role-specific blocks (docs/models.md): how to read a detector's and a landmark model's outputs
    for k in EXTRA_FIELDS:
        if k in d:
            out[k] = d[k]
    out["golden"] = d["golden"]
    return out


EXTRA_FIELDS = ("detection", "landmarks")


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
    files = common.read_source_files(spec["package"], spec["files"])
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
