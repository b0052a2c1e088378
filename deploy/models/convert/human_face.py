"""BlazeFace (face detector), FaceMesh (468 landmarks) and the oarriaga emotion
net from @vladmandic/human 3.3.6 as scriptable PyTorch modules, built with the
graph executor of tfjs_ops.py.  Each wrapper takes RGB 0..255 NCHW at the
model's input size and does the model's own preprocessing inside, exactly as
human does it (src/face/blazeface.ts, facemesh.ts, gear/emotion.ts), so the
Java side only resizes and lays out pixels.

BlazeFace ("back camera" variant: 256x256 input, 896 anchors)
  forward(x [N,3,256,256] RGB 0..255)
    -> scores    [N,896]      sigmoid of the anchor's logit
       boxes     [N,896,4]    x1, y1, x2, y2 in input pixels (0..256)
       keypoints [N,896,6,2]  x, y in input pixels: the subject's right eye,
                              left eye, nose tip, mouth centre, right ear
                              tragion, left ear tragion
  Preprocessing: x / 127.5 - 1.  The graph's four heads are concatenated as
  human does: the 16x16 grid (2 anchors per cell) first, then the 8x8 grid
  (6 per cell), row-major, anchors of one cell consecutive.  Anchor i has the
  centre (stride * (col + 0.5), stride * (row + 0.5)) with stride 16 for the
  first 512 anchors and 32 for the other 384; the regressors are offsets in
  input pixels: centre = raw[1:3] + anchor, size = raw[3:5], keypoint k =
  raw[5+2k : 7+2k] + anchor.  The decoding is done here; the Java side only
  thresholds the scores and runs non-maximum suppression.

FaceMesh
  forward(x [N,3,192,192] RGB 0..255, a face crop)
    -> landmarks  [N,468,3]  x, y in input pixels (0..192), z in the same units
                             (relative depth, smaller is nearer)
       confidence [N,1]      P(the crop holds a face), the graph's faceflag
  Preprocessing: x / 255.

Emotion (oarriaga mini-Xception, FER-2013 classes)
  forward(x [N,3,64,64] RGB 0..255, delta)
    -> features [N,256,8,8]  F = the last feature map (add_2/add, the output of
                             the last residual block), before delta is added
       angry, disgusted, fearful, smiling, sad, surprised, neutral  [N,2] each:
                             [log p_k, log(1 - p_k)] from the 7-way softmax of
                             the head computed on F + delta
       emotion  [N,7]        log-softmax over the 7 classes
  Preprocessing (human's): grey = sum_c (x_c / 255) * [0.2989, 0.5870, 0.1140],
  then (grey - 0.5) * 2.  log(1 - p_k) is the logsumexp of the other six
  log-probabilities, which stays finite when p_k is near 1.
"""

from typing import List, Tuple

import numpy as np
import torch
from torch import nn

import tfjs_ops

BLAZEFACE_SIZE = 256
BLAZEFACE_STRIDES = (16, 32)
BLAZEFACE_PER_CELL = (2, 6)
BLAZEFACE_KEYPOINTS = ("right eye", "left eye", "nose tip", "mouth centre", "right ear tragion",
                       "left ear tragion")
FACEMESH_SIZE = 192
EMOTION_SIZE = 64
EMOTION_FEATURES = "add_2/add"
# The graph's class order (human's gear/emotion.ts annotations for oarriaga).
EMOTION_CLASSES = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
# Output name and reported word of each yes-no head, in class order.
EMOTION_HEADS = (("angry", "Angry"), ("disgusted", "Disgusted"), ("fearful", "Fearful"),
                 ("smiling", "Smiling"), ("sad", "Sad"), ("surprised", "Surprised"),
                 ("neutral", "Neutral expression"))
GREY = (0.2989, 0.5870, 0.1140)


def blazeface_anchors(size=BLAZEFACE_SIZE):
    """[896,2] anchor centres in input pixels, in the order of the concatenated heads."""
    out = []
    for stride, per_cell in zip(BLAZEFACE_STRIDES, BLAZEFACE_PER_CELL):
        cells = (size + stride - 1) // stride
        for row in range(cells):
            for col in range(cells):
                for _ in range(per_cell):
                    out.append((stride * (col + 0.5), stride * (row + 0.5)))
    return np.array(out, np.float32)


