"""Comparison of the converted TorchScript models with the committed golden
outputs (deploy/models/golden/*.json), which were produced by dlib's own C++
and by TF.js respectively, not by our converters.

Every case re-derives its input from the johns photo named in the golden file
and first proves that the pixels are the ones the reference saw (sha256 of
the decoded / resized uint8 RGB bytes), so that a decoder difference shows up
as such and not as a numeric drift.  The exact pixels are also written to
models/<name>/golden-inputs/<index>.rgb (raw HWC uint8 RGB) so that other
runtimes (the Java/DJL side) can be held to the same numbers without having
to reproduce the JPEG decoding or the resize.
"""

import math
import os

import numpy as np

import common
import images


class GoldenInputError(AssertionError):
    pass


def load_golden(name):
    import build
    rel = build.MODELS[name]["descriptor"]["golden"]
    return common.read_json(os.path.join(common.MODELS_DIR, rel))


def load_model(name):
    import torch
    return torch.jit.load(os.path.join(common.model_dir(name), "model.pt")).eval()


def case_pixels(case):
    """The uint8 HWC RGB pixels the reference runtime saw for this case."""
    path = os.path.join(common.faces_dir(), case["input"])
    if not os.path.exists(path):
        raise GoldenInputError("%s is missing; run deploy/faces/fetch-johns.sh and fetch-photos.sh" % path)
    if common.sha256_file(path) != case["file_sha256"]:
        raise GoldenInputError("%s is not the file the golden was computed on" % path)
    img = images.decode_rgb(path)
    if "padded_from" in case:
        if list(img.shape[:2]) != case["padded_from"]:
            raise GoldenInputError("%s: decoded size %s" % (path, img.shape))
        img = images.pad_square(img)
    if "resized_from" in case:
        if list(img.shape[:2]) != case["resized_from"]:
            raise GoldenInputError("%s: decoded size %s" % (path, img.shape))
        img = images.resize_bilinear(img, case["height"], case["width"])
    if images.sha256_bytes(img) != case["pixels_sha256"]:
        raise GoldenInputError("%s: decoded/resized pixels differ from the reference's "
                               "(sha256 %s, golden %s)" % (path, images.sha256_bytes(img), case["pixels_sha256"]))
    return img


def dlib_input(imgs, mean, std):
    import torch
    x = torch.from_numpy(images.to_nchw_float(imgs))
    m = torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1)
    s = torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1)
    return (x - m) / s


def _write_inputs(name, pix):
    out = os.path.join(common.model_dir(name), "golden-inputs")
    os.makedirs(out, exist_ok=True)
    for i, p in enumerate(pix):
        with open(os.path.join(out, "%d.rgb" % i), "wb") as f:
            f.write(np.ascontiguousarray(p).tobytes())


def _logsigmoid64(z):
    return -math.log1p(math.exp(-z)) if z >= 0 else z - math.log1p(math.exp(z))


def dlib_outputs(model, golden):
    """-> (ours [N,128] float64, golden [N,128] float64, pixels)."""
    import torch
    import build
    inp = build.MODELS["dlib-resnet29"]["descriptor"]["input"]
    pix = [case_pixels(c) for c in golden["cases"]]
    with torch.no_grad():
        ours = model(dlib_input(pix, inp["mean"], inp["std"])).double().numpy()
    ref = np.array([c["outputs"]["embedding"] for c in golden["cases"]], dtype=np.float64)
    return ours, ref, pix


def faceres_outputs(model, golden):
    """-> dict output -> (ours, golden) as float64 arrays of equal shape, pixels."""
    import torch
    import hse_faceres
    pix = [case_pixels(c) for c in golden["cases"]]
    x = torch.from_numpy(images.to_nchw_float(pix))
    with torch.no_grad():
        feats, emb, gender, age_group, age = model(x, torch.zeros(1))
    g = golden["cases"]
    ref_age = np.array([c["outputs"]["age"] for c in g], dtype=np.float64)
    ref_groups = np.stack([ref_age[:, a:b].sum(axis=1) for _, a, b in hse_faceres.AGE_GROUPS], axis=1)
    z = [c["outputs"]["gender_logit"] for c in g]
    pairs = {
        "embedding": (emb.double().numpy(), np.array([c["outputs"]["embedding"] for c in g])),
        "gender": (gender.double().numpy(), np.array([[_logsigmoid64(v), _logsigmoid64(-v)] for v in z])),
        "p_male": (gender[:, 0].double().exp().numpy(), np.array([c["outputs"]["p_male"] for c in g])),
        "age": (age.double().numpy(), ref_age),
        "age_group_prob": (age_group.double().exp().numpy(), ref_groups),
        "features_channel0": (feats[:, 0].reshape(len(g), -1).double().numpy(),
                              np.array([c["outputs"]["features_channel0"] for c in g])),
    }
    extras = {
        "features_sum": (feats.double().sum(dim=(1, 2, 3)).numpy(),
                         np.array([c["outputs"]["features_sum"] for c in g])),
        "embedding_l2": (np.linalg.norm(emb.double().numpy(), axis=1),
                         np.array([c["outputs"]["embedding_l2"] for c in g])),
    }
    return pairs, extras, pix


