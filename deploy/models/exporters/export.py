"""Exports one of the paper's checkpoints to the worker's model contract
(docs/models.md): TorchScript model.pt, its descriptor model.json (with the
file's sha256), golden.json with PyTorch's outputs on fixed inputs, the
inputs themselves (golden-inputs/<i>.rgb, raw HWC uint8 RGB at the model's
input size) and build-info.json.

Usage:
  /usr/bin/python3 deploy/models/exporters/export.py KIND CHECKPOINT OUT_DIR
        [--name NAME] [--identity-meta identity_meta.csv | --labels FILE]

  KIND is one of (see KINDS below and deploy/models/README.md):
    vggface2-resnet50    resnet50_scratch_weight.pkl / resnet50_ft_weight.pkl
    vggface2-senet50     senet50_ft_weight.pkl / senet50_scratch_weight.pkl
    attribute-resnet50   Face-Attributes2.pth
    arcface-r50, arcface-r100, cosface-r50, cosface-r100
                         insightface backbone.pth (iresnet50 / iresnet100)
    vggface2-arc         vggface2-arc.pth
    vggface2-evidential  vggface-evidential.pth

  OUT_DIR becomes $SIM2WORD_HOME/models/<name>/ for the worker; the folder is
  created, existing files in it are replaced.

The network is rebuilt in PyTorch (vggface2_resnet, senet, attribute_resnet,
iresnet), filled from the checkpoint only if its keys and shapes match
exactly (checkpoints.load_strict), wrapped in the Grad-CAM contract
(forward(image, delta=None) -> [F, embedding, heads...]) and scripted.
The golden outputs come from the eager rebuilt network with its original
forward (reference.py), not from the TorchScript file; the export fails if
the reloaded file disagrees with them.
"""

import argparse
import csv
import hashlib
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import attribute_resnet  # noqa: E402
import checkpoints  # noqa: E402
import iresnet  # noqa: E402
import reference  # noqa: E402
import senet  # noqa: E402
import vggface2_resnet  # noqa: E402

GOLDEN_SEEDS = (20221, 20222)
GOLDEN_TOLERANCE = 1e-4          # times max(1, max |reference value|) of each compared array
MAP_TOLERANCE = 1e-3             # Grad-CAM maps, values in [0, 1]
LABELS_FILE = "labels.json"

CAFFE_INPUT = {"width": 224, "height": 224, "channels": "BGR", "layout": "NCHW", "scale": 1.0,
               "mean": list(vggface2_resnet.VGGFACE2_MEAN_BGR), "std": [1.0, 1.0, 1.0], "resize": "bilinear"}
ARCFACE_INPUT = {"width": 112, "height": 112, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                 "mean": [127.5, 127.5, 127.5], "std": [127.5, 127.5, 127.5], "resize": "bilinear"}

PAPER_REPO = "github:RuoyuChen10/Sim2Word"


class Kind:
    def __init__(self, name, build, reader, target, embedding_module, input_spec, recipe, roles, outputs,
                 description, checkpoint_names, forward_is_embedding=False, heads=None, identification=None,
                 uncertainty=None, variants=None, notes=""):
        self.name = name
        self.build = build
        self.reader = reader                        # "numpy-pickle" or "torch"
        self.target = target
        self.embedding_module = embedding_module
        self.input = input_spec
        self.recipe = recipe                        # the paper's preprocessing, see preprocess()
        self.roles = roles
        self.outputs = outputs                      # [(name, shape)] in forward order
        self.description = description
        self.checkpoint_names = checkpoint_names
        self.forward_is_embedding = forward_is_embedding
        self.heads = heads or []
        self.identification = identification
        self.uncertainty = uncertainty
        self.variants = variants or {}              # checkpoint file name fragment -> default model name
        self.notes = notes

    def default_name(self, checkpoint):
        base = os.path.basename(checkpoint).lower()
        for fragment, name in self.variants.items():
            if fragment in base:
                return name
        return self.name


def _caffe_outputs(heads):
    return [("features", [2048, 7, 7]), ("embedding", [2048])] + heads


def _iresnet_outputs(heads):
    return [("features", [512, 7, 7]), ("embedding", [512])] + heads


_VGGFACE2_ID = {"output": "logits", "kind": "logits", "scale": 1.0, "classes": vggface2_resnet.VGGFACE2_CLASSES}

KINDS = {}


def _register(kind):
    KINDS[kind.name] = kind