class BlazeFace(nn.Module):
    def __init__(self, net: tfjs_ops.GraphModule, anchors):
        super().__init__()
        self.net = net
        self.register_buffer("anchors", torch.from_numpy(anchors))

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        outs = self.net([x / 127.5 - 1.0])
        fine = torch.cat([outs[0], outs[1]], 2)          # [N,512,17]
        coarse = torch.cat([outs[2], outs[3]], 2)        # [N,384,17]
        raw = torch.cat([fine, coarse], 1)               # [N,896,17]
        n = raw.size(0)
        a = self.anchors.size(0)
        scores = torch.sigmoid(raw[:, :, 0])
        centre = raw[:, :, 1:3] + self.anchors
        half = raw[:, :, 3:5] / 2.0
        boxes = torch.cat([centre - half, centre + half], 2)
        keypoints = raw[:, :, 5:17].reshape(n, a, 6, 2) + self.anchors.view(1, a, 1, 2)
        return scores, boxes, keypoints


class FaceMesh(nn.Module):
    def __init__(self, net: tfjs_ops.GraphModule):
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        outs = self.net([x / 255.0])
        n = x.size(0)
        return outs[0].reshape(n, 468, 3), outs[1].reshape(n, 1)


class Emotion(nn.Module):
    def __init__(self, trunk: tfjs_ops.GraphModule, head: tfjs_ops.GraphModule):
        super().__init__()
        self.trunk = trunk
        self.head = head
        self.register_buffer("grey", torch.tensor(GREY, dtype=torch.float32).view(1, 3, 1, 1))
        self.register_buffer("self_mask", torch.eye(len(EMOTION_CLASSES), dtype=torch.bool))

    def forward(self, x: torch.Tensor, delta: torch.Tensor) -> Tuple[
            torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor,
            torch.Tensor, torch.Tensor, torch.Tensor]:
        g = (x / 255.0 * self.grey).sum(dim=1, keepdim=True)
        g = (g - 0.5) * 2.0
        features = self.trunk([g])[0]
        logits = self.head([features + delta])[0]
        lp = torch.log_softmax(logits, dim=1)
        heads: List[torch.Tensor] = []
        for k in range(7):
            rest = torch.logsumexp(lp.masked_fill(self.self_mask[k].view(1, 7), float("-inf")), dim=1)
            heads.append(torch.stack([lp[:, k], rest], dim=1))
        return (features, heads[0], heads[1], heads[2], heads[3], heads[4], heads[5], heads[6], lp)


def _heads_by_shape(graph):
    """BlazeFace's four outputs (Reshape nodes), ordered 512x1, 512x16, 384x1, 384x16."""
    want = {(512, 1): None, (512, 16): None, (384, 1): None, (384, 16): None}
    for node in graph.nodes:
        if node.op != "Reshape":
            continue
        shape = tuple(int(v) for v in graph.const(node.inputs[1].split(":")[0]).reshape(-1)[1:])
        if shape not in want or want[shape] is not None:
            raise ValueError("unexpected BlazeFace head %s with shape %s" % (node.name, shape))
        want[shape] = node.name
    if any(v is None for v in want.values()):
        raise ValueError("BlazeFace heads missing: %s" % want)
    return [want[(512, 1)], want[(512, 16)], want[(384, 1)], want[(384, 16)]]


def build_blazeface(graph):
    net = tfjs_ops.build(graph, ["input"], _heads_by_shape(graph))
    model = BlazeFace(net, blazeface_anchors())
    model.eval()
    return model


def build_facemesh(graph):
    mesh = tfjs_ops.node_by_suffix(graph, "output_mesh/Reshape", "Reshape")
    flag = tfjs_ops.node_by_suffix(graph, "output_faceflag/Reshape", "Reshape")
    if graph.by_name[graph.by_name[flag].inputs[0].split(":")[0]].op != "Sigmoid":
        raise ValueError("FaceMesh's faceflag is not a sigmoid")
    model = FaceMesh(tfjs_ops.build(graph, ["input_1"], [mesh, flag]))
    model.eval()
    return model


def build_emotion(graph):
    features = tfjs_ops.node_by_suffix(graph, EMOTION_FEATURES, "AddV2")
    mean = tfjs_ops.node_by_suffix(graph, "global_average_pooling2d_1/Mean", "Mean")
    softmax = graph.only_consumer(mean)
    if softmax.op != "Softmax":
        raise ValueError("the emotion head ends in %s, not Softmax" % softmax.op)
    # F must feed only the classifier, so that delta reaches everything after it
    consumers = graph.consumers.get(features, [])
    if len(consumers) != 1:
        raise ValueError("%s has %d consumers" % (features, len(consumers)))
    trunk = tfjs_ops.build(graph, ["input_1"], [features])
    head = tfjs_ops.build(graph, [features], [mean])
    model = Emotion(trunk, head)
    model.eval()
    return model