def _logsumexp(v):
    m = max(v)
    return m + math.log(sum(math.exp(x - m) for x in v))


def human_outputs(name, model, golden):
    """-> dict output -> (ours, golden) as float64 arrays of equal shape, pixels.
    The golden side is TF.js's output, decoded with human's own formulas in
    human_golden.js (BlazeFace), or turned into the wrapper's contract here
    with plain float64 maths (emotion's yes-no log-probabilities)."""
    import torch
    pix = [case_pixels(c) for c in golden["cases"]]
    x = torch.from_numpy(images.to_nchw_float(pix))
    g = [c["outputs"] for c in golden["cases"]]
    with torch.no_grad():
        if name == "blazeface":
            scores, boxes, keypoints = model(x)
            top = [[t["anchor"] for t in o["top"]] for o in g]
            pick = lambda t: np.stack([t[i, idx].double().numpy() for i, idx in enumerate(top)])  # noqa: E731
            ref_logits = np.array([o["logits"] for o in g])
            return {
                # sigmoid via tanh: no overflow for the background anchors' large negative logits
                "score": (scores.double().numpy(), 0.5 * (1.0 + np.tanh(0.5 * ref_logits))),
                "top_score": (pick(scores), np.array([[t["score"] for t in o["top"]] for o in g])),
                "top_box": (pick(boxes), np.array([[t["box"] for t in o["top"]] for o in g])),
                "top_keypoints": (pick(keypoints), np.array([[t["keypoints"] for t in o["top"]] for o in g])),
            }, pix
        if name == "facemesh":
            landmarks, confidence = model(x)
            return {
                "landmarks": (landmarks.double().numpy().reshape(len(g), -1), np.array([o["mesh"] for o in g])),
                "confidence": (confidence.double().numpy().reshape(-1), np.array([o["faceflag"] for o in g])),
            }, pix
        if name == "emotion":
            out = model(x, torch.zeros(1))
            feats, heads, lp = out[0], out[1:8], out[8]
            ref_p = np.array([o["probabilities"] for o in g], dtype=np.float64)
            ref_lp = np.log(ref_p)
            ref_heads = np.array([[[row[k], _logsumexp([row[j] for j in range(7) if j != k])] for k in range(7)]
                                  for row in ref_lp])
            return {
                "probabilities": (lp.double().exp().numpy(), ref_p),
                "heads_probability": (torch.stack(heads, 1).double().exp().numpy(), np.exp(ref_heads)),
                "features_channel0": (feats[:, 0].reshape(len(g), -1).double().numpy(),
                                      np.array([o["features_channel0"] for o in g])),
                "features_sum_per_value": (feats.double().sum(dim=(1, 2, 3)).numpy() / feats[0].numel(),
                                           np.array([o["features_sum"] for o in g]) / feats[0].numel()),
            }, pix
    raise KeyError(name)


def against_golden(name, write_inputs=True):
    golden = load_golden(name)
    model = load_model(name)
    if name == "dlib-resnet29":
        ours, ref, pix = dlib_outputs(model, golden)
        per = {"embedding": float(np.abs(ours - ref).max())}
    elif name == "hse-faceres":
        pairs, _, pix = faceres_outputs(model, golden)
        per = {k: float(np.abs(a - b).max()) for k, (a, b) in pairs.items()}
    else:
        pairs, pix = human_outputs(name, model, golden)
        per = {k: float(np.abs(a - b).max()) for k, (a, b) in pairs.items()}
    if write_inputs:
        _write_inputs(name, pix)
    return {"max_abs_diff": max(per.values()), "per_output": per,
            "tolerance": golden["tolerance"], "cases": len(golden["cases"])}
