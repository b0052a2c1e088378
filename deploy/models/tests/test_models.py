"""Checks of the converted TorchScript models (run with /usr/bin/python3):

  /usr/bin/python3 -m unittest discover -s deploy/models/tests -v

Needs the converted models (deploy/models/install.sh) and the johns photos
(deploy/faces/fetch-johns.sh) and the group photos (deploy/faces/fetch-photos.sh)
under ${SIM2WORD_HOME:-<repo>/.sim2word}.
"""

import json
import os
import sys
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "convert"))

import build  # noqa: E402
import check  # noqa: E402
import common  # noqa: E402
import hse_faceres  # noqa: E402
import human_face  # noqa: E402
import images  # noqa: E402

torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))


def _load(name):
    path = os.path.join(common.model_dir(name), "model.pt")
    if not os.path.exists(path):
        raise AssertionError("%s missing: run deploy/models/install.sh" % path)
    return check.load_model(name)


class _ConvertedModel:
    """A converted model and its golden outputs, loaded once per test class (mixed in before unittest.TestCase)."""
    name = None

    @classmethod
    def setUpClass(cls):
        cls.model = _load(cls.name)
        cls.golden = check.load_golden(cls.name)

    def assert_outputs_match(self, pairs, reference):
        for key, (ours, ref) in pairs.items():
            with self.subTest(output=key):
                self.assertEqual(ours.shape, ref.shape)
                err = np.abs(ours - ref).max()
                self.assertLessEqual(err, self.golden["tolerance"],
                                     "%s: max |d| %.3g vs %s" % (key, err, reference))


class DescriptorTests(unittest.TestCase):
    def test_descriptors(self):
        for name in build.MODELS:
            with self.subTest(model=name):
                mdir = common.model_dir(name)
                d = common.read_json(os.path.join(mdir, "model.json"))
                self.assertEqual(d["schema"], 1)
                self.assertEqual(d["name"], name)
                self.assertEqual(d["file"], "model.pt")
                self.assertEqual(d["sha256"], common.sha256_file(os.path.join(mdir, d["file"])))
                src = common.sources()[d["source"]["package"]]
                self.assertEqual(d["source"]["version"], src["version"])
                self.assertEqual(d["source"]["sha256"], src["files"][d["source"]["file"]])
                self.assertEqual(d, build.descriptor(name, d["sha256"]))
                # the golden referenced by the descriptor and its copy next to model.json
                with open(os.path.join(common.MODELS_DIR, d["golden"])) as f:
                    committed = json.load(f)
                self.assertEqual(committed, common.read_json(os.path.join(mdir, "golden.json")))
                self.assertEqual(committed["model"], name)
                names = [o["name"] for o in d["outputs"]]
                if d["embedding"] is not None:
                    self.assertIn(d["embedding"], names)
                for h in d["heads"]:
                    self.assertIn(h["output"], names)
                if d["gradcam"]:
                    self.assertIn(d["gradcam"]["output"], names)
                    self.assertIn("delta", d["inputs"])

    def test_scripted_not_traced(self):
        for name in build.MODELS:
            info = common.read_json(os.path.join(common.model_dir(name), "build-info.json"))
            self.assertEqual(info["method"], "torch.jit.script")
            m = _load(name)
            # a scripted module keeps its Python-level control flow (loops over
            # units / dynamic padding) instead of a flat trace
            self.assertIn("def forward", m.code)


