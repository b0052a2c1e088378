"""Models as docs/models.md describes them: a TorchScript file and its descriptor, fed as algorithm.md §1 says.

Grad-CAM is done the way the original research code does it: one fresh forward and one backward per target, batch
size 1, torch autograd for the gradient (through the model's `delta` input, which the model contract provides).
"""
import json
import os

import numpy as np
import torch

from maths import bilinear_resize, minmax

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


class Net:
    def __init__(self, models_dir, name):
        folder = os.path.join(models_dir, name)
        with open(os.path.join(folder, "model.json"), encoding="utf-8") as f:
            self.descriptor = json.load(f)
        self.name = name
        self.sha256 = self.descriptor.get("sha256")
        self.module = torch.jit.load(os.path.join(folder, self.descriptor["file"]), map_location="cpu")
        self.module.eval()
        d = self.descriptor
        self.input = d["input"]
        self.output_names = [o["name"] for o in d["outputs"]]
        self.output_shapes = {o["name"]: o["shape"] for o in d["outputs"]}
        self.takes_delta = "delta" in d.get("inputs", ["image"])
        self.embedding_name = d.get("embedding")
        self.gradcam_spec = d.get("gradcam")
        self.heads = d.get("heads") or []

    # -- algorithm.md §1 "Model input" --------------------------------------------------------------------------
    def prepare(self, canvas):
        """canvas: H×W×3 float32 RGB 0–255 → a 1×C×H×W (or 1×H×W×C) float32 tensor."""
        w, h = self.input["width"], self.input["height"]
        img = bilinear_resize(canvas, w, h)  # as is when already w×h
        order = [0, 1, 2] if self.input.get("channels", "RGB").upper() == "RGB" else [2, 1, 0]
        scale = np.float32(self.input.get("scale", 1.0))
        mean = self.input.get("mean", [0, 0, 0])
        std = self.input.get("std", [1, 1, 1])
        chans = []
        for c, src in enumerate(order):
            chans.append((img[:, :, src] * scale - np.float32(mean[c])) / np.float32(std[c]))
        x = np.stack(chans, axis=0).astype(np.float32)  # C×H×W
        if self.input.get("layout", "NCHW").upper() == "NHWC":
            x = np.transpose(x, (1, 2, 0))
        return torch.from_numpy(np.ascontiguousarray(x[None]))

    def _call(self, x, delta):
        out = self.module(x, delta) if self.takes_delta else self.module(x)
        if isinstance(out, torch.Tensor):
            out = (out,)
        return dict(zip(self.output_names, out))

    def infer(self, canvas):
        """Plain inference (no gradients; delta is a zero tensor of shape [1]). Returns outputs by name as numpy."""
        with torch.no_grad():
            outs = self._call(self.prepare(canvas), torch.zeros(1))
        return {k: v.detach().numpy()[0] for k, v in outs.items()}

    def embed(self, canvas):
        outs = self.infer(canvas)
        name = self.embedding_name or self.output_names[0]
        return outs[name].astype(np.float32)

    # -- algorithm.md §4 Grad-CAM ----------------------------------------------------------------------------------
    def gradcam(self, canvas, target):
        """One fresh forward and backward for one target.

        target(outputs_by_name) -> scalar tensor y. Returns the map at canvas size (H×W float32) per §4 steps 1–5.
        """
        feat_name = self.gradcam_spec["output"]
        delta = torch.zeros([1] + list(self.output_shapes[feat_name]), dtype=torch.float32, requires_grad=True)
        outs = self._call(self.prepare(canvas), delta)
        y = target(outs)
        (grad,) = torch.autograd.grad(y, delta)
        A = outs[feat_name].detach().numpy()[0].astype(np.float32)  # C×h×w, activations (F; F + δ = F with δ = 0)
        G = grad.detach().numpy()[0].astype(np.float32)  # ∂y/∂δ = ∂y/∂F
        alpha = G.mean(axis=(1, 2))  # 2. α_k = mean_ij G[k,i,j]
        cam = np.zeros(A.shape[1:], dtype=np.float32)
        for k in range(A.shape[0]):  # 3. Σ_k α_k·A[k]
            cam += alpha[k] * A[k]
        cam = np.maximum(cam, np.float32(0))  # ReLU
        cam = minmax(cam)  # 4. at h×w
        return bilinear_resize(cam, canvas.shape[1], canvas.shape[0])  # 5. to the canvas


def photos_of(folder):
    return sorted(f for f in os.listdir(folder)
                  if f.lower().endswith(IMAGE_SUFFIXES) and os.path.isfile(os.path.join(folder, f)))


class Gallery:
    """algorithm.md §3: per identity folder (by name) the first `per_identity` photos, unit embeddings averaged and
    normalised into the class weight g_c."""

    def __init__(self, net, gallery_dir, per_identity, read_canvas):
        self.labels = []
        weights = []
        for person in sorted(os.listdir(gallery_dir)):
            folder = os.path.join(gallery_dir, person)
            if not os.path.isdir(folder):
                continue
            photos = photos_of(folder)[:per_identity]
            if not photos:
                continue
            units = []
            for p in photos:
                e = net.embed(read_canvas(os.path.join(folder, p))).astype(np.float64)
                units.append(e / np.linalg.norm(e))
            g = np.mean(units, axis=0)
            weights.append(g / np.linalg.norm(g))
            self.labels.append(person)
        self.g64 = np.array(weights, dtype=np.float64)  # N×D
        self.g32 = torch.from_numpy(self.g64.astype(np.float32))

    def logits(self, embedding):
        """z_c = (e·g_c)/|e| (reported values, double precision from the float32 embedding)."""
        e = np.asarray(embedding, dtype=np.float64)
        return self.g64 @ e / np.linalg.norm(e)

    def target(self, c, embedding_name):
        """The Grad-CAM target of identity c: y = (e·g_c)/|e|, on the forward's own embedding."""
        g = self.g32[c]

        def y(outs):
            e = outs[embedding_name][0]
            return torch.dot(e, g) / torch.linalg.norm(e)

        return y
