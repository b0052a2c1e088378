"""Regenerates the committed golden outputs with the ORIGINAL runtimes, not
with Sim2Word's converters:

  dlib-resnet29.json  dlib's own C++ (Debian libdlib-dev, dlib_golden.cpp)
  hse-faceres.json    TF.js (tfjs-core/-converter/-backend-cpu, faceres_golden.js)
  blazeface.json, facemesh.json, emotion.json
                      TF.js with human's preprocessing and decoding (human_golden.js)

This is a maintainer step (the goldens are committed; install.sh only checks
against them).  Needs: g++ and libdlib-dev (apt-get install g++ libdlib-dev),
node + npm, the johns photos (deploy/faces/fetch-johns.sh), the group photos
(deploy/faces/fetch-photos.sh) and the cached npm tarballs
(deploy/models/convert/build.py fetch).

Usage: /usr/bin/python3 deploy/models/golden/make_goldens.py [dlib] [faceres] [blazeface] [facemesh] [emotion]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "convert"))

import common  # noqa: E402
import images  # noqa: E402

CASES = ["johns/John_Salley/000179_02159509.jpg",
         "johns/John_Simm/000288_00470387.jpg",
         "johns/John_Shimkus/000373_03228153.jpg"]


def _run(cmd, **kw):
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if res.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (" ".join(cmd), res.stderr[-3000:]))
    return res.stdout


def _dpkg_version(pkg):
    try:
        return _run(["dpkg-query", "-W", "-f=${Version}", pkg]).strip()
    except Exception:
        return "unknown"


def _face(rel):
    path = os.path.join(common.faces_dir(), rel)
    if not os.path.exists(path):
        raise SystemExit("%s missing: run deploy/faces/fetch-johns.sh first" % path)
    return path


def make_dlib(tmp):
    pkg = "face-recognition-models"
    common.ensure_tarball(pkg)
    name = "models/dlib_face_recognition_resnet_model_v1.dat"
    dat = os.path.join(tmp, "model.dat")
    with open(dat, "wb") as f:
        f.write(common.read_source_files(pkg, [name])[name])
    exe = os.path.join(tmp, "dlib_golden")
    # Debian's dlib-1.pc names libblas.so/liblapack.so, which only exist with
    # the -dev packages; libdlib.so itself already links them, so we link
    # the shared library directly.
    _run(["g++", "-O2", "-std=c++14", os.path.join(HERE, "dlib_golden.cpp"),
          "-ldlib", "-lpthread", "-ljpeg", "-lpng", "-lz", "-o", exe])
    raw = os.path.join(tmp, "raw")
    os.makedirs(raw)
    lines = _run([exe, dat, common.faces_dir(), raw] + CASES).strip().splitlines()
    cases = []
    for i, (rel, line) in enumerate(zip(CASES, lines)):
        rec = json.loads(line)
        assert rec["input"] == rel
        with open(os.path.join(raw, "%d.rgb" % i), "rb") as f:
            dlib_pixels = f.read()
        pil = images.decode_rgb(_face(rel))
        # The Python side must see exactly the pixels dlib decoded.
        if pil.tobytes() != dlib_pixels:
            raise SystemExit("%s: Pillow and dlib decode this JPEG differently; "
                             "cannot produce a comparable golden" % rel)
        cases.append({"input": rel, "file_sha256": common.sha256_file(_face(rel)),
                      "height": rec["height"], "width": rec["width"],
                      "pixels_sha256": common.sha256_bytes(dlib_pixels),
                      "outputs": {"embedding": rec["descriptor"]}})
    return {
        "model": "dlib-resnet29",
        "generator": "deploy/models/golden/dlib_golden.cpp compiled with g++ against Debian libdlib-dev %s "
                     "(dlib's own loader and network)" % _dpkg_version("libdlib-dev"),
        "source": {"package": pkg, "version": common.sources()[pkg]["version"], "file": name,
                   "sha256": common.sources()[pkg]["files"][name]},
        "preprocessing": "the 150x150 johns JPEG decoded to HWC uint8 RGB (dlib::load_image, libjpeg; "
                         "Pillow gives the same bytes, see pixels_sha256), model input "
                         "(rgb - [122.782, 117.001, 104.298]) / 256 as NCHW float32",
        "tolerance": 1e-5,
        "cases": cases,
    }


def make_faceres(tmp):
    pkg = "@vladmandic/human"
    common.ensure_tarball(pkg)
    files = common.read_source_files(pkg)
    mdir = os.path.join(tmp, "faceres")
    os.makedirs(mdir)
    for name, data in files.items():
        with open(os.path.join(mdir, os.path.basename(name)), "wb") as f:
            f.write(data)
    # The pinned TF.js runtime, installed from the committed lock file.
    tools = os.path.join(common.data_home(), "tools", "golden-tfjs")
    os.makedirs(tools, exist_ok=True)
    for f in ("package.json", "package-lock.json"):
        shutil.copyfile(os.path.join(HERE, "tfjs", f), os.path.join(tools, f))
    _run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=tools)
    rgb_files, prepared = [], []
    for i, rel in enumerate(CASES):
        img = images.decode_rgb(_face(rel))
        small = images.resize_bilinear(img, 224, 224)
        p = os.path.join(tmp, "%d.rgb" % i)
        with open(p, "wb") as f:
            f.write(small.tobytes())
        rgb_files.append(p)
        prepared.append((rel, img.shape, small))
    env = dict(os.environ, NODE_PATH=os.path.join(tools, "node_modules"))
    lines = _run(["node", os.path.join(HERE, "faceres_golden.js"), mdir] + rgb_files, env=env).strip().splitlines()
    cases = []
    tfjs = None
    for (rel, shape, small), line in zip(prepared, lines):
        rec = json.loads(line)
        tfjs = rec["tfjs"]
        out = rec["outputs"]
        out.pop("features_shape_nhwc")
        cases.append({"input": rel, "file_sha256": common.sha256_file(_face(rel)),
                      "resized_from": [int(shape[0]), int(shape[1])], "height": 224, "width": 224,
                      "pixels_sha256": images.sha256_bytes(small), "outputs": out})
    return {
        "model": "hse-faceres",
        "generator": "deploy/models/golden/faceres_golden.js on TF.js %s (backend %s; tfjs-core, "
                     "tfjs-converter, tfjs-backend-cpu pinned in golden/tfjs/package-lock.json), node %s"
                     % (tfjs["version"], tfjs["backend"], _run(["node", "--version"]).strip()),
        "source": {"package": pkg, "version": common.sources()[pkg]["version"],
                   "files": common.sources()[pkg]["files"]},
        "preprocessing": "the 150x150 johns JPEG decoded to HWC uint8 RGB with Pillow, resized to 224x224 "
                         "by deploy/models/convert/images.py resize_bilinear (half-pixel centres, no "
                         "antialiasing, float64, rounded half up; pixels_sha256 is the sha256 of the "
                         "resized bytes), fed as float32 0..255 (TF.js: NHWC, TorchScript: NCHW)",
        "outputs_meaning": {
            "embedding": "global_pooling/Mean [1024]",
            "embedding_l2": "L2 norm of embedding",
            "gender_logit": "gender_pred/BiasAdd, the pre-sigmoid logit z; P(male) = sigmoid(z)",
            "p_male": "gender_pred/Sigmoid",
            "age": "age_pred/Softmax [100]; bin i stands for age i+1 years (see hse_faceres.py)",
            "features_sum": "sum of conv_pw_13_relu/clip_by_value over all 7x7x1024 values",
            "features_channel0": "conv_pw_13_relu/clip_by_value channel 0, 7x7 row-major",
        },
        "tolerance": 1e-4,
        "cases": cases,
    }


# Inputs of the goldens of human's face models: for BlazeFace whole photos
# (padded to a square at the bottom or right with black, then resized to 256, as
# the Java FaceFinder feeds it), for FaceMesh and emotion the johns face chips
# resized to the model's input.
HUMAN_CASES = {
    "blazeface": (["photos/dlib/2008_002506.jpg", "photos/dlib/2009_004587.jpg", "photos/face-api/sample1.jpg"],
                  256, True),
    "facemesh": (CASES, 192, False),
    "emotion": (CASES, 64, False),
}

HUMAN_OUTPUTS = {
    "blazeface": {
        "logits": "the 896 anchors' face logits, in human's head order (16x16 grid x 2 anchors, then 8x8 x 6)",
        "top": "the 16 anchors with the largest logits: anchor index, the raw row [logit, 4 box regressors, "
               "12 keypoint regressors], sigmoid score, and human's decoding: box x1,y1,x2,y2 and 6 keypoints "
               "in input pixels",
    },
    "facemesh": {
        "mesh": "Identity_2 (output_mesh) [1404] = 468 x (x, y, z) in input pixels",
        "faceflag": "Identity_1 (output_faceflag), sigmoid confidence that the crop holds a face",
    },
    "emotion": {
        "probabilities": "Identity (predictions/Softmax) [7]: angry, disgust, fear, happy, sad, surprise, neutral",
        "features_sum": "sum of add_2/add (the last feature map, 8x8x256)",
        "features_channel0": "add_2/add channel 0, 8x8 row-major",
    },
}


def _tfjs_runtime():
    """The pinned TF.js runtime, installed from the committed lock file."""
    tools = os.path.join(common.data_home(), "tools", "golden-tfjs")
    os.makedirs(tools, exist_ok=True)
    for f in ("package.json", "package-lock.json"):
        shutil.copyfile(os.path.join(HERE, "tfjs", f), os.path.join(tools, f))
    if not os.path.isdir(os.path.join(tools, "node_modules", "@tensorflow", "tfjs-converter")):
        _run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=tools)
    return tools


def human_case_pixels(rel, size, pad):
    img = images.decode_rgb(_face(rel))
    shape = img.shape
    if pad:
        img = images.pad_square(img)
    return shape, img.shape, images.resize_bilinear(img, size, size)


def make_human(kind, tmp):
    pkg = "@vladmandic/human"
    common.ensure_tarball(pkg)
    names = ["models/%s.json" % kind, "models/%s.bin" % kind]
    files = common.read_source_files(pkg, names)
    mdir = os.path.join(tmp, "model")
    os.makedirs(mdir)
    for name, data in files.items():
        with open(os.path.join(mdir, os.path.basename(name)), "wb") as f:
            f.write(data)
    tools = _tfjs_runtime()
    rels, size, pad = HUMAN_CASES[kind]
    rgb_files, prepared = [], []
    for i, rel in enumerate(rels):
        shape, padded, small = human_case_pixels(rel, size, pad)
        p = os.path.join(tmp, "%d.rgb" % i)
        with open(p, "wb") as f:
            f.write(small.tobytes())
        rgb_files.append(p)
        prepared.append((rel, shape, padded, small))
    env = dict(os.environ, NODE_PATH=os.path.join(tools, "node_modules"))
    lines = _run(["node", os.path.join(HERE, "human_golden.js"), kind, mdir] + rgb_files,
                 env=env).strip().splitlines()
    cases = []
    tfjs = None
    for (rel, shape, padded, small), line in zip(prepared, lines):
        rec = json.loads(line)
        tfjs = rec["tfjs"]
        out = rec["outputs"]
        out.pop("features_shape_nhwc", None)
        case = {"input": rel, "file_sha256": common.sha256_file(_face(rel)),
                "resized_from": [int(padded[0]), int(padded[1])], "height": size, "width": size,
                "pixels_sha256": images.sha256_bytes(small), "outputs": out}
        if pad:
            case["padded_from"] = [int(shape[0]), int(shape[1])]
        cases.append(case)
    how = ("decoded to HWC uint8 RGB with Pillow, %sresized to %dx%d by deploy/models/convert/images.py "
           "resize_bilinear (half-pixel centres, no antialiasing, float64, rounded half up; pixels_sha256 is the "
           "sha256 of the resized bytes), fed as float32 0..255 to TorchScript (NCHW) and, after human's own "
           "normalisation, to TF.js (NHWC)"
           % ("padded to a square with black at the bottom or right (images.pad_square), " if pad else "",
              size, size))
    return {
        "model": kind,
        "generator": "deploy/models/golden/human_golden.js on TF.js %s (backend %s; tfjs-core, tfjs-converter, "
                     "tfjs-backend-cpu pinned in golden/tfjs/package-lock.json), node %s"
                     % (tfjs["version"], tfjs["backend"], _run(["node", "--version"]).strip()),
        "source": {"package": pkg, "version": common.sources()[pkg]["version"],
                   "files": {n: common.sources()[pkg]["files"][n] for n in names}},
        "preprocessing": how,
        "outputs_meaning": HUMAN_OUTPUTS[kind],
        "tolerance": HUMAN_TOLERANCES[kind],
        "cases": cases,
    }


# max |d| allowed between TorchScript and TF.js; BlazeFace's and FaceMesh's
# outputs are pixel coordinates up to 256, so float32 rounding in a deep net
# reaches 1e-4 there.
HUMAN_TOLERANCES = {"blazeface": 1e-3, "facemesh": 1e-3, "emotion": 1e-4}


def main(argv):
    which = argv or ["dlib", "faceres", "blazeface", "facemesh", "emotion"]
    with tempfile.TemporaryDirectory() as tmp:
        for w in which:
            sub = os.path.join(tmp, w)
            os.makedirs(sub)
            if w == "dlib":
                g, out = make_dlib(sub), "dlib-resnet29.json"
            elif w == "faceres":
                g, out = make_faceres(sub), "hse-faceres.json"
            elif w in HUMAN_CASES:
                g, out = make_human(w, sub), "%s.json" % w
            else:
                raise SystemExit("unknown golden %r" % w)
            common.write_json(os.path.join(HERE, out), g)
            print("wrote", os.path.join(HERE, out))


if __name__ == "__main__":
    main(sys.argv[1:])
