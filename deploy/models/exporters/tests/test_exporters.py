"""Tests of the checkpoint exporters on RANDOM weights written in each
checkpoint's original container (random_checkpoint.py):

  /usr/bin/python3 -m unittest discover -s deploy/models/exporters/tests -v
  SIM2WORD_EXPORT_SLOW=1 ...   also exports arcface-r100 (iresnet100) end to end

For every exported kind:
  - the TorchScript reproduces the eager rebuilt network's original forward
    (the network the random weights were written from, not the one the
    exporter read back), with and without the delta input;
  - the delta contract: d(target)/d(delta) equals d(target)/d(output of the
    named target layer), taken with a forward hook on that module of the
    eager network, for the embedding's cosine and every logit output at its
    argmax; a hook on the wrong module (bn3 after the target) gives a
    different gradient, so the check can fail; a non-zero delta makes the
    network continue exactly from F + delta;
  - batching: a batch equals its faces one at a time;
  - the descriptor: fields, checksums, output names and shapes as produced,
    preprocessing equal to the paper's recipe, heads and classes;
  - golden.json equals the eager network's outputs on golden-inputs/.
Plus the containers themselves (whole-model pickles with and without
DataParallel, legacy format, 'module.' prefixes, Python 2 pickles) and the
strict key check, on a small IResNet.
"""

import collections
import contextlib
import hashlib
import io
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORTERS = os.path.dirname(HERE)
for p in (HERE, EXPORTERS):
    if p not in sys.path:
        sys.path.insert(0, p)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import attribute_resnet  # noqa: E402
import checkpoints  # noqa: E402
import export  # noqa: E402
import iresnet  # noqa: E402
import random_checkpoint  # noqa: E402
import reference  # noqa: E402

torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))

SLOW = os.environ.get("SIM2WORD_EXPORT_SLOW") == "1"
MEASURED = collections.OrderedDict()
# float32 reductions of 2048-4096 terms agree to a few ulp times the length
EXACT = 1e-5


def descriptor_input(spec, pixels):
    """The worker's ModelInput.batch: (p*scale - mean[c]) / std[c] in the
    model's channel order, NCHW, in float32 as the Java side computes it."""
    gain = np.array([spec["scale"] / s for s in spec["std"]], np.float32)
    offset = np.array([m / s for m, s in zip(spec["mean"], spec["std"])], np.float32)
    batch = np.stack(pixels).astype(np.float32)
    if spec["channels"] == "BGR":
        batch = batch[..., ::-1]
    x = batch * gain - offset
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2), dtype=np.float32))


def worst(a, b):
    a = a.detach().double()
    b = b.detach().double()
    return float((a - b).abs().max() / max(1.0, float(b.abs().max())))