_register(Kind(
    "vggface2-resnet50", vggface2_resnet.VGGFace2ResNet50, "numpy-pickle", vggface2_resnet.TARGET_LAYER,
    "avgpool", CAFFE_INPUT, "caffe-bgr", ["identification", "verification"],
    _caffe_outputs([("logits", [8631])]),
    "VGGFace2 ResNet-50 (Caffe model of the VGGFace2 authors, PyTorch weights of cydonia999/VGGFace2-pytorch): "
    "identification net R over the 8631 VGGFace2-train identities and, by its 2048-d average pool, the "
    "'VGGFace2-verification' net.",
    ["resnet50_scratch_weight.pkl", "resnet50_ft_weight.pkl"],
    identification=_VGGFACE2_ID,
    variants={"scratch": "vggface2-resnet50-scratch", "_ft": "vggface2-resnet50-ft"}))

_register(Kind(
    "vggface2-senet50", senet.VGGFace2SENet50, "numpy-pickle", senet.TARGET_LAYER,
    "avgpool", CAFFE_INPUT, "caffe-bgr", ["identification", "verification"],
    _caffe_outputs([("logits", [8631])]),
    "VGGFace2 SENet-50 (Caffe model of the VGGFace2 authors, PyTorch weights of cydonia999/VGGFace2-pytorch) "
    "over the 8631 VGGFace2-train identities; Grad-CAM at layer4.2.conv3, not the 1x1 SE conv (method §6.6).",
    ["senet50_ft_weight.pkl", "senet50_scratch_weight.pkl"],
    identification=_VGGFACE2_ID,
    variants={"scratch": "vggface2-senet50-scratch", "_ft": "vggface2-senet50-ft"}))

_register(Kind(
    "attribute-resnet50", attribute_resnet.AttributeResNet50, "torch", attribute_resnet.TARGET_LAYER,
    "avgpool", CAFFE_INPUT, "caffe-bgr", ["attribute"],
    _caffe_outputs([(h["output"], [len(h["classes"])]) for h in attribute_resnet.heads_descriptor()]),
    "Sim2Word's attribute net A (Face-Attributes2.pth): ResNet-50 with 30 heads fc1..fc30 (87 logits), "
    "MAAD-Face-style attributes of VGGFace2 faces.",
    ["Face-Attributes2.pth"],
    heads=attribute_resnet.heads_descriptor()))

for _loss in ("arcface", "cosface"):
    for _depth, _arch in (("r50", "iresnet50"), ("r100", "iresnet100")):
        _register(Kind(
            "%s-%s" % (_loss, _depth),
            (lambda arch=_arch: iresnet.IResNet(iresnet.DEPTHS[arch])),
            "torch", iresnet.TARGET_LAYER, "features", ARCFACE_INPUT, "arcface-rgb", ["verification"],
            _iresnet_outputs([]),
            "insightface arcface_torch %s trained with %s (%s backbone.pth): 512-d verification embedding."
            % (_arch, "ArcFace" if _loss == "arcface" else "CosFace",
               "ms1mv3_arcface_%s_fp16" % _depth if _loss == "arcface" else "glint360k_cosface_%s_fp16_0.1" % _depth),
            ["backbone.pth"], forward_is_embedding=True))

_register(Kind(
    "vggface2-arc", iresnet.VGGFace2ArcIResNet, "torch", iresnet.TARGET_LAYER,
    "features", ARCFACE_INPUT, "arcface-rgb", ["identification"],
    _iresnet_outputs([("logits", [8631])]),
    "Sim2Word's VGGFace2-ArcFace identification net (vggface2-arc.pth): iresnet50 with a cosine classifier "
    "over the 8631 VGGFace2-train identities; logits are unscaled cosines.",
    ["vggface2-arc.pth"],
    identification={"output": "logits", "kind": "cosine", "scale": 64.0, "classes": 8631}))

_register(Kind(
    "vggface2-evidential", iresnet.EvidentialIResNet, "torch", iresnet.TARGET_LAYER,
    "features", ARCFACE_INPUT, "arcface-rgb", ["uncertainty"],
    _iresnet_outputs([("logits", [8631])]),
    "Sim2Word's evidential net E (vggface-evidential.pth): iresnet50 with fc2 giving raw logits z over the 8631 "
    "VGGFace2-train identities; uncertainty u = K / sum(lambda*ReLU(z) + 1).",
    ["vggface-evidential.pth"],
    uncertainty={"output": "logits", "evidence": "relu", "lambda": 200.0, "classes": 8631}))


