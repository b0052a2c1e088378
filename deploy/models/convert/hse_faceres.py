"""HSE FaceRes (MobileNet v1 trunk trained on VGGFace2, plus age and gender
heads; shipped as a TF.js graph in @vladmandic/human) as a scriptable
PyTorch module, built by walking the TF.js GraphDef.

The walker accepts exactly the op pattern this graph family uses and fails
on anything else:

  trunk  repeated units  Conv2D | DepthwiseConv2dNative (NHWC, SAME/VALID)
                         [-> Mul(per-channel const)] -> Add(const)
                         -> Relu -> Minimum(const) -> Maximum(const)
  F      output of the last unit ("conv_pw_13_relu/clip_by_value")
  head   Mean over H,W  -> _FusedMatMul(BiasAdd, Relu)       "feats"
         feats -> _FusedMatMul(BiasAdd) [1 unit]  -> Sigmoid  gender
         feats -> _FusedMatMul(BiasAdd) [100]     -> Softmax  age

TorchScript contract (the Java worker relies on it):

  forward(x [N,3,224,224] RGB 0..255 float32 NCHW, delta broadcastable to F)
    -> (features F [N,1024,7,7],
        embedding  mean_hw(F + delta) [N,1024],
        gender     [log P(male), log P(female)] = [logsigmoid(z), logsigmoid(-z)],
        age_group  log P(Young), log P(Middle Aged), log P(Senior)  [N,3],
        age        softmax over the 100 age bins [N,100])

Age bins: bin i (0-based) stands for an age of i + 1 years; this is how the
model's author decodes the output (HSE_FaceRec_tf, facial_analysis.py:
`res_age = 1 + sum(index * p)` over the two best bins), i.e. bins cover 1..100
years.  (@vladmandic/human's faceres.ts reads bin i as roughly i years, one year
lower.)  The groups therefore are Young = bins 0..28 (age 1..29),
Middle Aged = bins 29..58 (age 30..59), Senior = bins 59..99 (age 60..100).
"""

from typing import List, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

FEATURE_NODE = "conv_pw_13_relu/clip_by_value"

# (first bin, end bin) of each age group, bins are 0-based, end exclusive.
AGE_FIRST_YEAR = 1              # bin i <-> age i + AGE_FIRST_YEAR
AGE_GROUPS = (("Young", 0, 29), ("Middle Aged", 29, 59), ("Senior", 59, 100))


class TFConvUnit(nn.Module):
    """conv (TF SAME padding) [* scale] + bias -> relu -> min(hi) -> max(lo)."""

    def __init__(self, weight: np.ndarray, groups: int, stride: int, same: bool,
                 scale, bias: np.ndarray, hi: float, lo: float):
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(np.ascontiguousarray(weight, dtype=np.float32)))
        self.groups = groups
        self.stride = stride
        self.same = same
        self.kh = int(weight.shape[2])
        self.kw = int(weight.shape[3])
        self.has_scale = scale is not None
        c = weight.shape[0]
        s = np.ones(c, np.float32) if scale is None else np.asarray(scale, np.float32)
        self.register_buffer("scale", torch.from_numpy(s.copy()).view(1, c, 1, 1))
        self.register_buffer("bias", torch.from_numpy(np.asarray(bias, np.float32).copy()).view(1, c, 1, 1))
        self.register_buffer("hi", torch.tensor(float(hi), dtype=torch.float32))
        self.register_buffer("lo", torch.tensor(float(lo), dtype=torch.float32))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.same:
            # TensorFlow "SAME": output = ceil(in / stride); the total padding
            # is split with the smaller half before (top/left).
            ih = x.size(2)
            iw = x.size(3)
            oh = (ih + self.stride - 1) // self.stride
            ow = (iw + self.stride - 1) // self.stride
            ph = max((oh - 1) * self.stride + self.kh - ih, 0)
            pw = max((ow - 1) * self.stride + self.kw - iw, 0)
            if ph > 0 or pw > 0:
                x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
        y = F.conv2d(x, self.weight, None, self.stride, 0, 1, self.groups)
        if self.has_scale:
            y = y * self.scale
        y = y + self.bias
        y = torch.relu(y)
        y = torch.minimum(y, self.hi)
        return torch.maximum(y, self.lo)