class ExportedKind:
    """Mixin: one kind exported from random weights in its original container."""

    kind = None
    checkpoint_name = None
    fmt = None
    seed = 7

    @classmethod
    def setUpClass(cls):
        cls.spec = export.KINDS[cls.kind]
        cls.tmp = tempfile.mkdtemp(prefix="sim2word-export-")
        t = time.time()
        cls.net = random_checkpoint.random_network(cls.kind, cls.seed)
        cls.checkpoint = os.path.join(cls.tmp, cls.checkpoint_name)
        random_checkpoint.write(cls.kind, cls.checkpoint, fmt=cls.fmt, net=cls.net)
        write_seconds = time.time() - t
        cls.out = os.path.join(cls.tmp, "model")
        t = time.time()
        cls.info = export.export(cls.kind, cls.checkpoint, cls.out, log=lambda *a: None)
        export_seconds = time.time() - t
        t = time.time()
        cls.model = torch.jit.load(os.path.join(cls.out, "model.pt")).eval()
        with open(os.path.join(cls.out, "model.json")) as f:
            cls.desc = json.load(f)
        with open(os.path.join(cls.out, "golden.json")) as f:
            cls.golden = json.load(f)
        w, h = cls.spec.input["width"], cls.spec.input["height"]
        cls.pixels = []
        for case in cls.golden["cases"]:
            with open(os.path.join(cls.out, case["input"]), "rb") as f:
                cls.pixels.append(np.frombuffer(f.read(), np.uint8).reshape(h, w, 3))
        cls.x = descriptor_input(cls.desc["input"], cls.pixels)
        with torch.no_grad():
            cls.eager_out = export.eager(cls.spec, cls.net, cls.x)
            cls.script_out = cls.model(cls.x)
        MEASURED[cls.kind] = {"checkpoint_bytes": os.path.getsize(cls.checkpoint),
                              "model_bytes": cls.info["size_bytes"],
                              "write_random_checkpoint_s": round(write_seconds, 1),
                              "export_s": round(export_seconds, 1), "export_stages_s": cls.info["seconds"],
                              "container": cls.info["checkpoint"]["container"],
                              "setup_rest_s": round(time.time() - t, 1)}
        cls.started = time.time()

    @classmethod
    def tearDownClass(cls):
        MEASURED[cls.kind]["tests_s"] = round(time.time() - cls.started, 1)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # -- helpers -------------------------------------------------------------------------------------------------

    def names(self):
        return [o["name"] for o in self.desc["outputs"]]

    def logit_outputs(self):
        return self.names()[2:]

    # -- tests -------------------------------------------------------------------------------------------------

    def test_preprocessing_of_the_descriptor_is_the_papers(self):
        recipe = export.preprocess(self.spec, self.pixels)
        self.assertLess(float((self.x - recipe).abs().max()), 1e-6)
        if self.spec.recipe == "caffe-bgr":
            # method §2.2: cv2 BGR minus the VGGFace2 means, no division
            p = self.pixels[0].astype(np.float64)
            expected = p[..., [2, 1, 0]] - np.array([91.4953, 103.8827, 131.0912])
        else:
            # method §2.2: PIL RGB, (x/255 - 0.5)/0.5
            expected = (self.pixels[0].astype(np.float64) / 255 - 0.5) / 0.5
        self.assertLess(float(np.abs(self.x[0].double().numpy().transpose(1, 2, 0) - expected).max()), 1e-4)

    def test_torchscript_equals_the_eager_original_forward(self):
        with torch.no_grad():
            zero = self.model(self.x, torch.zeros(1))
        self.assertEqual(len(self.script_out), len(self.eager_out))
        for name, a, z, b in zip(self.names(), self.script_out, zero, self.eager_out):
            with self.subTest(output=name):
                self.assertEqual(tuple(a.shape), tuple(b.shape))
                self.assertLessEqual(worst(a, b), EXACT)
                self.assertTrue(torch.equal(a, z), "forward(x) and forward(x, zeros(1)) differ")

    def test_output_shapes_are_the_descriptors(self):
        for o, t in zip(self.desc["outputs"], self.eager_out):
            self.assertEqual(list(t.shape[1:]), o["shape"], o["name"])

    def _targets(self, outs, direction):
        """(label, scalar) for the cosine to `direction` and every logit output at its argmax."""
        yield "cosine", reference.cosine_target(outs[1][0], direction)
        for j, name in enumerate(self.logit_outputs()):
            z = outs[2 + j][0]
            yield "%s[%d]" % (name, int(torch.argmax(z))), z[int(torch.argmax(z))]

    def test_delta_gradient_is_the_gradient_at_the_named_layer(self):
        x = self.x[:1]
        direction = torch.nn.functional.normalize(self.eager_out[1][1:2].detach(), dim=1)[0]
        delta = torch.zeros((1,) + tuple(self.desc["outputs"][0]["shape"]), requires_grad=True)
        scripted = self.model(x, delta)
        wrong = {}
        handle = reference.module_named(self.net, self.wrong_layer()).register_forward_hook(
            lambda m, i, o: wrong.__setitem__("out", o))
        try:
            eager = export.eager(self.spec, self.net, x)
        finally:
            handle.remove()
        hooked = eager[0]                                   # output of the target layer, seen by a forward hook
        checked = 0
        for (label, ys), (_, ye) in zip(self._targets(scripted, direction), self._targets(eager, direction)):
            with self.subTest(target=label):
                g_delta = torch.autograd.grad(ys, delta, retain_graph=True)[0]
                g_hook, g_wrong = torch.autograd.grad(ye, [hooked, wrong["out"]], retain_graph=True)
                scale = float(g_hook.abs().max())
                self.assertGreater(scale, 0.0, "the target does not depend on the layer")
                self.assertLessEqual(float((g_delta - g_hook).abs().max()) / scale, 1e-4)
                self.assertGreater(float((g_wrong - g_hook).abs().max()) / scale, 1e-2,
                                   "a hook on %s gives the same gradient: the check could not fail"
                                   % self.wrong_layer())
                checked += 1
        self.assertEqual(checked, 1 + len(self.logit_outputs()))

    def wrong_layer(self):
        return self.spec.target.rsplit(".", 1)[0] + ".bn3"

    def test_the_maps_through_delta_equal_the_golden_maps(self):
        """The worker's Grad-CAM (through delta, on the TorchScript) equals the
        golden maps the exporter computed with hooks on the eager network.
        One recorded forward of both faces; the faces are independent, so face
        i's maps come from row i of the gradient."""
        n = len(self.golden["cases"])
        delta = torch.zeros((n,) + tuple(self.desc["outputs"][0]["shape"]), requires_grad=True)
        outs = self.model(self.x, delta)
        for i, case in enumerate(self.golden["cases"]):
            other = torch.nn.functional.normalize(self.eager_out[1][(i + 1) % n], dim=0)
            for m in case["gradcam"]:
                if m["target"] == "cosine":
                    y = reference.cosine_target(outs[1][i], other)
                else:
                    y = outs[self.names().index(m["output"])][i][m["class"]]
                g = torch.autograd.grad(y, delta, retain_graph=True)[0]
                ours = reference.gradcam(outs[0][i], g[i])
                with self.subTest(case=i, target=m["target"], output=m["output"]):
                    self.assertLessEqual(float(np.abs(ours - np.array(m["map"])).max()), 1e-4)

    def test_a_non_zero_delta_continues_from_f_plus_delta(self):
        x = self.x[:1]
        g = torch.Generator().manual_seed(3)
        delta = torch.randn((1,) + tuple(self.desc["outputs"][0]["shape"]), generator=g) * 0.5
        with torch.no_grad():
            scripted = self.model(x, delta)
            eager = export.eager(self.spec, self.net, x, delta)
        plain = [t[:1] for t in self.script_out]
        self.assertLessEqual(worst(scripted[0], plain[0]), EXACT, "features must be F, before delta")
        for name, a, b, p in zip(self.names(), scripted, eager, plain):
            with self.subTest(output=name):
                self.assertLessEqual(worst(a, b), EXACT)
                if name != "features":
                    self.assertGreater(worst(a, p), 1e-4, "delta had no effect on %s" % name)

    def test_a_batch_equals_its_faces_one_at_a_time(self):
        x = self.x
        batch = self.script_out
        with torch.no_grad():
            for i in range(x.shape[0]):
                single = self.model(x[i:i + 1])
                for name, a, b in zip(self.names(), batch, single):
                    with self.subTest(face=i, output=name):
                        self.assertLessEqual(worst(a[i:i + 1], b), EXACT)

    def test_golden_is_the_eager_networks_output(self):
        for i, case in enumerate(self.golden["cases"]):
            self.assertEqual(case["pixels_sha256"], hashlib.sha256(self.pixels[i].tobytes()).hexdigest())
            for name, t in zip(self.names(), self.eager_out):
                v = t[i].double().numpy()
                with self.subTest(case=i, output=name):
                    if name == "features":
                        self.assertAlmostEqual(case["outputs"]["features_sum"], float(v.sum()),
                                               delta=1e-5 * max(1.0, float(np.abs(v).sum())))
                        self.assertLessEqual(export.max_scaled_difference(case["outputs"]["features_channel0"],
                                                                          v[0].reshape(-1)), EXACT)
                    else:
                        self.assertLessEqual(export.max_scaled_difference(case["outputs"][name], v.reshape(-1)),
                                             EXACT)
            self.assertEqual(len(case["gradcam"]), 1 + len(self.logit_outputs()))
        self.assertEqual(self.golden["tolerance"], 1e-4)

    def test_descriptor(self):
        d = self.desc
        self.assertEqual(d["schema"], 1)
        self.assertEqual(d["file"], "model.pt")
        self.assertEqual(d["sha256"], export.sha256_file(os.path.join(self.out, "model.pt")))
        self.assertEqual(d["source"]["sha256"], export.sha256_file(self.checkpoint))
        self.assertEqual(d["source"]["file"], self.checkpoint_name)
        self.assertEqual(d["roles"], self.spec.roles)
        self.assertEqual(d["inputs"], ["image", "delta"])
        self.assertEqual(d["input"], self.spec.input)
        self.assertEqual(d["embedding"], "embedding")
        self.assertEqual(d["gradcam"], {"layer": self.spec.target, "output": "features", "exposure": "delta-input"})
        self.assertEqual(self.names()[:2], ["features", "embedding"])
        self.assertEqual(d["golden"], "golden.json")
        for h in d["heads"]:
            self.assertIn(h["output"], self.names())
            width = d["outputs"][self.names().index(h["output"])]["shape"]
            self.assertEqual(width, [len(h["classes"])], h["attribute"])
            self.assertIn(h["kind"], ("categorical", "yes-no"))
        if "identification" in d:
            ident = d["identification"]
            self.assertIn(ident["output"], self.names())
            self.assertEqual(d["outputs"][self.names().index(ident["output"])]["shape"], [ident["classes"]])
            self.assertIsNone(ident["labels"])
        with open(os.path.join(self.out, "build-info.json")) as f:
            info = json.load(f)
        self.assertEqual(info["method"], "torch.jit.script")
        self.assertEqual(info["checkpoint"]["sha256"], d["source"]["sha256"])

    def test_the_checkpoint_has_the_original_key_names(self):
        if self.spec.reader == "numpy-pickle":
            with open(self.checkpoint, "rb") as f:
                state = pickle.load(f, encoding="latin1")
        else:
            state, _ = checkpoints.read_torch(self.checkpoint)
        shapes = {k: tuple(v.shape) for k, v in state.items()}
        for key, shape in self.original_keys().items():
            self.assertEqual(shapes.get(key), shape, key)
        self.assertEqual(sum(int(np.prod(s)) for k, s in shapes.items() if not k.endswith("num_batches_tracked")),
                         sum(int(np.prod(v.shape)) for k, v in self.net.state_dict().items()
                             if not k.endswith("num_batches_tracked")))