# ---------------------------------------------------------------------------

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def read_state(kind, checkpoint):
    """(state dict, container description)."""
    if kind.reader == "numpy-pickle":
        return checkpoints.read_numpy_pickle(checkpoint), "pickle of a dict of numpy arrays (latin1)"
    return checkpoints.read_torch(checkpoint)


def load_network(kind, checkpoint):
    """The eager rebuilt network filled from the checkpoint, and the container description."""
    state, container = read_state(kind, checkpoint)
    net = kind.build()
    checkpoints.load_strict(net, state, what=os.path.basename(checkpoint))
    return net.eval(), container


def golden_pixels(kind, seed):
    """A fixed input: uniform uint8 noise, HWC RGB at the model's input size."""
    rng = np.random.RandomState(seed)
    return rng.randint(0, 256, size=(kind.input["height"], kind.input["width"], 3)).astype(np.uint8)


def preprocess(kind, pixels):
    """The paper's preprocessing of HWC uint8 RGB images already at the input
    size (method §2.2), written out, not read from the descriptor:
      caffe-bgr    BGR order, minus [91.4953, 103.8827, 131.0912], no scaling
      arcface-rgb  RGB order, (x/255 - 0.5)/0.5
    -> float32 NCHW tensor."""
    batch = np.stack(pixels).astype(np.float32)
    if kind.recipe == "caffe-bgr":
        x = batch[..., ::-1] - np.array(vggface2_resnet.VGGFACE2_MEAN_BGR, np.float32)
    elif kind.recipe == "arcface-rgb":
        x = (batch / np.float32(255.0) - np.float32(0.5)) / np.float32(0.5)
    else:
        raise ValueError(kind.recipe)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2), dtype=np.float32))


def eager(kind, net, x, delta=None):
    return reference.eager_outputs(net, kind.target, kind.embedding_module, x, delta,
                                   forward_is_embedding=kind.forward_is_embedding)


def read_labels(identity_meta=None, labels=None, expected=None):
    """Class labels in logit order, or None.

    identity_meta: VGGFace2's identity_meta.csv (Class_ID, Name, Sample_Num,
      Flag, Gender); the classes are the Flag 1 (training) identities in file
      order, which is how cydonia999/VGGFace2-pytorch numbers the 8631 classes
      of the Caffe models; the file lists them sorted by Class_ID, the order
      in which the FaceTechnologyTool training lists number the folders of
      vggface2-arc and vggface-evidential.
    labels: a text file, one label per line, in logit order."""
    if identity_meta and labels:
        raise ValueError("give --identity-meta or --labels, not both")
    if identity_meta:
        with open(identity_meta, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, skipinitialspace=True))
        header = [h.strip() for h in rows[0]]
        if "Class_ID" not in header or "Flag" not in header:
            raise ValueError("%s has no Class_ID and Flag columns (header %s)" % (identity_meta, header))
        cid, flag = header.index("Class_ID"), header.index("Flag")
        out = [r[cid].strip() for r in rows[1:] if r and r[flag].strip() == "1"]
        if out != sorted(out):
            print("warning: the training identities of %s are not sorted by Class_ID; using file order"
                  % identity_meta, file=sys.stderr)
    elif labels:
        with open(labels, encoding="utf-8") as f:
            out = [line.rstrip("\r\n") for line in f if line.strip()]
    else:
        return None
    if expected is not None and len(out) != expected:
        raise ValueError("%d labels for %d classes" % (len(out), expected))
    return out


def descriptor(kind, name, checkpoint, checkpoint_sha, container, model_sha, has_labels):
    d = {
        "schema": 1,
        "name": name,
        "version": "%s exported from %s (sha256 %s…)" % (kind.name, os.path.basename(checkpoint), checkpoint_sha[:12]),
        "description": kind.description,
        "license": "NOASSERTION",
        "source": {"registry": "file", "package": PAPER_REPO, "version": container,
                   "file": os.path.basename(checkpoint), "sha256": checkpoint_sha},
        "file": "model.pt",
        "sha256": model_sha,
        "roles": list(kind.roles),
        "input": dict(kind.input),
        "inputs": ["image", "delta"],
        "outputs": [{"name": n, "shape": list(s)} for n, s in kind.outputs],
        "embedding": "embedding",
        "gradcam": {"layer": kind.target, "output": "features", "exposure": "delta-input"},
        "heads": [dict(h) for h in kind.heads],
    }
    if kind.identification:
        d["identification"] = dict(kind.identification, labels=LABELS_FILE if has_labels else None)
    if kind.uncertainty:
        d["uncertainty"] = dict(kind.uncertainty, labels=LABELS_FILE if has_labels else None)
    d["golden"] = "golden.json"
    return d