class DlibResNetTests(_ConvertedModel, unittest.TestCase):
    name = "dlib-resnet29"

    def test_matches_dlib_cpp(self):
        ours, ref, _ = check.dlib_outputs(self.model, self.golden)
        self.assertEqual(ours.shape, (len(self.golden["cases"]), 128))
        err = np.abs(ours - ref).max()
        self.assertLessEqual(err, self.golden["tolerance"], "max |d| %.3g vs dlib C++" % err)

    def test_batching(self):
        _, _, pix = check.dlib_outputs(self.model, self.golden)
        inp = build.MODELS[self.name]["descriptor"]["input"]
        x = check.dlib_input(pix, inp["mean"], inp["std"])
        with torch.no_grad():
            batched = self.model(x)
            single = torch.cat([self.model(x[i:i + 1]) for i in range(x.shape[0])])
        self.assertEqual(tuple(batched.shape), (3, 128))
        self.assertLess((batched - single).abs().max().item(), 1e-5)

    def test_distinct_people_are_far_apart(self):
        # the three golden photos show three different people: dlib's
        # same-person threshold is a Euclidean distance of 0.6
        ours, _, _ = check.dlib_outputs(self.model, self.golden)
        for i in range(3):
            for j in range(i + 1, 3):
                self.assertGreater(np.linalg.norm(ours[i] - ours[j]), 0.6)

    def test_same_person_is_close(self):
        import images
        person = os.path.join(common.faces_dir(), "johns", "John_Salley")
        files = sorted(os.listdir(person))[:2]
        pix = [images.decode_rgb(os.path.join(person, f)) for f in files]
        inp = build.MODELS[self.name]["descriptor"]["input"]
        with torch.no_grad():
            e = self.model(check.dlib_input(pix, inp["mean"], inp["std"]))
        self.assertLess((e[0] - e[1]).norm().item(), 0.6)