# Literal key names and shapes of the original checkpoints' layouts (from the
# model definitions of the Sim2Word repository and insightface arcface_torch).
CAFFE_KEYS = {"conv1.weight": (64, 3, 7, 7), "bn1.running_var": (64,),
              "layer1.0.conv1.weight": (64, 64, 1, 1), "layer1.0.downsample.0.weight": (256, 64, 1, 1),
              "layer1.0.downsample.1.running_mean": (256,), "layer2.0.conv1.weight": (128, 256, 1, 1),
              "layer3.5.conv2.weight": (256, 256, 3, 3), "layer4.2.conv3.weight": (2048, 512, 1, 1),
              "layer4.2.bn3.bias": (2048,)}
IRESNET_KEYS = {"conv1.weight": (64, 3, 3, 3), "prelu.weight": (64,), "layer1.0.bn1.weight": (64,),
                "layer1.0.conv1.weight": (64, 64, 3, 3), "layer1.0.prelu.weight": (64,),
                "layer1.0.downsample.0.weight": (64, 64, 1, 1), "layer4.2.conv2.weight": (512, 512, 3, 3),
                "layer4.2.bn3.running_var": (512,), "bn2.weight": (512,), "fc.weight": (512, 25088),
                "fc.bias": (512,), "features.weight": (512,), "features.running_mean": (512,)}


