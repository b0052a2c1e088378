"""A TF.js graph (read by tfjs_graph.py) as a scriptable PyTorch module.

Where hse_faceres.py matches one fixed op pattern, the MediaPipe and oarriaga
graphs of @vladmandic/human (BlazeFace, FaceMesh, emotion) branch and merge
(residual adds, channel padding, several heads), so this module executes a
sub-graph node by node instead.  It still accepts only the ops and
attributes listed below and rejects anything else, so a graph it cannot
reproduce exactly fails at conversion time, not with wrong numbers:

  _FusedConv2D            fused_ops [BiasAdd], [BiasAdd, Relu], [BiasAdd, Prelu]
  DepthwiseConv2dNative   depth multiplier 1
  Conv2D                  plain
  MaxPool                 SAME (pads with -inf, as TensorFlow) or VALID
  AddV2 / Add             two tensors, or a tensor and a constant
  Relu, Sigmoid, Prelu, Identity
  Pad                     constant zero padding of H, W and C (never N)
  Mean                    over H and W (global average pooling)
  Softmax                 over the last axis of a 2-D tensor
  Reshape                 of an NHWC tensor; the batch size is taken from the input

Layout.  4-D values are kept NCHW (PyTorch's convolution layout); the graph's
NHWC semantics are restored where they matter: per-channel constants are
reshaped to [1,C,1,1], Pad's paddings are reordered, and Reshape first
permutes its input back to NHWC so that the flattening order is TensorFlow's.

Convolution padding follows TensorFlow "SAME": output = ceil(in / stride),
total padding max((out-1)*stride + k - in, 0), the smaller half before
(top/left), computed from the input size inside forward, so any input size
the graph accepts works.

TorchScript.  The module holds one small module per node in topological order;
forward keeps every value in a list and each node reads its inputs by index.
nn.ModuleList iteration is unrolled by torch.jit.script, so heterogeneous
node types are fine.
"""

from typing import List

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _same_pad(size: int, k: int, stride: int) -> List[int]:
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + k - size, 0)
    return [total // 2, total - total // 2]


def _buffer(module, name, array):
    module.register_buffer(name, torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32)))


class Conv(nn.Module):
    """Conv2D / DepthwiseConv2dNative / _FusedConv2D. act: 0 none, 1 relu, 2 prelu."""

    def __init__(self, src: int, weight, bias, groups: int, stride: int, same: bool, act: int, alpha):
        super().__init__()
        self.src = src
        _buffer(self, "weight", weight)
        self.has_bias = bias is not None
        c = weight.shape[0]
        _buffer(self, "bias", np.zeros(c, np.float32) if bias is None else np.asarray(bias).reshape(c))
        _buffer(self, "alpha", np.zeros((1, c, 1, 1), np.float32) if alpha is None
                else np.asarray(alpha).reshape(1, c, 1, 1))
        self.groups = groups
        self.stride = stride
        self.same = same
        self.act = act
        self.kh = int(weight.shape[2])
        self.kw = int(weight.shape[3])

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        x = values[self.src]
        if self.same:
            ph = _same_pad(x.size(2), self.kh, self.stride)
            pw = _same_pad(x.size(3), self.kw, self.stride)
            if ph[0] + ph[1] + pw[0] + pw[1] > 0:
                x = F.pad(x, [pw[0], pw[1], ph[0], ph[1]])
        if self.has_bias:
            y = F.conv2d(x, self.weight, self.bias, self.stride, 0, 1, self.groups)
        else:
            y = F.conv2d(x, self.weight, None, self.stride, 0, 1, self.groups)
        if self.act == 1:
            y = torch.relu(y)
        elif self.act == 2:
            y = torch.where(y < 0, y * self.alpha, y)
        return y


class MaxPool(nn.Module):
    def __init__(self, src: int, k: int, stride: int, same: bool):
        super().__init__()
        self.src = src
        self.k = k
        self.stride = stride
        self.same = same

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        x = values[self.src]
        if self.same:
            ph = _same_pad(x.size(2), self.k, self.stride)
            pw = _same_pad(x.size(3), self.k, self.stride)
            if ph[0] + ph[1] + pw[0] + pw[1] > 0:
                # TensorFlow's SAME max pooling ignores the padded cells.
                x = F.pad(x, [pw[0], pw[1], ph[0], ph[1]], value=float("-inf"))
        return F.max_pool2d(x, self.k, self.stride)


class Add(nn.Module):
    def __init__(self, a: int, b: int):
        super().__init__()
        self.a = a
        self.b = b

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        return values[self.a] + values[self.b]


class AddConst(nn.Module):
    def __init__(self, src: int, const):
        super().__init__()
        self.src = src
        _buffer(self, "const", const)

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        return values[self.src] + self.const