class FaceResTests(_ConvertedModel, unittest.TestCase):
    name = "hse-faceres"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pairs, extras, pix = check.faceres_outputs(cls.model, cls.golden)
        cls.pairs, cls.extras = pairs, extras
        cls.x = torch.from_numpy(check.images.to_nchw_float(pix))

    def test_matches_tfjs(self):
        self.assert_outputs_match(self.pairs, "TF.js")
        for key, (ours, ref) in self.extras.items():
            with self.subTest(output=key):
                np.testing.assert_allclose(ours, ref, rtol=1e-5)

    def test_output_shapes_and_probabilities(self):
        with torch.no_grad():
            f, e, g, ag, a = self.model(self.x, torch.zeros(1))
        n = self.x.shape[0]
        self.assertEqual([tuple(t.shape) for t in (f, e, g, ag, a)],
                         [(n, 1024, 7, 7), (n, 1024), (n, 2), (n, 3), (n, 100)])
        torch.testing.assert_close(g.exp().sum(1), torch.ones(n))
        torch.testing.assert_close(ag.exp().sum(1), torch.ones(n))
        torch.testing.assert_close(a.sum(1), torch.ones(n))
        for k, (_, lo, hi) in enumerate(hse_faceres.AGE_GROUPS):
            torch.testing.assert_close(ag[:, k].exp(), a[:, lo:hi].sum(1))
        self.assertEqual([b for _, b, _ in hse_faceres.AGE_GROUPS] + [100],
                         [0] + [e for _, _, e in hse_faceres.AGE_GROUPS])
        # all five johns are men
        self.assertTrue(bool((g[:, 0] > g[:, 1]).all()))

    def test_batching(self):
        with torch.no_grad():
            batched = self.model(self.x, torch.zeros(1))
            single = [self.model(self.x[i:i + 1], torch.zeros(1)) for i in range(self.x.shape[0])]
        for k in range(5):
            joined = torch.cat([s[k] for s in single])
            self.assertLess((batched[k] - joined).abs().max().item(), 1e-5, "output %d" % k)

    def test_delta_gradient_is_gap_gradient(self):
        x = self.x[:1]
        with torch.no_grad():
            f0 = self.model(x, torch.zeros(1))[0]
        delta = torch.zeros_like(f0, requires_grad=True)
        out = self.model(x, delta)
        u = torch.randn(1, 1024, generator=torch.Generator().manual_seed(7))
        (grad,) = torch.autograd.grad((out[1] * u).sum(), delta)
        expected = (u / 49.0).view(1, 1024, 1, 1).expand(1, 1024, 7, 7)
        torch.testing.assert_close(grad, expected, rtol=1e-6, atol=1e-9)
        # features are returned before delta is added, and delta=0 of full
        # shape gives the plain-inference outputs
        torch.testing.assert_close(out[0].detach(), f0, rtol=0, atol=0)
        plain = self.model(x, torch.zeros(1))
        for k in range(1, 5):
            torch.testing.assert_close(out[k].detach(), plain[k], rtol=0, atol=0)

    def test_nonzero_delta_acts_on_features(self):
        x = self.x[:1]
        m = self.model
        with torch.no_grad():
            f0, e0, g0, ag0, a0 = m(x, torch.zeros(1))
            d = 0.5 * torch.randn(f0.shape, generator=torch.Generator().manual_seed(3))
            f1, e1, g1, ag1, a1 = m(x, d)
            # independent recomputation of the head on F + delta
            emb = (f0 + d).mean(dim=(2, 3))
            feats = torch.relu(emb @ m.feats_w + m.feats_b)
            z = feats @ m.gender_w + m.gender_b
            age = torch.softmax(feats @ m.age_w + m.age_b, dim=1)
        torch.testing.assert_close(f1, f0, rtol=0, atol=0)
        torch.testing.assert_close(e1, emb)
        torch.testing.assert_close(g1[:, :1].exp(), torch.sigmoid(z))
        torch.testing.assert_close(a1, age)
        self.assertGreater((e1 - e0).abs().max().item(), 1e-3)
        self.assertGreater((a1 - a0).abs().max().item(), 1e-6)
        self.assertGreater((g1 - g0).abs().max().item(), 1e-6)

    def test_head_gradients_match_finite_differences(self):
        x = self.x[:1]
        with torch.no_grad():
            f0 = self.model(x, torch.zeros(1))[0]
        gen = torch.Generator().manual_seed(11)
        v = torch.randn(f0.shape, generator=gen)
        v = v / v.norm()
        for k, idx in ((2, 0), (3, 1), (4, 30)):       # log P(male), log P(Middle Aged), an age bin
            with self.subTest(output=k):
                delta = torch.zeros_like(f0, requires_grad=True)
                y = self.model(x, delta)[k][0, idx]
                (g,) = torch.autograd.grad(y, delta)
                analytic = (g * v).sum().item()
                eps = 1e-2
                with torch.no_grad():
                    yp = self.model(x, eps * v)[k][0, idx].double()
                    ym = self.model(x, -eps * v)[k][0, idx].double()
                numeric = ((yp - ym) / (2 * eps)).item()
                self.assertTrue(np.isfinite(analytic))
                self.assertAlmostEqual(analytic, numeric, delta=2e-3 + 2e-2 * abs(numeric))

    def test_identity_separation(self):
        # the three golden photos show three different people; a second photo
        # of the first person must be closer to it than the others are
        import images
        person = os.path.join(common.faces_dir(), "johns", "John_Salley")
        other = sorted(os.listdir(person))[1]
        pix = images.resize_bilinear(images.decode_rgb(os.path.join(person, other)), 224, 224)
        with torch.no_grad():
            e = self.model(self.x, torch.zeros(1))[1]
            e2 = self.model(torch.from_numpy(images.to_nchw_float([pix])), torch.zeros(1))[1]
        cos = torch.nn.functional.cosine_similarity
        same = cos(e[0:1], e2).item()
        self.assertGreater(same, cos(e[0:1], e[1:2]).item())
        self.assertGreater(same, cos(e[0:1], e[2:3]).item())



def _photo(rel):
    path = os.path.join(common.faces_dir(), rel)
    if not os.path.exists(path):
        raise AssertionError("%s missing: run deploy/faces/fetch-photos.sh" % path)
    return images.decode_rgb(path)


def _nchw(pix):
    return torch.from_numpy(images.to_nchw_float(pix))