class VGGFace2ResNet50Test(ExportedKind, unittest.TestCase):
    kind = "vggface2-resnet50"
    checkpoint_name = "resnet50_scratch_weight.pkl"

    def original_keys(self):
        return dict(CAFFE_KEYS, **{"fc.weight": (8631, 2048), "fc.bias": (8631,)})

    def test_the_pickle_needs_latin1_and_lacks_num_batches_tracked(self):
        with open(self.checkpoint, "rb") as f:
            with self.assertRaises(UnicodeDecodeError):
                pickle.load(f)
        state = checkpoints.read_numpy_pickle(self.checkpoint)
        self.assertFalse([k for k in state if "num_batches_tracked" in k])
        self.assertEqual(self.desc["name"], "vggface2-resnet50-scratch")
        self.assertEqual(self.desc["identification"]["kind"], "logits")


class VGGFace2SENet50Test(ExportedKind, unittest.TestCase):
    kind = "vggface2-senet50"
    checkpoint_name = "senet50_ft_weight.pkl"

    def original_keys(self):
        return dict(CAFFE_KEYS, **{"fc.weight": (8631, 2048), "layer4.2.conv4.weight": (128, 2048, 1, 1),
                                   "layer4.2.conv4.bias": (128,), "layer4.2.conv5.weight": (2048, 128, 1, 1),
                                   "layer1.0.conv5.bias": (256,)})

    def test_the_target_is_conv3_not_the_last_conv(self):
        convs = [n for n, m in self.net.named_modules() if isinstance(m, nn.Conv2d)]
        self.assertEqual(convs[-1], "layer4.2.conv5", "the paper's automatic choice (method §6.6)")
        self.assertEqual(self.desc["gradcam"]["layer"], "layer4.2.conv3")
        self.assertEqual(self.desc["outputs"][0]["shape"], [2048, 7, 7])