class Unary(nn.Module):
    """kind: 0 identity, 1 relu, 2 sigmoid, 3 softmax over the last axis."""

    def __init__(self, src: int, kind: int):
        super().__init__()
        self.src = src
        self.kind = kind

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        x = values[self.src]
        if self.kind == 1:
            return torch.relu(x)
        if self.kind == 2:
            return torch.sigmoid(x)
        if self.kind == 3:
            return torch.softmax(x, dim=-1)
        return x


class Prelu(nn.Module):
    def __init__(self, src: int, alpha):
        super().__init__()
        self.src = src
        a = np.asarray(alpha, np.float32)
        _buffer(self, "alpha", a.reshape(1, a.size, 1, 1))

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        x = values[self.src]
        return torch.where(x < 0, x * self.alpha, x)


class Pad(nn.Module):
    def __init__(self, src: int, pads: List[int]):
        super().__init__()
        self.src = src
        self.pads = pads            # F.pad order for NCHW: [w0, w1, h0, h1, c0, c1]

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        return F.pad(values[self.src], self.pads)


class SpatialMean(nn.Module):
    def __init__(self, src: int):
        super().__init__()
        self.src = src

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        return values[self.src].mean(dim=(2, 3))


class Reshape(nn.Module):
    def __init__(self, src: int, rest: List[int], nhwc: bool):
        super().__init__()
        self.src = src
        self.rest = rest
        self.nhwc = nhwc

    def forward(self, values: List[torch.Tensor]) -> torch.Tensor:
        x = values[self.src]
        if self.nhwc:
            x = x.permute(0, 2, 3, 1)
        shape = [x.size(0)] + self.rest
        return x.reshape(shape)


class GraphModule(nn.Module):
    """forward(inputs) -> outputs, both lists in the order given to build()."""

    def __init__(self, ops: List[nn.Module], n_inputs: int, outputs: List[int]):
        super().__init__()
        self.ops = nn.ModuleList(ops)
        self.n_inputs = n_inputs
        self.outputs = outputs

    def forward(self, inputs: List[torch.Tensor]) -> List[torch.Tensor]:
        values: List[torch.Tensor] = []
        for x in inputs:
            values.append(x)
        for op in self.ops:
            values.append(op(values))
        out: List[torch.Tensor] = []
        for i in self.outputs:
            out.append(values[i])
        return out


def _name(ref):
    return ref.split(":")[0]


def _conv_attrs(node):
    if node.attr.get("data_format") and node.string("data_format") != "NHWC":
        raise ValueError("%s: data_format %s" % (node.name, node.string("data_format")))
    if "dilations" in node.attr and node.ints("dilations") not in ([], [1, 1, 1, 1]):
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


