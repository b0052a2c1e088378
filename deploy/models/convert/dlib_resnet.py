"""dlib's ResNet-29 face-descriptor network as a scriptable PyTorch module,
filled from the parsed `.dat` (see dlib_dat.py).

Architecture (dlib_face_recognition_resnet_model_v1, input 150x150 RGB):
  stem   conv 7x7/2 (no padding) -> affine -> relu -> max-pool 3x3/2
  stage  3 x [32], then down+3 x [64], down+2 x [128], down+2 x [256], down [256]
  block  conv3x3 (stride 2 and no padding for "down", else padding 1) -> affine
         -> relu -> conv3x3 -> affine, added to the shortcut, then relu
  down shortcut: 2x2/2 average pool of the block input.  dlib's add_prev adds
         two tensors of different shapes by zero-padding both to the larger
         size in every dimension: the missing channels of the pooled shortcut
         and, where the strided conv output is smaller than the pooled map, the
         missing last row/column of the conv branch are zeros.
  head   global mean over H, W -> fc 256->128 without bias

The module takes the *normalised* input (rgb - mean) / 256, NCHW float32.
"""

from typing import List

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

# Token sequence (dlib_dat.summary) the converter expects ("W" is a tag or skip
# wrapper, which the file does not tell apart); built from the
# architecture above and compared against the file before any weight is used.
def expected_tokens() -> List[str]:
    t = ["con32x7s2p0", "affine", "relu", "max_pool3x3s2p0"]

    def block(n, down):
        if down:
            return ["W", "con%dx3s2p0" % n, "affine", "relu", "con%dx3s1p1" % n, "affine",
                    "W", "W", "avg_pool2x2s2p0", "add_prev", "relu"]
        return ["W", "con%dx3s1p1" % n, "affine", "relu", "con%dx3s1p1" % n, "affine",
                "add_prev", "relu"]

    for n, down in STAGES:
        t += block(n, down)
    return t + ["avg_pool0x0s1p0", "fc256to128"]


STAGES = ([(32, False)] * 3
          + [(64, True)] + [(64, False)] * 3
          + [(128, True)] + [(128, False)] * 2
          + [(256, True)] + [(256, False)] * 2
          + [(256, True)])


class Affine(nn.Module):
    """dlib affine_ layer in CONV mode: y = gamma[c] * x + beta[c]."""

    def __init__(self, gamma: np.ndarray, beta: np.ndarray):
        super().__init__()
        self.register_buffer("gamma", torch.from_numpy(gamma.astype(np.float32)).view(1, -1, 1, 1))
        self.register_buffer("beta", torch.from_numpy(beta.astype(np.float32)).view(1, -1, 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.gamma + self.beta


class Conv(nn.Module):
    """dlib con_ layer: 2-D convolution with bias (weights as buffers; a plain
    module instead of nn.Conv2d keeps the saved TorchScript byte-reproducible,
    nn.Conv2d's constant attributes are serialised in hash-seed order)."""

    def __init__(self, rec):
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(np.ascontiguousarray(rec["weight"], dtype=np.float32)))
        bias = rec["bias"] if rec["bias"] is not None else np.zeros(rec["weight"].shape[0], np.float32)
        self.register_buffer("bias", torch.from_numpy(np.asarray(bias, np.float32).copy()))
        self.stride = int(rec["stride_y"])
        self.padding = int(rec["padding_y"])
        if rec["stride_x"] != rec["stride_y"] or rec["padding_x"] != rec["padding_y"]:
            raise ValueError("anisotropic convolutions are not supported")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding)


def _conv(rec) -> Conv:
    return Conv(rec)


class Block(nn.Module):
    def __init__(self, recs, down: bool):
        super().__init__()
        self.down = down
        self.conv1 = _conv(recs[0])
        self.aff1 = Affine(recs[1]["gamma"], recs[1]["beta"])
        self.conv2 = _conv(recs[2])
        self.aff2 = Affine(recs[3]["gamma"], recs[3]["beta"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.aff2(self.conv2(F.relu(self.aff1(self.conv1(x)))))
        if self.down:
            s = F.avg_pool2d(x, 2, 2)
        else:
            s = x
        # dlib add_prev: zero-pad both operands (at the end of each dim) to the
        # element-wise larger shape, then add.
        c = max(y.size(1), s.size(1))
        h = max(y.size(2), s.size(2))
        w = max(y.size(3), s.size(3))
        y = F.pad(y, [0, w - y.size(3), 0, h - y.size(2), 0, c - y.size(1)])
        s = F.pad(s, [0, w - s.size(3), 0, h - s.size(2), 0, c - s.size(1)])
        return F.relu(y + s)


class DlibResNet29(nn.Module):
    def __init__(self, parsed):
        super().__init__()
        seq = [r for r in parsed["sequence"] if r["type"] in ("con", "affine", "fc")]
        stem_conv, stem_aff = seq[0], seq[1]
        self.conv = _conv(stem_conv)
        self.aff = Affine(stem_aff["gamma"], stem_aff["beta"])
        blocks = []
        i = 2
        for _, down in STAGES:
            blocks.append(Block(seq[i:i + 4], down))
            i += 4
        self.blocks = nn.Sequential(*blocks)
        fc = seq[i]
        if i + 1 != len(seq) or fc["type"] != "fc" or fc["bias"] is not None:
            raise ValueError("unexpected tail of the network")
        # fc_no_bias: y = x @ W with W stored as [num_inputs, num_outputs]
        self.register_buffer("fc_weight", torch.from_numpy(np.ascontiguousarray(fc["weight"], dtype=np.float32)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.aff(self.conv(x))), 3, 2)
        x = self.blocks(x)
        x = x.mean(dim=(2, 3))
        return torch.matmul(x, self.fc_weight)


def build(parsed) -> DlibResNet29:
    from dlib_dat import summary
    got = summary(parsed)
    want = expected_tokens()
    if got != want:
        first = next(i for i in range(min(len(got), len(want)) + 1)
                     if i >= len(got) or i >= len(want) or got[i] != want[i])
        raise ValueError("the .dat is not dlib's ResNet-29 metric net: token %d is %r, expected %r"
                         % (first, got[first:first + 3], want[first:first + 3]))
    for r in parsed["sequence"]:
        if r["type"] == "affine" and (r["mode"] != 0 or r["disabled"]):   # 0 = CONV_MODE
            raise ValueError("unsupported affine layer (mode %d, disabled %s)" % (r["mode"], r["disabled"]))
    model = DlibResNet29(parsed)
    model.eval()
    return model