class AttributeResNet50Test(ExportedKind, unittest.TestCase):
    kind = "attribute-resnet50"
    checkpoint_name = "Face-Attributes2.pth"

    def original_keys(self):
        keys = dict(CAFFE_KEYS)
        sizes = [2, 3, 3, 3, 3, 3, 3, 3, 5, 2, 2, 2, 2] + [3] * 17
        for i, n in enumerate(sizes):
            keys["fc%d.weight" % (i + 1)] = (n, 2048)
            keys["fc%d.bias" % (i + 1)] = (n,)
        return keys

    def test_a_whole_model_pickle_in_data_parallel(self):
        self.assertEqual("whole-model pickle of models.resnet.ResNet in torch.nn.parallel.data_parallel.DataParallel",
                         self.info["checkpoint"]["container"])
        self.assertNotIn("models.resnet", sys.modules)

    def test_the_thirty_heads_of_method_3_1(self):
        heads = self.desc["heads"]
        self.assertEqual([h["attribute"] for h in heads], [
            "Gender", "Age", "Race", "Bald", "Wavy Hair", "Receding Hairline", "Bangs", "Sideburns", "Hair color",
            "no beard", "Mustache", "5 o Clock Shadow", "Goatee", "Oval Face", "Square Face", "Round Face",
            "Double Chin", "High Cheekbones", "Chubby", "Obstructed Forehead", "Fully Visible Forehead",
            "Brown Eyes", "Bags Under Eyes", "Bushy Eyebrows", "Arched Eyebrows", "Mouth Closed", "Smiling",
            "Big Lips", "Big Nose", "Pointy Nose"])
        self.assertEqual([h["layer"] for h in heads], ["fc%d" % i for i in range(1, 31)])
        self.assertEqual(sum(len(h["classes"]) for h in heads), 87)
        self.assertEqual({h["attribute"] for h in heads if h["kind"] == "categorical"},
                         {"Gender", "Age", "Race", "Hair color"})
        by_name = {h["attribute"]: h for h in heads}
        self.assertEqual(by_name["Gender"]["classes"], ["Male", "Female"])
        self.assertEqual(by_name["Age"]["classes"], ["Young", "Middle Aged", "Senior"])
        self.assertEqual(by_name["Race"]["classes"], ["Asian", "White", "Black"])
        self.assertEqual(by_name["Hair color"]["classes"],
                         ["Black Hair", "Blond Hair", "Brown Hair", "Gray Hair", "Unknown Hair"])
        for h in heads:
            if h["kind"] == "yes-no":
                self.assertEqual(h["classes"][:2], ["yes", "no"])
                self.assertIn(h["classes"][2:], ([], ["undefined"]))
        self.assertEqual(len(self.desc["outputs"]), 32)

    def test_every_head_is_its_fc_layer(self):
        for j in range(30):
            fc = getattr(self.net, "fc%d" % (j + 1))
            with torch.no_grad():
                self.assertLessEqual(worst(self.eager_out[2 + j], fc(self.eager_out[1])), EXACT)


