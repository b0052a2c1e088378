"""Writes RANDOM weights in the container of each of the paper's checkpoints,
so that the exporters can be tested without the real files.

  /usr/bin/python3 deploy/models/exporters/tests/random_checkpoint.py KIND PATH [--seed N] [--format F]

Formats (FORMATS; the default of each kind is the original file's):
  numpy-pickle      dict {name: float32 numpy array}, pickle protocol 2 with
                    Python 2 str (BINSTRING) keys and array data, no
                    num_batches_tracked (VGGFace2 .pkl: readable by Python 3
                    only with encoding='latin1')
  state-dict        torch.save(model.state_dict())          (insightface backbone.pth)
  state-dict-module the same with DataParallel's 'module.' prefix on every key
  whole-model-dp    torch.save(DataParallel(model)), the model's classes
                    living in the module the training code had (e.g.
                    models.resnet.ResNet); that module is registered only
                    while saving, so a reader cannot import it
  whole-model-legacy torch.save(model, _use_new_zipfile_serialization=False):
                    the pre-1.6 container, no DataParallel

The weights are random but calibrated: every BatchNorm's running statistics
are set from one training-mode pass over noise images, so activations stay
O(1) through the 50-100 layers as in a trained net (otherwise float32 noise
would swamp the comparisons).
"""

import argparse
import collections
import math
import os
import pickle
import struct
import sys
import types
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORTERS = os.path.dirname(HERE)
if EXPORTERS not in sys.path:
    sys.path.insert(0, EXPORTERS)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import export  # noqa: E402

# The module and class names the paper's training code pickled its models under.
ORIGINAL_CLASSES = {
    "attribute-resnet50": ("models.resnet", {"AttributeResNet50": "ResNet", "Bottleneck": "Bottleneck"}),
    "vggface2-arc": ("models.iresnet", {"VGGFace2ArcIResNet": "IResNet", "IBasicBlock": "IBasicBlock"}),
    "vggface2-evidential": ("models.iresnet_edl", {"EvidentialIResNet": "IResNet", "IBasicBlock": "IBasicBlock"}),
}

FORMATS = ("numpy-pickle", "state-dict", "state-dict-module", "whole-model-dp", "whole-model-legacy")

DEFAULT_FORMAT = {
    "vggface2-resnet50": "numpy-pickle",
    "vggface2-senet50": "numpy-pickle",
    "attribute-resnet50": "whole-model-dp",
    "arcface-r50": "state-dict",
    "arcface-r100": "state-dict",
    "cosface-r50": "state-dict",
    "cosface-r100": "state-dict",
    "vggface2-arc": "state-dict-module",
    "vggface2-evidential": "state-dict",
}


def random_network(kind_name, seed=0):
    """The kind's rebuilt network with calibrated random weights."""
    kind = export.KINDS[kind_name]
    torch.manual_seed(seed)
    net = kind.build()
    g = torch.Generator().manual_seed(seed)

    def normal(t, std):
        t.copy_(torch.randn(t.shape, generator=g) * std)

    def uniform(t, lo, hi):
        t.copy_(lo + (hi - lo) * torch.rand(t.shape, generator=g))

    with torch.no_grad():
        for name, m in net.named_modules():
            if isinstance(m, nn.Conv2d):
                fan_in = m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]
                normal(m.weight, math.sqrt(2.0 / fan_in))
                if m.bias is not None:
                    normal(m.bias, 0.1)
            elif isinstance(m, nn.Linear):
                normal(m.weight, 1.0 / math.sqrt(m.in_features))
                normal(m.bias, 0.1)
            elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                last_of_branch = name.endswith(".bn3")
                uniform(m.weight, 0.2, 0.5) if last_of_branch else uniform(m.weight, 0.5, 1.5)
                normal(m.bias, 0.2)
                m.reset_running_stats()
                m.momentum = None                   # cumulative average: one batch sets the statistics
            elif isinstance(m, nn.PReLU):
                uniform(m.weight, 0.1, 0.3)
        if hasattr(net, "weight") and isinstance(net.weight, nn.Parameter):
            normal(net.weight, 1.0)
        rng = np.random.RandomState(seed + 1)
        calib = [rng.randint(0, 256, size=(kind.input["height"], kind.input["width"], 3)).astype(np.uint8)
                 for _ in range(2)]
        net.train()
        net(export.preprocess(kind, calib))
        net.eval()
        for m in net.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.momentum = 0.1
                m.num_batches_tracked.zero_()
    return net