def build(graph, inputs, outputs):
    """The sub-graph that computes `outputs` from `inputs` (node names).  Every
    value the outputs depend on must come from the inputs or from constants."""
    inputs = list(inputs)
    order = []
    state = {}
    for name in inputs:
        state[name] = 2

    def visit(name):
        # iterative DFS: the graphs are a few hundred nodes deep
        stack = [(name, False)]
        while stack:
            n, done = stack.pop()
            if done:
                state[n] = 2
                order.append(n)
                continue
            if state.get(n) == 2:
                continue
            if state.get(n) == 1:
                raise ValueError("cycle at %s" % n)
            node = graph.by_name[n]
            if node.op == "Const":
                state[n] = 2
                continue
            if node.op == "Placeholder":
                raise ValueError("%s depends on the graph input %s, which is not among %s" % (name, n, inputs))
            state[n] = 1
            stack.append((n, True))
            for i in reversed(node.inputs):
                if state.get(_name(i)) != 2:
                    stack.append((_name(i), False))

    for o in outputs:
        visit(o)

    index = {name: i for i, name in enumerate(inputs)}
    rank = {name: 4 for name in inputs}
    ops = []

    def src(ref):
        n = _name(ref)
        if n not in index:
            raise ValueError("%s is not computed by the sub-graph" % n)
        return index[n]

    def is_const(ref):
        return graph.by_name[_name(ref)].op == "Const"

    for name in order:
        node = graph.by_name[name]
        op = node.op
        r = rank.get(_name(node.inputs[0])) if node.inputs else None
        if op in ("Conv2D", "_FusedConv2D", "DepthwiseConv2dNative"):
            if r != 4:
                raise ValueError("%s: convolution of a rank-%s value" % (name, r))
            stride, same = _conv_attrs(node)
            k = graph.const(_name(node.inputs[1]))
            if op == "DepthwiseConv2dNative":
                if k.shape[3] != 1:
                    raise ValueError("%s: depth multiplier %d unsupported" % (name, k.shape[3]))
                w, groups = k.transpose(2, 3, 0, 1), k.shape[2]      # [C,1,kh,kw]
            else:
                w, groups = k.transpose(3, 2, 0, 1), 1               # HWIO -> OIHW
            bias, act, alpha = None, 0, None
            if op == "_FusedConv2D":
                fused = node.strings("fused_ops")
                if fused not in (["BiasAdd"], ["BiasAdd", "Relu"], ["BiasAdd", "Prelu"]):
                    raise ValueError("%s: fused ops %s unsupported" % (name, fused))
                bias = graph.const(_name(node.inputs[2]))
                if fused[-1] == "Relu":
                    act = 1
                elif fused[-1] == "Prelu":
                    act, alpha = 2, graph.const(_name(node.inputs[3]))
                if len(node.inputs) != 3 + (act == 2):
                    raise ValueError("%s: unexpected inputs %s" % (name, node.inputs))
            elif len(node.inputs) != 2:
                raise ValueError("%s: unexpected inputs %s" % (name, node.inputs))
            ops.append(Conv(src(node.inputs[0]), w, bias, groups, stride, same, act, alpha))
            out_rank = 4
        elif op == "MaxPool":
            stride, same = _conv_attrs(node)
            ks = node.ints("ksize")
            if len(ks) != 4 or ks[0] != 1 or ks[3] != 1 or ks[1] != ks[2]:
                raise ValueError("%s: ksize %s unsupported" % (name, ks))
            ops.append(MaxPool(src(node.inputs[0]), ks[1], stride, same))
            out_rank = 4
        elif op in ("AddV2", "Add"):
            a, b = node.inputs
            if is_const(a):
                a, b = b, a
            if is_const(b):
                c = graph.const(_name(b))
                if c.ndim > 1 and rank.get(_name(a)) == 4:
                    raise ValueError("%s: adding a non-scalar constant to an NHWC tensor" % name)
                ops.append(AddConst(src(a), c))
                out_rank = rank[_name(a)]
            else:
                if rank[_name(a)] != rank[_name(b)]:
                    raise ValueError("%s: adding values of different rank" % name)
                ops.append(Add(src(a), src(b)))
                out_rank = rank[_name(a)]
        elif op in ("Relu", "Sigmoid", "Identity"):
            ops.append(Unary(src(node.inputs[0]), {"Identity": 0, "Relu": 1, "Sigmoid": 2}[op]))
            out_rank = r
        elif op == "Softmax":
            if r != 2:
                raise ValueError("%s: softmax of a rank-%s value" % (name, r))
            ops.append(Unary(src(node.inputs[0]), 3))
            out_rank = 2
        elif op == "Prelu":
            if r != 4:
                raise ValueError("%s: prelu of a rank-%s value" % (name, r))
            ops.append(Prelu(src(node.inputs[0]), graph.const(_name(node.inputs[1]))))
            out_rank = 4
        elif op == "Pad":
            p = graph.const(_name(node.inputs[1])).astype(np.int64).tolist()
            if r != 4 or len(p) != 4 or p[0] != [0, 0] or any(v < 0 for row in p for v in row):
                raise ValueError("%s: paddings %s unsupported" % (name, p))
            ops.append(Pad(src(node.inputs[0]), [p[2][0], p[2][1], p[1][0], p[1][1], p[3][0], p[3][1]]))
            out_rank = 4
        elif op == "Mean":
            axes = sorted(graph.const(_name(node.inputs[1])).reshape(-1).tolist())
            if r != 4 or axes != [1, 2] or node.bool("keep_dims"):
                raise ValueError("%s: Mean over %s unsupported" % (name, axes))
            ops.append(SpatialMean(src(node.inputs[0])))
            out_rank = 2
        elif op == "Reshape":
            shape = graph.const(_name(node.inputs[1])).reshape(-1).astype(np.int64).tolist()
            if shape[0] not in (1, -1) or any(v < 0 for v in shape[1:]):
                raise ValueError("%s: target shape %s unsupported" % (name, shape))
            ops.append(Reshape(src(node.inputs[0]), [int(v) for v in shape[1:]], r == 4))
            out_rank = len(shape)
            if out_rank == 4:
                raise ValueError("%s: reshape to a 4-D value unsupported" % name)
        else:
            raise ValueError("unsupported op %s (%s)" % (op, name))
        index[name] = len(index)
        rank[name] = out_rank

    return GraphModule(ops, len(inputs), [index[o] for o in outputs])


def node_by_suffix(graph, suffix, op=None):
    """The one node whose name ends with `suffix` (and has op `op`)."""
    hits = [n for n in graph.nodes if n.name.endswith(suffix) and (op is None or n.op == op)]
    if len(hits) != 1:
        raise ValueError("%d nodes end with %r" % (len(hits), suffix))
    return hits[0].name