def _johns():
    root = os.path.join(common.faces_dir(), "johns")
    return [os.path.join(root, p, f) for p in sorted(os.listdir(root)) for f in sorted(os.listdir(os.path.join(root, p)))]


def _iou(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _nms(boxes, scores, threshold=0.5, iou=0.3):
    keep = []
    for i in np.argsort(-scores):
        if scores[i] <= threshold:
            break
        if all(_iou(boxes[i], boxes[j]) <= iou for j in keep):
            keep.append(i)
    return keep


def _dlib_annotations(name):
    """dlib's hand-drawn face boxes (x1, y1, x2, y2) of a photo in its training.xml / testing.xml."""
    import xml.etree.ElementTree as ET
    for xml in ("training.xml", "testing.xml"):
        root = ET.parse(os.path.join(common.faces_dir(), "photos", "dlib", xml)).getroot()
        for image in root.iter("image"):
            if image.get("file") == name:
                return [(int(b.get("left")), int(b.get("top")), int(b.get("left")) + int(b.get("width")),
                         int(b.get("top")) + int(b.get("height"))) for b in image.iter("box")]
    raise KeyError(name)


class BlazeFaceTests(_ConvertedModel, unittest.TestCase):
    name = "blazeface"

    def test_matches_tfjs_with_humans_decoding(self):
        pairs, _ = check.human_outputs(self.name, self.model, self.golden)
        self.assert_outputs_match(pairs, "TF.js")

    def test_anchors_follow_the_descriptor(self):
        spec = build.MODELS[self.name]["descriptor"]["detection"]["anchors"]
        a = human_face.blazeface_anchors()
        self.assertEqual(a.shape, (spec["count"], 2))
        # the first anchors: cell (0,0) of the stride-16 grid twice, then cell (col 1, row 0)
        np.testing.assert_array_equal(a[:3], [[8, 8], [8, 8], [24, 8]])
        # the first anchor of the stride-32 grid and the very last one
        np.testing.assert_array_equal(a[512], [16, 16])
        np.testing.assert_array_equal(a[-1], [240, 240])

    def test_batching(self):
        pix = [check.case_pixels(c) for c in self.golden["cases"]]
        x = _nchw(pix)
        with torch.no_grad():
            batched = self.model(x)
            single = [self.model(x[i:i + 1]) for i in range(x.shape[0])]
        for k in range(3):
            # boxes and keypoints are pixel coordinates up to 256: 1e-3 is float32 rounding
            self.assertLess((batched[k] - torch.cat([s[k] for s in single])).abs().max().item(), 1e-3)

    def test_finds_the_faces_dlib_annotated(self):
        # every annotated face of these photos is found once, and nothing else
        for name in ("2008_002506.jpg", "2009_004587.jpg", "2008_001322.jpg", "2008_002470.jpg"):
            with self.subTest(photo=name):
                img = _photo("photos/dlib/" + name)
                side = max(img.shape[:2])
                with torch.no_grad():
                    scores, boxes, _ = self.model(_nchw([images.resize_bilinear(images.pad_square(img), 256, 256)]))
                scores, boxes = scores[0].numpy(), boxes[0].numpy() * side / 256.0
                found = [boxes[i] for i in _nms(boxes, scores)]
                truth = _dlib_annotations(name)
                self.assertEqual(len(found), len(truth))
                for t in truth:
                    self.assertGreater(max(_iou(t, f) for f in found), 0.3, "annotated face %s not found" % (t,))

    def test_keypoints_sit_inside_their_box_eyes_above_mouth(self):
        img = _photo("photos/dlib/2008_002506.jpg")
        with torch.no_grad():
            scores, boxes, kp = self.model(_nchw([images.resize_bilinear(images.pad_square(img), 256, 256)]))
        for i in _nms(boxes[0].numpy(), scores[0].numpy()):
            b, k = boxes[0, i].numpy(), kp[0, i].numpy()
            with self.subTest(anchor=int(i)):
                for x, y in k[:4]:
                    self.assertTrue(b[0] <= x <= b[2] and b[1] <= y <= b[3])
                # the subject's right eye is on the image's left; both eyes above the nose, above the mouth
                self.assertLess(k[0, 0], k[1, 0])
                self.assertLess(max(k[0, 1], k[1, 1]), k[2, 1])
                self.assertLess(k[2, 1], k[3, 1])


class FaceMeshTests(_ConvertedModel, unittest.TestCase):
    name = "facemesh"

    def test_matches_tfjs(self):
        pairs, _ = check.human_outputs(self.name, self.model, self.golden)
        self.assert_outputs_match(pairs, "TF.js")

    def test_batching(self):
        x = _nchw([check.case_pixels(c) for c in self.golden["cases"]])
        with torch.no_grad():
            batched = self.model(x)
            single = [self.model(x[i:i + 1]) for i in range(x.shape[0])]
        for k in range(2):
            self.assertLess((batched[k] - torch.cat([s[k] for s in single])).abs().max().item(), 1e-3)

    def test_every_johns_chip_is_a_confident_face_and_noise_is_not(self):
        pix = [images.resize_bilinear(images.decode_rgb(f), 192, 192) for f in _johns()]
        with torch.no_grad():
            lm, conf = self.model(_nchw(pix))
            _, noise = self.model(torch.rand(2, 3, 192, 192, generator=torch.Generator().manual_seed(5)) * 255)
        self.assertGreater(conf.min().item(), 0.9)
        self.assertLess(noise.max().item(), 0.5)
        # dlib chips put the eyes on one level near 40% of the height: mesh points 33 / 263
        # (the outer eye corners) must agree within a few pixels on every chip
        eyes = lm[:, [33, 263], :2] * (150.0 / 192.0)
        self.assertLess((eyes[:, 0, 1] - eyes[:, 1, 1]).abs().max().item(), 12.0)
        self.assertTrue(bool((eyes[:, 0, 0] < eyes[:, 1, 0]).all()))


class EmotionTests(_ConvertedModel, unittest.TestCase):
    name = "emotion"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.x = _nchw([check.case_pixels(c) for c in cls.golden["cases"]])

    def test_matches_tfjs(self):
        pairs, _ = check.human_outputs(self.name, self.model, self.golden)
        self.assert_outputs_match(pairs, "TF.js")

    def test_heads_are_yes_no_log_probabilities_of_one_softmax(self):
        with torch.no_grad():
            out = self.model(self.x, torch.zeros(1))
        lp = out[8]
        torch.testing.assert_close(lp.exp().sum(1), torch.ones(lp.shape[0]))
        for k in range(7):
            head = out[1 + k]
            torch.testing.assert_close(head[:, 0], lp[:, k])
            torch.testing.assert_close(head.exp().sum(1), torch.ones(head.shape[0]))
        d = build.MODELS[self.name]["descriptor"]
        self.assertEqual([h["output"] for h in d["heads"]], [o for o, _ in human_face.EMOTION_HEADS])
        self.assertEqual([h["attribute"] for h in d["heads"]], [w for _, w in human_face.EMOTION_HEADS])
        self.assertEqual([o["name"] for o in d["outputs"]][1:8], [o for o, _ in human_face.EMOTION_HEADS])

    def test_batching(self):
        with torch.no_grad():
            batched = self.model(self.x, torch.zeros(1))
            single = [self.model(self.x[i:i + 1], torch.zeros(1)) for i in range(self.x.shape[0])]
        for k in range(9):
            self.assertLess((batched[k] - torch.cat([s[k] for s in single])).abs().max().item(), 1e-5)

    def test_delta_contract(self):
        x = self.x[:1]
        with torch.no_grad():
            plain = self.model(x, torch.zeros(1))
        f0 = plain[0]
        # delta = 0 of full shape changes nothing, features come before delta
        delta = torch.zeros_like(f0, requires_grad=True)
        out = self.model(x, delta)
        for k in range(9):
            torch.testing.assert_close(out[k].detach(), plain[k], rtol=0, atol=0)
        # a non-zero delta gives the classifier recomputed on F + delta from the graph's own weights
        import tfjs_graph
        files = common.read_source_files("@vladmandic/human", ["models/emotion.json", "models/emotion.bin"])
        g = tfjs_graph.load(files["models/emotion.json"], lambda p: files["models/" + p])
        conv = g.by_name[g.only_consumer(human_face.tfjs_ops.node_by_suffix(g, "add_2/add")).name]
        w = torch.from_numpy(g.const(conv.inputs[1]).transpose(3, 2, 0, 1).copy())
        b = torch.from_numpy(g.const(conv.inputs[2]).copy())
        d = 0.3 * torch.randn(f0.shape, generator=torch.Generator().manual_seed(3))
        with torch.no_grad():
            moved = self.model(x, d)
            expected = torch.log_softmax(torch.nn.functional.conv2d(f0 + d, w, b, padding=1).mean(dim=(2, 3)), 1)
        torch.testing.assert_close(moved[0], f0, rtol=0, atol=0)
        torch.testing.assert_close(moved[8], expected, rtol=1e-5, atol=1e-5)
        self.assertGreater((moved[8] - plain[8]).abs().max().item(), 1e-3)

    def test_head_gradients_match_finite_differences(self):
        x = self.x[:1]
        with torch.no_grad():
            f0 = self.model(x, torch.zeros(1))[0]
        v = torch.randn(f0.shape, generator=torch.Generator().manual_seed(11))
        v = v / v.norm()
        for k in (4, 7):                               # Smiling and Neutral expression, log P(yes)
            with self.subTest(output=k):
                delta = torch.zeros_like(f0, requires_grad=True)
                (g,) = torch.autograd.grad(self.model(x, delta)[k][0, 0], delta)
                eps = 1e-2
                with torch.no_grad():
                    num = ((self.model(x, eps * v)[k][0, 0].double() - self.model(x, -eps * v)[k][0, 0].double())
                           / (2 * eps)).item()
                self.assertAlmostEqual((g * v).sum().item(), num, delta=2e-3 + 2e-2 * abs(num))

    def test_smiling_johns_are_smiling_and_serious_ones_are_not(self):
        # checked by eye on the contact sheet: every John Salley photo and 7 of John Simm's show a broad
        # smile with teeth; Shimkus 000373/000383 and Simm 000288/000306 (both) look serious
        files = _johns()
        smiling = [f for f in files if "John_Salley" in f] + [
            f for f in files if "John_Simm" in f and os.path.basename(f).split("_")[1][:8] in (
                "00470170", "00470148", "00470122", "00470162", "00470717", "00470421", "00470511")]
        serious = [f for f in files if os.path.basename(f) in (
            "000373_03228153.jpg", "000383_03227939.jpg", "000288_00470387.jpg", "000306_00470222.jpg",
            "000306_00470223.jpg")]
        self.assertEqual((len(smiling), len(serious)), (18, 5))
        smile = dict(human_face.EMOTION_HEADS)["smiling"]
        k = 1 + [w for _, w in human_face.EMOTION_HEADS].index(smile)
        for group, present in ((smiling, True), (serious, False)):
            pix = [images.resize_bilinear(images.decode_rgb(f), 64, 64) for f in group]
            with torch.no_grad():
                p = self.model(_nchw(pix), torch.zeros(1))[k][:, 0].exp()
            for f, v in zip(group, p.tolist()):
                with self.subTest(photo=os.path.basename(f)):
                    if present:
                        self.assertGreater(v, 0.5, "Smiling should be present")
                    else:
                        self.assertLess(v, 0.1, "Smiling should be absent")


if __name__ == "__main__":
    unittest.main()