class _Python2Pickler(pickle._Pickler):
    """Writes bytes as Python 2 str (BINSTRING), as the VGGFace2 pickles were
    written: Python 3 then reads them as str only with encoding='latin1'."""

    def save_bytes(self, obj):
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(obj)) + obj)
        self.memoize(obj)

    dispatch = dict(pickle._Pickler.dispatch)
    dispatch[bytes] = save_bytes


def _state(net, prefix=""):
    return collections.OrderedDict((prefix + k, v.detach().clone()) for k, v in net.state_dict().items())


class _Disguise:
    """Lets a module pickle as if its classes came from the training code's
    module (e.g. models.resnet.ResNet); undone on exit."""

    def __init__(self, net, module_name, renames):
        self.net = net
        self.module_name = module_name
        self.renames = renames
        self.saved = []

    def __enter__(self):
        fake = types.ModuleType(self.module_name)
        made = {}
        for m in self.net.modules():
            cls = type(m)
            if cls.__name__ in self.renames:
                if cls not in made:
                    made[cls] = type(self.renames[cls.__name__], (cls,), {"__module__": self.module_name})
                    setattr(fake, self.renames[cls.__name__], made[cls])
                self.saved.append((m, cls))
                m.__class__ = made[cls]
        self.registered = []
        parts = self.module_name.split(".")
        for i in range(1, len(parts)):
            parent = ".".join(parts[:i])
            if parent not in sys.modules:
                package = types.ModuleType(parent)
                package.__path__ = []
                sys.modules[parent] = package
                self.registered.append(parent)
        sys.modules[self.module_name] = fake
        self.registered.append(self.module_name)
        return self.net

    def __exit__(self, *exc):
        for m, cls in self.saved:
            m.__class__ = cls
        for name in self.registered:
            del sys.modules[name]
        return False


def write(kind_name, path, seed=0, fmt=None, net=None):
    """Writes random weights for `kind_name` to `path` in format `fmt`
    (default: the original file's) and returns the network they came from."""
    fmt = fmt or DEFAULT_FORMAT[kind_name]
    net = net if net is not None else random_network(kind_name, seed)
    tmp = path + ".tmp"
    if fmt == "numpy-pickle":
        # Python 2 str keys and array data, as in the original files.
        weights = {k.encode("ascii"): v.numpy().astype(np.float32) for k, v in _state(net).items()
                   if not k.endswith("num_batches_tracked")}
        with open(tmp, "wb") as f:
            _Python2Pickler(f, protocol=2).dump(weights)
    elif fmt in ("state-dict", "state-dict-module"):
        torch.save(_state(net, "module." if fmt == "state-dict-module" else ""), tmp)
    elif fmt in ("whole-model-dp", "whole-model-legacy"):
        module_name, renames = ORIGINAL_CLASSES.get(kind_name, ("models.net", {}))
        with _Disguise(net, module_name, renames):
            if fmt == "whole-model-dp":
                torch.save(nn.DataParallel(net), tmp)
            else:
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", message="Couldn't retrieve source code")
                    torch.save(net, tmp, _use_new_zipfile_serialization=False)
    else:
        raise ValueError("unknown format %r (known: %s)" % (fmt, ", ".join(FORMATS)))
    os.replace(tmp, path)
    return net


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=sorted(export.KINDS))
    ap.add_argument("path")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=FORMATS)
    args = ap.parse_args(argv)
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    write(args.kind, args.path, args.seed, args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