def _scale(a):
    return max(1.0, float(np.abs(a).max())) if a.size else 1.0


def max_scaled_difference(ours, ref):
    """max |ours - ref| / max(1, max |ref|) over one array."""
    ours = np.asarray(ours, np.float64)
    ref = np.asarray(ref, np.float64)
    if ours.shape != ref.shape:
        raise AssertionError("shape %s, expected %s" % (ours.shape, ref.shape))
    return float(np.abs(ours - ref).max() / _scale(ref)) if ref.size else 0.0


def golden(kind, name, net, pixels):
    """PyTorch's outputs and Grad-CAM maps on the golden inputs, from the
    eager network with hooks: one recorded forward of the batch, then every
    target in turn (the faces of a batch are independent in eval mode, so
    case i's gradient is row i).  Returns (golden dict, eager outputs)."""
    x = preprocess(kind, pixels)
    names = [n for n, _ in kind.outputs]
    run = eager(kind, net, x)
    feats = run[0]
    outs = [t.detach() for t in run]
    units = torch.nn.functional.normalize(outs[1], dim=1)
    cases = []
    for i, p in enumerate(pixels):
        case_out = {}
        for n, t in zip(names, outs):
            v = t[i].double().numpy()
            if n == "features":
                case_out["features_sum"] = float(v.sum())
                case_out["features_channel0"] = v[0].reshape(-1).tolist()
            else:
                case_out[n] = v.reshape(-1).tolist()
        maps = []
        other = (i + 1) % len(pixels)
        grad = torch.autograd.grad(reference.cosine_target(run[1][i], units[other]), feats, retain_graph=True)[0]
        maps.append({"target": "cosine", "output": "embedding", "direction": "unit embedding of case %d" % other,
                     "map": reference.gradcam(outs[0][i], grad[i]).tolist()})
        for j, n in enumerate(names[2:]):
            logits = run[2 + j][i]
            c = int(torch.argmax(logits))
            grad = torch.autograd.grad(logits[c], feats, retain_graph=True)[0]
            maps.append({"target": "logit", "output": n, "class": c,
                         "map": reference.gradcam(outs[0][i], grad[i]).tolist()})
        cases.append({"input": "golden-inputs/%d.rgb" % i, "width": kind.input["width"],
                      "height": kind.input["height"],
                      "pixels_sha256": hashlib.sha256(np.ascontiguousarray(p).tobytes()).hexdigest(),
                      "seed": GOLDEN_SEEDS[i], "outputs": case_out, "gradcam": maps})
    del run, feats
    return {
        "model": name,
        "kind": kind.name,
        "generator": "deploy/models/exporters/export.py: eager rebuilt network (original forward, forward hooks "
                     "on %s and %s), PyTorch %s" % (kind.target, kind.embedding_module, torch.__version__),
        "preprocessing": "golden-inputs/<i>.rgb is HWC uint8 RGB at the input size (uniform noise from "
                         "numpy RandomState(seed)); preprocessed with the paper's recipe '%s' (export.py "
                         "preprocess), which the descriptor's input block reproduces" % kind.recipe,
        "outputs_meaning": {"features_sum": "sum of F = %s over all values" % kind.target,
                            "features_channel0": "F channel 0, row-major",
                            "gradcam": "worker GradCam.map (alpha = spatial mean of dtarget/dF, ReLU, min-max) "
                                       "of cos(embedding, direction) and of each logit output at its argmax"},
        "tolerance": GOLDEN_TOLERANCE,
        "tolerance_rule": "max |ours - golden| <= tolerance * max(1, max |golden|), per array",
        "map_tolerance": MAP_TOLERANCE,
        "cases": cases,
    }, outs