class ArcFaceR50Test(ExportedKind, unittest.TestCase):
    kind = "arcface-r50"
    checkpoint_name = "backbone.pth"

    def original_keys(self):
        return dict(IRESNET_KEYS, **{"layer3.13.conv2.weight": (256, 256, 3, 3),
                                     "features.num_batches_tracked": ()})

    def test_verification_only(self):
        self.assertEqual(self.desc["roles"], ["verification"])
        self.assertEqual(self.names(), ["features", "embedding"])
        self.assertNotIn("identification", self.desc)
        self.assertEqual(self.info["checkpoint"]["container"], "state dict")


@unittest.skipUnless(SLOW, "iresnet100 export: set SIM2WORD_EXPORT_SLOW=1")
class ArcFaceR100Test(ExportedKind, unittest.TestCase):
    kind = "arcface-r100"
    checkpoint_name = "backbone.pth"

    def original_keys(self):
        return dict(IRESNET_KEYS, **{"layer2.12.conv2.weight": (128, 128, 3, 3),
                                     "layer3.29.conv2.weight": (256, 256, 3, 3)})


class VGGFace2ArcTest(ExportedKind, unittest.TestCase):
    kind = "vggface2-arc"
    checkpoint_name = "vggface2-arc.pth"

    def original_keys(self):
        return dict(IRESNET_KEYS, weight=(8631, 512))

    def test_cosine_logits(self):
        logits = self.eager_out[2]
        self.assertLessEqual(float(logits.abs().max()), 1.0 + 1e-6)
        ident = self.desc["identification"]
        self.assertEqual((ident["kind"], ident["scale"]), ("cosine", 64.0))
        self.assertIn("'module.' prefix removed", self.info["checkpoint"]["container"])


class VGGFace2EvidentialTest(ExportedKind, unittest.TestCase):
    kind = "vggface2-evidential"
    checkpoint_name = "vggface-evidential.pth"

    def original_keys(self):
        return dict(IRESNET_KEYS, **{"fc2.weight": (8631, 512), "fc2.bias": (8631,)})

    def test_uncertainty_role(self):
        self.assertEqual(self.desc["roles"], ["uncertainty"])
        self.assertEqual(self.desc["uncertainty"], {"output": "logits", "evidence": "relu", "lambda": 200.0,
                                                    "classes": 8631, "labels": None})
        z = self.eager_out[2].double()
        u = 8631 / (8631 + 200 * torch.relu(z).sum(dim=1))
        self.assertTrue(bool(((u > 0) & (u <= 1)).all()))


class RegistryTest(unittest.TestCase):
    def test_cosface_kinds_are_the_arcface_architectures(self):
        for depth in ("r50",) + (("r100",) if SLOW else ()):
            a = export.KINDS["arcface-" + depth].build().state_dict()
            c = export.KINDS["cosface-" + depth].build().state_dict()
            self.assertEqual({k: v.shape for k, v in a.items()}, {k: v.shape for k, v in c.items()})
        self.assertEqual(iresnet.DEPTHS, {"iresnet50": (3, 4, 14, 3), "iresnet100": (3, 13, 30, 3)})
        for kind in export.KINDS.values():
            self.assertEqual(kind.input, export.CAFFE_INPUT if kind.recipe == "caffe-bgr" else export.ARCFACE_INPUT)

    def test_default_names(self):
        k = export.KINDS["vggface2-resnet50"]
        self.assertEqual(k.default_name("/x/resnet50_ft_weight.pkl"), "vggface2-resnet50-ft")
        self.assertEqual(k.default_name("/x/resnet50_scratch_weight.pkl"), "vggface2-resnet50-scratch")
        self.assertEqual(export.KINDS["cosface-r100"].default_name("/x/backbone.pth"), "cosface-r100")

    def test_output_names_of_the_heads(self):
        self.assertEqual(attribute_resnet.output_name("Hair color"), "hair_color")
        self.assertEqual(attribute_resnet.output_name("5 o Clock Shadow"), "attr_5_o_clock_shadow")
        names = [attribute_resnet.output_name(a) for a, _, _ in attribute_resnet.ATTRIBUTES]
        self.assertEqual(len(set(names)), 30)


class LabelsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sim2word-labels-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_identity_meta_gives_the_training_identities_in_order(self):
        path = os.path.join(self.tmp, "identity_meta.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Class_ID, Name, Sample_Num, Flag, Gender\n")
            for i in range(1, 12):
                flag = 0 if i % 4 == 0 else 1
                f.write('n%06d, "Name, With Comma %d", %d, %d, m\n' % (i, i, 100 + i, flag))
        labels = export.read_labels(identity_meta=path)
        self.assertEqual(labels, ["n%06d" % i for i in range(1, 12) if i % 4 != 0])
        with self.assertRaises(ValueError):
            export.read_labels(identity_meta=path, expected=8631)
        text = os.path.join(self.tmp, "labels.txt")
        with open(text, "w") as f:
            f.write("a\nb\n\nc\n")
        self.assertEqual(export.read_labels(labels=text), ["a", "b", "c"])
        d = export.descriptor(export.KINDS["vggface2-arc"], "x", "/c/vggface2-arc.pth", "0" * 64, "state dict",
                              "1" * 64, True)
        self.assertEqual(d["identification"]["labels"], "labels.json")


class CommandLineTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sim2word-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_a_checkpoint_that_does_not_fit_writes_nothing(self):
        small = os.path.join(self.tmp, "vggface2-arc.pth")
        torch.save(SmallIResNet().state_dict(), small)
        out = os.path.join(self.tmp, "out")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(export.main(["vggface2-arc", small, out]), 1)
        self.assertIn("does not fit VGGFace2ArcIResNet", err.getvalue())
        self.assertIn("missing keys: layer1.1.bn1.bias", err.getvalue())
        self.assertFalse(os.path.exists(os.path.join(out, "model.pt")))
        self.assertFalse(os.path.exists(os.path.join(out, "model.json")))

    def test_labels_must_fit_the_classes(self):
        labels = os.path.join(self.tmp, "labels.txt")
        with open(labels, "w") as f:
            f.write("a\nb\n")
        for kind in ("vggface2-arc", "arcface-r50"):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                self.assertEqual(export.main([kind, "/nonexistent.pth", self.tmp, "--labels", labels]), 1)
            self.assertIn("2 labels for 8631 classes" if kind == "vggface2-arc" else "no classes to label",
                          err.getvalue())


class SmallIResNet(iresnet.VGGFace2ArcIResNet):
    """A one-block-per-stage IResNet with 10 classes, for the container tests."""

    def __init__(self):
        super().__init__(layers=(1, 1, 1, 1), classes=10)


