#!/usr/bin/python3
"""Independent reference implementation of Sim2Word pair explanations, written from docs/algorithm.md alone.

It is deliberately the slow, original way: batch size 1, one fresh forward and backward per Grad-CAM target (per
identity class and per attribute head), one verification forward per erased image (no dedupe, no batching), torch
autograd for gradients, numpy float32 for the map maths. See README.md beside this file.

  explain: sim2word_reference.py explain --jobs jobs.json --models DIR --gallery DIR [--per-identity 3] --out DIR
  bench:   sim2word_reference.py bench   --jobs jobs.json --models DIR --gallery DIR [--repeat 3]

jobs.json is [{"id": "...", "a": "a.jpg", "b": "b.jpg", "options": {ExplainOptions fields}}].
"""
import argparse
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from maths import angular, cosine, is_degenerate, mean_of_maps, minmax, noise_image, softmax  # noqa: E402
from nets import Gallery, Net  # noqa: E402

DEFAULT_IDENTIFICATION = "hse-faceres"
DEFAULT_ATTRIBUTES = ["hse-faceres"]
DEFAULT_VERIFICATION = "dlib-resnet29"
COUNTERFACTUAL_REGION = "Counterfactual region"
COUNTERFACTUAL_REGION_WORD = "counterfactual region"
PROBABILITY_SCALE = 64.0  # algorithm.md §3: p = softmax(64·z)
FILL_VALUES = {"black": 0.0, "white": 255.0, "mean": 125.0}


def read_canvas(path):
    """The canvas: the image decoded to RGB floats 0–255, H×W×3 (algorithm.md §1)."""
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.float32)


