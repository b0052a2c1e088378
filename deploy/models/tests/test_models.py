"""Checks of the converted TorchScript models (run with /usr/bin/python3):

  /usr/bin/python3 -m unittest discover -s deploy/models/tests -v

Needs the converted models (deploy/models/install.sh) and the johns photos
(deploy/faces/fetch-johns.sh) under ${SIM2WORD_HOME:-<repo>/.sim2word}.
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

torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))


def _load(name):
    path = os.path.join(common.model_dir(name), "model.pt")
    if not os.path.exists(path):
        raise AssertionError("%s missing: run deploy/models/install.sh" % path)
    return check.load_model(name)


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


class DlibResNetTests(unittest.TestCase):
    name = "dlib-resnet29"

    @classmethod
    def setUpClass(cls):
        cls.model = _load(cls.name)
        cls.golden = check.load_golden(cls.name)

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


class FaceResTests(unittest.TestCase):
    name = "hse-faceres"

    @classmethod
    def setUpClass(cls):
        cls.model = _load(cls.name)
        cls.golden = check.load_golden(cls.name)
        pairs, extras, pix = check.faceres_outputs(cls.model, cls.golden)
        cls.pairs, cls.extras = pairs, extras
        cls.x = torch.from_numpy(check.images.to_nchw_float(pix))

    def test_matches_tfjs(self):
        tol = self.golden["tolerance"]
        for key, (ours, ref) in self.pairs.items():
            with self.subTest(output=key):
                self.assertEqual(ours.shape, ref.shape)
                err = np.abs(ours - ref).max()
                self.assertLessEqual(err, tol, "%s: max |d| %.3g vs TF.js" % (key, err))
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


if __name__ == "__main__":
    unittest.main()