class ContainerTest(unittest.TestCase):
    """The readers on every container the paper's .pth files may come in."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sim2word-containers-")
        torch.manual_seed(0)
        self.net = SmallIResNet().eval()
        with torch.no_grad():
            for m in self.net.modules():
                if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                    m.running_mean.normal_()
                    m.running_var.uniform_(0.5, 1.5)
        self.expected = {k: v.clone() for k, v in self.net.state_dict().items() if "num_batches" not in k}

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def roundtrip(self, fmt):
        path = os.path.join(self.tmp, fmt + ".pth")
        saved = random_checkpoint.ORIGINAL_CLASSES["vggface2-arc"]
        with random_checkpoint._Disguise(self.net, saved[0], {"SmallIResNet": "IResNet",
                                                              "IBasicBlock": "IBasicBlock"}):
            obj = self.net
            if fmt == "whole-model-dp":
                torch.save(nn.DataParallel(obj), path)
            elif fmt == "whole-model-legacy":
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", message="Couldn't retrieve source code")
                    torch.save(obj, path, _use_new_zipfile_serialization=False)
            elif fmt == "state-dict-module":
                torch.save(collections.OrderedDict(("module." + k, v) for k, v in obj.state_dict().items()), path)
            elif fmt == "state-dict-legacy":
                torch.save(obj.state_dict(), path, _use_new_zipfile_serialization=False)
            elif fmt == "training-checkpoint":
                torch.save({"epoch": 3, "state_dict": obj.state_dict()}, path)
        self.assertNotIn(saved[0], sys.modules)
        state, container = checkpoints.read_torch(path)
        fresh = SmallIResNet()
        checkpoints.load_strict(fresh, state)
        for k, v in fresh.state_dict().items():
            if "num_batches" not in k:
                self.assertTrue(torch.equal(v, self.expected[k]), k)
        return container

    def test_whole_model_in_data_parallel(self):
        self.assertEqual(self.roundtrip("whole-model-dp"), "whole-model pickle of models.iresnet.IResNet in "
                         "torch.nn.parallel.data_parallel.DataParallel")

    def test_whole_model_legacy_format(self):
        self.assertEqual(self.roundtrip("whole-model-legacy"), "whole-model pickle of models.iresnet.IResNet")

    def test_state_dicts(self):
        self.assertEqual(self.roundtrip("state-dict-module"), "state dict, 'module.' prefix removed")
        self.assertEqual(self.roundtrip("state-dict-legacy"), "state dict")
        self.assertEqual(self.roundtrip("training-checkpoint"), "state dict (under 'state_dict')")

    def test_stand_ins_cannot_run(self):
        path = os.path.join(self.tmp, "m.pth")
        with random_checkpoint._Disguise(self.net, "models.iresnet", {"SmallIResNet": "IResNet"}):
            torch.save(self.net, path)
        obj = checkpoints._load_whole_model(path)
        self.assertIsInstance(obj, checkpoints.StandIn)
        with self.assertRaises(RuntimeError):
            obj(torch.zeros(1, 3, 112, 112))

    def test_strict_keys(self):
        state = dict(self.expected)
        missing = dict(state)
        del missing["weight"]
        with self.assertRaisesRegex(checkpoints.CheckpointError, "missing keys: weight"):
            checkpoints.load_strict(SmallIResNet(), missing)
        extra = dict(state, **{"head.weight": torch.zeros(3)})
        with self.assertRaisesRegex(checkpoints.CheckpointError, "unexpected keys: head.weight"):
            checkpoints.load_strict(SmallIResNet(), extra)
        wrong = dict(state, weight=torch.zeros(11, 512))
        with self.assertRaisesRegex(checkpoints.CheckpointError, r"wrong shapes: weight \[11, 512\]"):
            checkpoints.load_strict(SmallIResNet(), wrong)
        nan = dict(state, weight=torch.full((10, 512), float("nan")))
        with self.assertRaisesRegex(checkpoints.CheckpointError, "NaN"):
            checkpoints.load_strict(SmallIResNet(), nan)
        # num_batches_tracked may be present or absent
        checkpoints.load_strict(SmallIResNet(), state)

    def test_numpy_pickle_reader_refuses_anything_else(self):
        path = os.path.join(self.tmp, "evil.pkl")

        class Evil:
            def __reduce__(self):
                return (os.system, ("echo should-not-run",))

        with open(path, "wb") as f:
            pickle.dump({"conv1.weight": Evil()}, f, protocol=2)
        with self.assertRaises(checkpoints.CheckpointError):
            checkpoints.read_numpy_pickle(path)
        with open(path, "wb") as f:
            pickle.dump({"conv1.weight": [1, 2, 3]}, f, protocol=2)
        with self.assertRaisesRegex(checkpoints.CheckpointError, "numpy array"):
            checkpoints.read_numpy_pickle(path)

    def test_model_pickle_reader_refuses_system_calls(self):
        path = os.path.join(self.tmp, "evil.pth")

        class Evil:
            def __reduce__(self):
                return (os.system, ("echo should-not-run",))

        torch.save({"x": Evil()}, path)
        with self.assertRaises(checkpoints.CheckpointError):
            checkpoints.read_torch(path)


def tearDownModule():
    if MEASURED:
        print("\nmeasured (this machine, %d threads):" % torch.get_num_threads(), file=sys.stderr)
        for kind, m in MEASURED.items():
            print("  %-20s %s" % (kind, json.dumps(m)), file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