def _check_reloaded(kind, path, x, ref):
    """The saved TorchScript, reloaded, against the eager outputs `ref`;
    returns the largest scaled difference."""
    reloaded = torch.jit.load(path).eval()
    with torch.no_grad():
        ours = reloaded(x)
    if len(ours) != len(kind.outputs):
        raise RuntimeError("the TorchScript returns %d outputs, the descriptor lists %d" % (len(ours), len(kind.outputs)))
    worst = 0.0
    for (n, shape), a, b in zip(kind.outputs, ours, ref):
        if list(a.shape[1:]) != list(shape):
            raise RuntimeError("output %s has shape %s, the descriptor says %s" % (n, list(a.shape[1:]), shape))
        worst = max(worst, max_scaled_difference(a.numpy(), b.numpy()))
    if worst > GOLDEN_TOLERANCE:
        raise RuntimeError("the reloaded TorchScript differs from the eager network by %.3g (scaled)" % worst)
    return worst


def export(kind_name, checkpoint, out_dir, name=None, identity_meta=None, labels=None, log=print):
    """Exports one checkpoint; returns build information (timings, sizes)."""
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    if kind_name not in KINDS:
        raise ValueError("unknown kind %r (known: %s)" % (kind_name, ", ".join(KINDS)))
    kind = KINDS[kind_name]
    name = name or kind.default_name(checkpoint)
    seconds = {}
    t = time.time()
    classes = (kind.identification or kind.uncertainty or {}).get("classes")
    label_list = read_labels(identity_meta, labels, classes)
    if label_list is not None and classes is None:
        raise ValueError("%s has no classes to label" % kind_name)
    checkpoint_sha = sha256_file(checkpoint)
    net, container = load_network(kind, checkpoint)
    seconds["read_and_load"] = time.time() - t

    t = time.time()
    scripted = torch.jit.script(net.contract())
    os.makedirs(out_dir, exist_ok=True)
    pt = os.path.join(out_dir, "model.pt")
    tmp = pt + ".tmp"
    try:
        scripted.save(tmp)
        seconds["script_and_save"] = time.time() - t
        t = time.time()
        pixels = [golden_pixels(kind, s) for s in GOLDEN_SEEDS]
        gold, ref = golden(kind, name, net, pixels)
        seconds["golden"] = time.time() - t
        t = time.time()
        worst = _check_reloaded(kind, tmp, preprocess(kind, pixels), ref)
        seconds["reload_check"] = time.time() - t
        os.replace(tmp, pt)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)

    inputs_dir = os.path.join(out_dir, "golden-inputs")
    os.makedirs(inputs_dir, exist_ok=True)
    for i, p in enumerate(pixels):
        with open(os.path.join(inputs_dir, "%d.rgb" % i), "wb") as f:
            f.write(np.ascontiguousarray(p).tobytes())
    write_json(os.path.join(out_dir, "golden.json"), gold)
    labels_path = os.path.join(out_dir, LABELS_FILE)
    if label_list is not None:
        write_json(labels_path, label_list)
    elif os.path.exists(labels_path):
        os.remove(labels_path)
    model_sha = sha256_file(pt)
    write_json(os.path.join(out_dir, "model.json"),
               descriptor(kind, name, checkpoint, checkpoint_sha, container, model_sha, label_list is not None))
    info = {"kind": kind.name, "name": name, "exporter": "deploy/models/exporters/export.py",
            "torch": torch.__version__, "method": "torch.jit.script",
            "checkpoint": {"file": os.path.basename(checkpoint), "sha256": checkpoint_sha, "container": container,
                           "size_bytes": os.path.getsize(checkpoint)},
            "seconds": {k: round(v, 2) for k, v in seconds.items()},
            "size_bytes": os.path.getsize(pt),
            "max_scaled_difference_script_vs_eager": worst}
    write_json(os.path.join(out_dir, "build-info.json"), info)
    log("%s: %s (%s) -> %s, %.1f MB, %.1f s (%s)" % (
        kind.name, os.path.basename(checkpoint), container, pt, info["size_bytes"] / 1e6, sum(seconds.values()),
        ", ".join("%s %.1f s" % kv for kv in info["seconds"].items())))
    return info


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=sorted(KINDS))
    ap.add_argument("checkpoint")
    ap.add_argument("out_dir")
    ap.add_argument("--name", help="the model's registry name (default: from the kind and the file name)")
    ap.add_argument("--identity-meta", help="VGGFace2 identity_meta.csv, for the class labels")
    ap.add_argument("--labels", help="a text file with one class label per line, in logit order")
    args = ap.parse_args(argv)
    try:
        export(args.kind, args.checkpoint, args.out_dir, name=args.name, identity_meta=args.identity_meta,
               labels=args.labels)
    except (checkpoints.CheckpointError, ValueError, OSError) as e:
        print("export failed: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