class HseFaceRes(nn.Module):
    def __init__(self, units: List[TFConvUnit], feats_w, feats_b, gender_w, gender_b, age_w, age_b):
        super().__init__()
        self.units = nn.ModuleList(units)
        self.register_buffer("feats_w", torch.from_numpy(feats_w.astype(np.float32).copy()))
        self.register_buffer("feats_b", torch.from_numpy(feats_b.astype(np.float32).copy()))
        self.register_buffer("gender_w", torch.from_numpy(gender_w.astype(np.float32).copy()))
        self.register_buffer("gender_b", torch.from_numpy(gender_b.astype(np.float32).copy()))
        self.register_buffer("age_w", torch.from_numpy(age_w.astype(np.float32).copy()))
        self.register_buffer("age_b", torch.from_numpy(age_b.astype(np.float32).copy()))
        self.young_end = AGE_GROUPS[0][2]
        self.middle_end = AGE_GROUPS[1][2]

    def forward(self, x: torch.Tensor, delta: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        h = x
        for unit in self.units:
            h = unit(h)
        features = h
        g = features + delta
        embedding = g.mean(dim=(2, 3))
        feats = torch.relu(torch.matmul(embedding, self.feats_w) + self.feats_b)
        z = torch.matmul(feats, self.gender_w) + self.gender_b            # [N,1] logit of P(male)
        gender = torch.cat([F.logsigmoid(z), F.logsigmoid(-z)], dim=1)
        age_logits = torch.matmul(feats, self.age_w) + self.age_b
        age = torch.softmax(age_logits, dim=1)
        log_age = torch.log_softmax(age_logits, dim=1)
        age_group = torch.stack([
            torch.logsumexp(log_age[:, :self.young_end], dim=1),
            torch.logsumexp(log_age[:, self.young_end:self.middle_end], dim=1),
            torch.logsumexp(log_age[:, self.middle_end:], dim=1)], dim=1)
        return features, embedding, gender, age_group, age


def _const_input(graph, node, exclude):
    others = [i for i in node.inputs if i.split(":")[0] != exclude]
    if len(others) != 1:
        raise ValueError("%s: expected one constant operand" % node.name)
    return graph.const(others[0].split(":")[0])


def _check_conv_attrs(node):
    if node.string("data_format") != "NHWC":
        raise ValueError("%s: data_format %s" % (node.name, node.string("data_format")))
    if node.ints("dilations") not in ([], [1, 1, 1, 1]):
        raise ValueError("%s: dilations unsupported" % node.name)
    if "explicit_paddings" in node.attr and node.ints("explicit_paddings"):
        raise ValueError("%s: explicit paddings unsupported" % node.name)
    strides = node.ints("strides")
    if len(strides) != 4 or strides[0] != 1 or strides[3] != 1 or strides[1] != strides[2]:
        raise ValueError("%s: strides %s unsupported" % (node.name, strides))
    padding = node.string("padding")
    if padding not in ("SAME", "VALID"):
        raise ValueError("%s: padding %s unsupported" % (node.name, padding))
    return strides[1], padding == "SAME"


def _fused_matmul(graph, node, want_ops):
    if node.op != "_FusedMatMul" or node.strings("fused_ops") != want_ops:
        raise ValueError("%s: expected _FusedMatMul%s, got %s" % (node.name, want_ops, node.op))
    if node.bool("transpose_a") or node.bool("transpose_b"):
        raise ValueError("%s: transposed matmul unsupported" % node.name)
    return graph.const(node.inputs[1]), graph.const(node.inputs[2])


def build(graph, input_name="input_1") -> HseFaceRes:
    inp = graph.by_name[input_name]
    if inp.op != "Placeholder":
        raise ValueError("input %s is not a Placeholder" % input_name)
    units = []
    cur = input_name
    while True:
        node = graph.only_consumer(cur)
        if node.op == "Mean":
            break
        if node.op not in ("Conv2D", "DepthwiseConv2dNative"):
            raise ValueError("unsupported op %s (%s) in the trunk" % (node.op, node.name))
        stride, same = _check_conv_attrs(node)
        k = graph.const(node.inputs[1])                     # HWIO or HW(C)(mult)
        if node.op == "Conv2D":
            w = k.transpose(3, 2, 0, 1)                     # -> OIHW
            groups = 1
        else:
            if k.shape[3] != 1:
                raise ValueError("%s: depth multiplier %d unsupported" % (node.name, k.shape[3]))
            w = k.transpose(2, 3, 0, 1)                     # [C,1,kh,kw]
            groups = k.shape[2]
        prev = node.name
        nxt = graph.only_consumer(prev)
        scale = None
        if nxt.op == "Mul":
            scale = _const_input(graph, nxt, prev)
            prev = nxt.name
            nxt = graph.only_consumer(prev)
        if nxt.op not in ("Add", "AddV2", "BiasAdd"):
            raise ValueError("%s: expected a bias Add, got %s" % (nxt.name, nxt.op))
        bias = _const_input(graph, nxt, prev)
        relu = graph.only_consumer(nxt.name)
        mn = graph.only_consumer(relu.name)
        mx = graph.only_consumer(mn.name)
        if (relu.op, mn.op, mx.op) != ("Relu", "Minimum", "Maximum"):
            raise ValueError("%s: expected Relu/Minimum/Maximum, got %s/%s/%s"
                             % (nxt.name, relu.op, mn.op, mx.op))
        hi = float(_const_input(graph, mn, relu.name))
        lo = float(_const_input(graph, mx, mn.name))
        units.append(TFConvUnit(w, groups, stride, same, scale, bias, hi, lo))
        cur = mx.name

    if cur != FEATURE_NODE:
        raise ValueError("last trunk node is %s, expected %s" % (cur, FEATURE_NODE))
    mean = graph.only_consumer(cur)
    axes = graph.const(mean.inputs[1]).tolist()
    if sorted(axes) != [1, 2] or mean.bool("keep_dims"):
        raise ValueError("%s: unexpected Mean axes %s" % (mean.name, axes))
    feats = graph.only_consumer(mean.name)
    feats_w, feats_b = _fused_matmul(graph, feats, ["BiasAdd", "Relu"])
    heads = {}
    for mm in graph.consumers.get(feats.name, []):
        w, b = _fused_matmul(graph, mm, ["BiasAdd"])
        act = graph.only_consumer(mm.name)
        heads[act.op] = (w, b)
    if set(heads) != {"Sigmoid", "Softmax"}:
        raise ValueError("expected a Sigmoid and a Softmax head, got %s" % sorted(heads))
    gender_w, gender_b = heads["Sigmoid"]
    age_w, age_b = heads["Softmax"]
    if gender_w.shape[1] != 1 or age_w.shape[1] != 100:
        raise ValueError("unexpected head widths %s / %s" % (gender_w.shape, age_w.shape))
    model = HseFaceRes(units, feats_w, feats_b, gender_w, gender_b, age_w, age_b)
    model.eval()
    return model