def slug(name):
    """Lower case, runs of non-alphanumerics collapsed to '-', trimmed."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def with_defaults(options):
    """ExplainOptions with every missing field at its default (docs/api.md)."""
    o = dict(options or {})
    filled = {
        "strategy": o.get("strategy") or "topk",
        "topK": int(o.get("topK", 1)),
        "identityThreshold": float(o.get("identityThreshold", 0.4)),
        "maxIdentities": int(o.get("maxIdentities", 50)),
        "eraseThreshold": float(o.get("eraseThreshold", 0.6)),
        "fill": (o.get("fill") or "black").lower(),
        "seed": int(o.get("seed", 0)),
        "normalizeJoint": bool(o.get("normalizeJoint", True)),
        "bothDirections": bool(o.get("bothDirections", True)),
        "sameIdentityFallback": bool(o.get("sameIdentityFallback", True)),
        "variant": (o.get("variant") or "full").lower(),
        "identificationModel": o.get("identificationModel") or DEFAULT_IDENTIFICATION,
        "attributeModels": list(o.get("attributeModels") or DEFAULT_ATTRIBUTES),
        "verificationModel": o.get("verificationModel") or DEFAULT_VERIFICATION,
    }
    if filled["strategy"] == "probability_threshold":
        filled["strategy"] = "threshold"
    if filled["strategy"] == "top_k":
        filled["strategy"] = "topk"
    return filled


class Timer:
    def __init__(self):
        self.ms = {}

    def add(self, stage, since):
        self.ms[stage] = self.ms.get(stage, 0.0) + (time.perf_counter() - since) * 1000.0


class Reference:
    def __init__(self, models_dir, gallery_dir, per_identity):
        self.models_dir = models_dir
        self.gallery_dir = gallery_dir
        self.per_identity = per_identity
        self.nets = {}
        self.galleries = {}

    def net(self, name):
        if name not in self.nets:
            self.nets[name] = Net(self.models_dir, name)
        return self.nets[name]

    def gallery(self, name):
        if name not in self.galleries:
            self.galleries[name] = Gallery(self.net(name), self.gallery_dir, self.per_identity, read_canvas)
        return self.galleries[name]

    # -- algorithm.md §3 --------------------------------------------------------------------------------------------
    def identify(self, R, gallery, canvas, opts):
        e = R.embed(canvas)
        z = gallery.logits(e)
        p = softmax(PROBABILITY_SCALE * z)
        n = len(z)
        cap_hit = False
        if opts["strategy"] == "topk":
            order = sorted(range(n), key=lambda c: (-z[c], c))
            chosen = order[:min(opts["topK"], n)]
        else:
            order = sorted(range(n), key=lambda c: (-p[c], c))
            cap = min(opts["maxIdentities"], n)
            chosen, total = [], 0.0
            for c in order:  # the smallest prefix whose sum is strictly greater than the threshold, capped
                if len(chosen) == cap:
                    break
                chosen.append(c)
                total += p[c]
                if total > opts["identityThreshold"]:
                    break
            cap_hit = not total > opts["identityThreshold"]
        classes = [{"index": int(c), "label": gallery.labels[c], "logit": float(z[c]), "probability": float(p[c])}
                   for c in chosen]
        return {"classes": classes, "capHit": cap_hit}, chosen

    # -- algorithm.md §8: predicted class, word, eligibility ------------------------------------------------------------
    def attributes_of(self, attribute_nets, canvas):
        found = []
        for A in attribute_nets:
            outs = A.infer(canvas)
            for head in A.heads:
                probs = softmax(outs[head["output"]])
                c = int(np.argmax(probs))
                categorical = head["kind"] == "categorical"
                found.append({
                    "net": A, "head": head, "attribute": head["attribute"], "model": A.name, "classIndex": c,
                    "probability": float(probs[c]),
                    "word": head["classes"][c] if categorical else head["attribute"],
                    "eligible": categorical or c == 0,
                })
        return found

    def explain(self, a_path, b_path, options, out_dir=None):
        timer = Timer()
        opts = with_defaults(options)
        variant = opts["variant"]
        R = self.net(opts["identificationModel"])
        gallery = self.gallery(opts["identificationModel"])
        attribute_nets = [self.net(n) for n in opts["attributeModels"]]
        V = self.net(opts["verificationModel"])

        t = time.perf_counter()
        canvases = {"a": read_canvas(a_path), "b": read_canvas(b_path)}
        timer.add("decode", t)

        # §7: s0 from the two faces
        t = time.perf_counter()
        v_orig = {k: V.embed(c) for k, c in canvases.items()}
        s0 = cosine(v_orig["a"], v_orig["b"])
        timer.add("rescoring", t)

        # §3: both faces identified on their own forward passes
        t = time.perf_counter()
        ident = {k: self.identify(R, gallery, c, opts) for k, c in canvases.items()}
        attrs = {k: self.attributes_of(attribute_nets, c) for k, c in canvases.items()}
        timer.add("identification", t)

        plans = [("a", "b")] + ([("b", "a")] if opts["bothDirections"] else [])
        directions = []
        erased_embeddings = {}  # probe -> attribute -> embedding of the erased probe (original when nothing erased)
        for probe, counter in plans:
            canvas = canvases[probe]
            height, width = canvas.shape[0], canvas.shape[1]
            id_set_t, K_t = ident[probe]
            id_set_f, K_f = ident[counter]
            same = len(set(K_t) & set(K_f)) > 0
            flags = {"sameIdentity": same, "counterfactualDegenerate": False, "fallbackToIdMap": False,
                     "emptyMasks": []}
            maps = {}

            # §5.1–5.3 identity maps and the counterfactual map
            t = time.perf_counter()
            H_d = None
            if variant != "no-counterfactual":
                emb = R.embedding_name
                H_t = mean_of_maps([R.gradcam(canvas, gallery.target(c, emb)) for c in K_t])
                H_f = mean_of_maps([R.gradcam(canvas, gallery.target(c, emb)) for c in K_f])
                if same and opts["sameIdentityFallback"]:
                    H_d = H_t
                    flags["fallbackToIdMap"] = True
                else:
                    Rm = (H_t * (H_f.max() - H_f)).astype(np.float32)
                    if is_degenerate(Rm):
                        H_d = H_t
                        flags["counterfactualDegenerate"] = True
                        flags["fallbackToIdMap"] = True
                    else:
                        H_d = minmax(Rm)
                maps[("id", None)] = H_t
                maps[("counter-id", None)] = H_f
                maps[("counterfactual", None)] = H_d

            # §5.4–5.5 attribute maps and joint maps
            entries = []
            if variant == "no-attribute":
                entries.append({"attribute": COUNTERFACTUAL_REGION, "word": COUNTERFACTUAL_REGION_WORD,
                                "model": None, "classIndex": None, "probability": None, "eligible": True,
                                "joint": H_d})
            else:
                for at in attrs[probe]:
                    head = at["head"]

                    def target(outs, output=head["output"]):
                        o = outs[output][0]
                        c = int(torch.argmax(torch.softmax(o.detach(), 0)))
                        return o[c]

                    H_attr = at["net"].gradcam(canvas, target)
                    if variant == "no-counterfactual":
                        J = minmax(H_attr)
                    else:
                        J = (H_d * H_attr).astype(np.float32)
                        if opts["normalizeJoint"]:
                            J = minmax(J)
                    e = {k: at[k] for k in ("attribute", "word", "model", "classIndex", "probability", "eligible")}
                    e["joint"] = J
                    maps[("attribute", at["attribute"])] = H_attr
                    entries.append(e)
            for e in entries:
                maps[("joint", e["attribute"])] = e["joint"]
            timer.add("maps", t)

            # §6 erasure and §7 re-scoring: one verification forward per erased image
            t = time.perf_counter()
            tau = np.float32(opts["eraseThreshold"])
            if opts["fill"] == "random":
                seed = opts["seed"] + (0 if probe == "a" else 1)
                fill = noise_image(width, height, seed)
            else:
                fill = np.full((height, width, 3), FILL_VALUES[opts["fill"]], dtype=np.float32)
            erased_embeddings[probe] = {}
            attributes = []
            for e in entries:
                mask = e["joint"] > tau
                maps[("mask", e["attribute"])] = mask.astype(np.float32)
                count = int(mask.sum())
                if count == 0:
                    flags["emptyMasks"].append(e["attribute"])
                    score, self_score = s0, 1.0
                    erased_embeddings[probe][e["attribute"]] = v_orig[probe]
                else:
                    erased = np.where(mask[:, :, None], fill, canvas).astype(np.float32)
                    v_e = V.embed(erased)
                    score = cosine(v_e, v_orig[counter])
                    self_score = cosine(v_e, v_orig[probe])
                    erased_embeddings[probe][e["attribute"]] = v_e
                attributes.append({
                    "attribute": e["attribute"], "word": e["word"], "model": e["model"],
                    "classIndex": e["classIndex"], "probability": e["probability"], "eligible": e["eligible"],
                    "score": score, "selfScore": self_score, "erasedFraction": count / float(height * width),
                })
            timer.add("rescoring", t)

            # §8 ranking
            eligible = [a for a in attributes if a["eligible"]]
            ranked = sorted(eligible, key=lambda a: -a["score"])  # stable: ties keep head order
            ranking = [{"rank": i + 1, "attribute": a["attribute"], "word": a["word"], "score": a["score"],
                        "angular": angular(a["score"]), "delta": a["score"] - s0, "valid": a["score"] > s0}
                       for i, a in enumerate(ranked)]
            most = next((r["word"] for r in ranking if r["valid"]), None)

            heatmaps = []
            for (kind, attribute), m in maps.items():
                name = kind if attribute is None else kind + "-" + slug(attribute)
                heatmaps.append({"kind": kind, "attribute": attribute, "file": f"{probe}/{name}.npy",
                                 "width": width, "height": height})
                if out_dir is not None:
                    os.makedirs(os.path.join(out_dir, probe), exist_ok=True)
                    np.save(os.path.join(out_dir, probe, name + ".npy"), np.asarray(m, dtype=np.float32))

            directions.append({
                "probe": probe, "counter": counter, "probeIdentities": id_set_t, "counterIdentities": id_set_f,
                "attributes": attributes, "ranking": ranking, "mostCharacteristic": most, "flags": flags,
                "heatmaps": heatmaps,
            })

        # §7 both masked
        both = []
        if opts["bothDirections"]:
            t = time.perf_counter()
            a_attrs = {x["attribute"]: x for x in directions[0]["attributes"]}
            b_attrs = {x["attribute"]: x for x in directions[1]["attributes"]}
            for name, xa in a_attrs.items():
                if name not in b_attrs:
                    continue
                s = cosine(erased_embeddings["a"][name], erased_embeddings["b"][name])
                both.append({"attribute": name, "score": s, "angular": angular(s),
                             "eligible": bool(xa["eligible"] or b_attrs[name]["eligible"])})
            timer.add("rescoring", t)

        models = [{"role": "identification", "name": R.name, "sha256": R.sha256}]
        models += [{"role": "attribute", "name": A.name, "sha256": A.sha256} for A in attribute_nets]
        models.append({"role": "verification", "name": V.name, "sha256": V.sha256})
        result = {
            "schema": 1,
            "similarity": {"cosine": s0, "angular": angular(s0)},
            "directions": directions,
            "bothMasked": both,
            "models": models,
            "options": opts,
            "timings": timer.ms,
        }
        if out_dir is not None:
            with open(os.path.join(out_dir, "result.json"), "w", encoding="utf-8") as f:
                json.dump(result, f, indent=2)
        return result, timer.ms


def load_jobs(path):
    with open(path, encoding="utf-8") as f:
        jobs = json.load(f)
    if not isinstance(jobs, list):
        raise SystemExit("the job list must be a JSON array")
    return jobs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["explain", "bench"])
    parser.add_argument("--jobs", required=True, help="JSON job list")
    parser.add_argument("--models", required=True, help="models directory (one folder per model)")
    parser.add_argument("--gallery", required=True, help="gallery directory (one folder per identity)")
    parser.add_argument("--per-identity", type=int, default=3, help="photos enrolled per identity (default 3)")
    parser.add_argument("--out", help="explain: output directory")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="bench: passes over the job list (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="bench: untimed passes first (default 1)")
    parser.add_argument("--json", help="bench: also write the figures to this JSON file")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.set_grad_enabled(True)
    jobs = load_jobs(args.jobs)
    ref = Reference(args.models, args.gallery, args.per_identity)

    if args.mode == "explain":
        if not args.out:
            parser.error("explain needs --out")
        for job in jobs:
            out_dir = os.path.join(args.out, str(job["id"]))
            os.makedirs(out_dir, exist_ok=True)
            t = time.perf_counter()
            ref.explain(job["a"], job["b"], job.get("options"), out_dir)
            print(f"{job['id']}: {(time.perf_counter() - t) * 1000.0:.0f} ms", flush=True)
        return 0

    # bench: models and galleries loaded first (timed apart), then warm-up and timed passes
    t = time.perf_counter()
    for job in jobs:
        o = with_defaults(job.get("options"))
        ref.gallery(o["identificationModel"])
        for n in o["attributeModels"] + [o["verificationModel"]]:
            ref.net(n)
    setup_ms = (time.perf_counter() - t) * 1000.0
    for _ in range(args.warmup):
        for job in jobs:
            ref.explain(job["a"], job["b"], job.get("options"))
    stages = {}
    cpu = time.process_time()
    t = time.perf_counter()
    for _ in range(args.repeat):
        for job in jobs:
            _, ms = ref.explain(job["a"], job["b"], job.get("options"))
            for k, v in ms.items():
                stages[k] = stages.get(k, 0.0) + v
    wall = time.perf_counter() - t
    cpu = time.process_time() - cpu
    pairs = args.repeat * len(jobs)
    figures = {
        "engine": "python-reference", "threads": args.threads, "pairs": pairs, "seconds": wall,
        "pairsPerSecond": pairs / wall if wall > 0 else None, "msPerPair": wall * 1000.0 / pairs,
        "cpuSecondsPerPair": cpu / pairs, "setupMs": setup_ms, "stageMsPerPair": {k: v / pairs for k, v in stages.items()},
        "torch": torch.__version__,
    }
    print(f"reference: {pairs} pairs in {wall:.2f} s = {figures['pairsPerSecond']:.3f} pairs/s "
          f"({figures['msPerPair']:.0f} ms/pair, {cpu / pairs:.2f} CPU s/pair, {args.threads} threads; "
          f"setup {setup_ms:.0f} ms)")
    for k, v in figures["stageMsPerPair"].items():
        print(f"  {k:<15} {v:8.1f} ms/pair")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
