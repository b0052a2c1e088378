"""The eager reference: a rebuilt network run with its original forward, the
Grad-CAM layer and the embedding read through forward hooks on the named
modules.  The golden outputs and the tests compare the exported TorchScript
against this, so the contract wrapper's cut (split/join at the target) is
checked against the module that carries the target layer's name.
"""

from typing import Dict, List, Optional

import numpy as np
import torch
from torch import Tensor, nn

EPSILON = 1e-12   # the worker's Heatmap.EPSILON


def module_named(net: nn.Module, name: str) -> nn.Module:
    modules = dict(net.named_modules())
    if name not in modules:
        raise KeyError("%s has no module %s" % (type(net).__name__, name))
    return modules[name]


def eager_outputs(net: nn.Module, target_layer: str, embedding_module: str, x: Tensor,
                  delta: Optional[Tensor] = None, forward_is_embedding: bool = False) -> List[Tensor]:
    """[F, embedding, head outputs...] of the original forward, in the
    contract's order.  F is the output of `target_layer` as a forward hook sees
    it; with `delta`, the hook returns F + delta so the rest of the original
    forward continues from there.  The embedding is the output of
    `embedding_module`, flattened."""
    seen: Dict[str, Tensor] = {}

    def at_target(module, inputs, output):
        seen["features"] = output
        if delta is not None:
            return output + delta
        return None

    def at_embedding(module, inputs, output):
        seen["embedding"] = torch.flatten(output, 1)

    hooks = [module_named(net, target_layer).register_forward_hook(at_target),
             module_named(net, embedding_module).register_forward_hook(at_embedding)]
    try:
        result = net(x)
    finally:
        for h in hooks:
            h.remove()
    if "features" not in seen:
        raise RuntimeError("the forward never ran %s" % target_layer)
    if forward_is_embedding:
        heads = []
    elif isinstance(result, (list, tuple)):
        heads = list(result)
    else:
        heads = [result]
    return [seen["features"], seen["embedding"]] + heads


def gradcam(features: Tensor, gradient: Tensor) -> np.ndarray:
    """The worker's GradCam.map for one face: alpha_k = mean of the gradient
    over positions, ReLU(sum_k alpha_k A_k), min-max normalised (zeros when
    the range is below EPSILON).  Computed in float64."""
    a = features.detach().double().reshape(features.shape[-3], -1)
    g = gradient.detach().double().reshape(gradient.shape[-3], -1)
    alpha = g.mean(dim=1, keepdim=True)
    cam = torch.relu((alpha * a).sum(dim=0))
    lo, hi = cam.min(), cam.max()
    if float(hi - lo) < EPSILON:
        return np.zeros(cam.numel())
    return ((cam - lo) / (hi - lo)).numpy()


def cosine_target(embedding: Tensor, unit_direction: Tensor) -> Tensor:
    """cos(e, u) for a unit u, as the worker's ProbePass.cosineMap builds it."""
    return (embedding * unit_direction).sum() / embedding.norm()
