"""Readers for the checkpoint containers the paper's networks ship in, and a
strict loader that fills a rebuilt module from them.

Containers (method §3):

  numpy pickle    resnet50_scratch_weight.pkl, resnet50_ft_weight.pkl,
                  senet50_ft_weight.pkl: a (Python 2) pickle of a dict
                  {parameter name: numpy array}, read with encoding='latin1'.
                  Converted from Caffe before PyTorch had BatchNorm's
                  num_batches_tracked, so those keys are absent.
  state dict      insightface backbone.pth: torch.save(model.state_dict()).
  whole model     Face-Attributes2.pth (and, in the training code of the
                  FaceTechnologyTool repository, vggface2-arc.pth and
                  vggface-evidential.pth): torch.save(model), possibly of a
                  torch.nn.DataParallel, whose keys then start with 'module.'.

The original loaders accept a state dict or a whole model for every .pth and
strip 'module.', so read_torch() does too.  A whole-model pickle names the
classes of the code that saved it (e.g. models.resnet.ResNet); that code is
not needed here: every class outside torch is replaced by a stand-in
nn.Module that only carries the pickled parameters and submodules, whose
state_dict() is then read.  The readers only resolve torch, numpy and a few
builtin names, so a checkpoint cannot run arbitrary functions while being
read (still: only export checkpoints you trust).

load_strict() then requires the checkpoint's key set and shapes to equal the
rebuilt module's exactly, apart from num_batches_tracked (a training counter
that does not affect inference).  The original loaders of vggface2-arc.pth
and vggface-evidential.pth silently skip keys they do not know and keep
random initial values for missing ones; here either is an error.
"""

import _compat_pickle
import collections
import pickle
import types
import warnings
from typing import Dict, Tuple

import numpy as np
import torch
from torch import nn

NUM_BATCHES_TRACKED = "num_batches_tracked"
DATA_PARALLEL_PREFIX = "module."


class CheckpointError(ValueError):
    """The file is not a checkpoint of the expected network."""


# ---------------------------------------------------------------------------
# numpy pickles (VGGFace2 .pkl)
# ---------------------------------------------------------------------------

_NUMPY_PICKLE_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("_codecs", "encode"),
    ("collections", "OrderedDict"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


def _python3_name(module, name):
    """Python 2 names (__builtin__.set, copy_reg._reconstructor) as Python 3
    knows them, the mapping pickle applies for protocols below 3."""
    if (module, name) in _compat_pickle.NAME_MAPPING:
        return _compat_pickle.NAME_MAPPING[(module, name)]
    return _compat_pickle.IMPORT_MAPPING.get(module, module), name


class _NumpyPickleReader(pickle.Unpickler):
    def find_class(self, module, name):
        module, name = _python3_name(module, name)
        if (module, name) in _NUMPY_PICKLE_GLOBALS:
            return super().find_class(module, name)
        raise CheckpointError("the pickle refers to %s.%s; a VGGFace2 weight pickle holds only a dict of "
                              "numpy arrays" % (module, name))


def read_numpy_pickle(path) -> Dict[str, np.ndarray]:
    """The dict {name: array} of a VGGFace2 weight pickle (encoding latin1)."""
    with open(path, "rb") as f:
        try:
            obj = _NumpyPickleReader(f, encoding="latin1").load()
        except (pickle.UnpicklingError, EOFError) as e:
            raise CheckpointError("%s is not a pickle: %s" % (path, e)) from e
    if not isinstance(obj, dict):
        raise CheckpointError("%s holds a %s, not a dict of numpy arrays" % (path, type(obj).__name__))
    out = {}
    for k, v in obj.items():
        if isinstance(k, bytes):
            k = k.decode("latin1")
        if not isinstance(k, str) or not isinstance(v, np.ndarray):
            raise CheckpointError("%s: entry %r is a %s, expected a numpy array under a string key"
                                  % (path, k, type(v).__name__))
        out[k] = v
    return out


# ---------------------------------------------------------------------------
# torch checkpoints (.pth): state dict or whole model
# ---------------------------------------------------------------------------

class StandIn(nn.Module):
    """Takes the place of a class of the code that saved a whole-model
    checkpoint; it keeps what nn.Module pickles (parameters, buffers,
    submodules) and cannot be run."""

    original = "?"

    def forward(self, *args):
        raise RuntimeError("%s is a stand-in for %s, used only to read its parameters"
                           % (type(self).__name__, self.original))


_STAND_INS: Dict[str, type] = {}

_SAFE_NON_TORCH = {
    ("collections", "OrderedDict"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "object"),
    ("builtins", "slice"),
    ("copyreg", "_reconstructor"),
    ("_codecs", "encode"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
}


def _stand_in(module, name):
    key = "%s.%s" % (module, name)
    cls = _STAND_INS.get(key)
    if cls is None:
        cls = type(name, (StandIn,), {"__module__": "stand_in." + module, "original": key})
        _STAND_INS[key] = cls
    return cls


class _ModelPickleReader(pickle.Unpickler):
    def find_class(self, module, name):
        module, name = _python3_name(module, name)
        if module == "torch" or module.startswith("torch."):
            return super().find_class(module, name)
        if (module, name) in _SAFE_NON_TORCH:
            return super().find_class(module, name)
        if module == "builtins" or module.startswith("numpy") or module in ("os", "posix", "subprocess", "sys"):
            raise CheckpointError("the checkpoint refers to %s.%s, which a model checkpoint has no use for"
                                  % (module, name))
        return _stand_in(module, name)


# torch.load's pickle_module: Unpickler for the object graph, load() for the
# small records of the legacy (pre-1.6, non-zip) format.
_model_pickle = types.SimpleNamespace(
    Unpickler=_ModelPickleReader,
    load=lambda f, **kw: _ModelPickleReader(f, **kw).load(),
    __name__="sim2word_model_pickle")


def _load_whole_model(path):
    """torch.load with our reader.  torch 1.13's torch.load replaces any
    pickle_module by pickle whenever weights_only is False, so the loaders
    behind it (the zip format of torch >= 1.6 and the legacy format) are
    called directly where they exist."""
    from torch import serialization as ser
    with warnings.catch_warnings():
        # the legacy format stores the classes' source; a stand-in has none to compare with
        warnings.filterwarnings("ignore", message="Couldn't retrieve source code")
        if all(hasattr(ser, f) for f in ("_is_zipfile", "_open_zipfile_reader", "_load", "_legacy_load")):
            with open(path, "rb") as f:
                if ser._is_zipfile(f):
                    with ser._open_zipfile_reader(f) as zf:
                        return ser._load(zf, "cpu", _model_pickle, encoding="utf-8")
                return ser._legacy_load(f, "cpu", _model_pickle, encoding="utf-8")
        return torch.load(path, map_location="cpu", pickle_module=_model_pickle, weights_only=False)


def _unwrap(module: nn.Module) -> Tuple[nn.Module, str]:
    notes = []
    while True:
        cls = type(module)
        name = getattr(cls, "original", "%s.%s" % (cls.__module__, cls.__name__))
        children = dict(module.named_children())
        is_wrapper = isinstance(module, (nn.DataParallel, nn.parallel.DistributedDataParallel)) or (
            isinstance(module, StandIn) and set(children) == {"module"}
            and not list(module.named_parameters(recurse=False)))
        if is_wrapper:
            notes.append(name)
            module = children["module"]
            continue
        notes.append(name)
        return module, " in ".join(reversed(notes))


def read_torch(path) -> Tuple[Dict[str, torch.Tensor], str]:
    """(state dict, description of the container) of a .pth file, with any
    'module.' prefix removed."""
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
        container = "state dict"
    except Exception as plain_error:  # noqa: BLE001 - retried as a whole-model pickle below
        try:
            obj = _load_whole_model(path)
        except CheckpointError:
            raise
        except Exception as e:
            raise CheckpointError("%s is neither a state dict (%s) nor a whole-model pickle (%s)"
                                  % (path, plain_error, e)) from e
        container = "whole-model pickle"
    if isinstance(obj, nn.Module):
        module, classes = _unwrap(obj)
        state = module.state_dict()
        container = "whole-model pickle of %s" % classes
    elif isinstance(obj, dict):
        if "state_dict" in obj and isinstance(obj["state_dict"], dict):
            obj = obj["state_dict"]
            container += " (under 'state_dict')"
        state = obj
    else:
        raise CheckpointError("%s holds a %s, not a model or a state dict" % (path, type(obj).__name__))
    out = collections.OrderedDict()
    stripped = False
    for k, v in state.items():
        if not isinstance(k, str) or not torch.is_tensor(v):
            raise CheckpointError("%s: entry %r is a %s, not a tensor" % (path, k, type(v).__name__))
        if k.startswith(DATA_PARALLEL_PREFIX):
            k = k[len(DATA_PARALLEL_PREFIX):]
            stripped = True
        if k in out:
            raise CheckpointError("%s: key %s appears with and without the 'module.' prefix" % (path, k))
        out[k] = v
    if stripped:
        container += ", 'module.' prefix removed"
    return out, container


# ---------------------------------------------------------------------------
# strict loading
# ---------------------------------------------------------------------------

def _is_counter(key):
    return key == NUM_BATCHES_TRACKED or key.endswith("." + NUM_BATCHES_TRACKED)


def load_strict(module: nn.Module, state, what="checkpoint"):
    """Copies `state` (tensors or numpy arrays) into `module`, as float32.
    Every parameter and buffer must be present with its exact shape and no
    other key may be there (num_batches_tracked aside)."""
    own = module.state_dict()
    want = {k for k in own if not _is_counter(k)}
    got = {k for k in state if not _is_counter(k)}
    missing = sorted(want - got)
    unexpected = sorted(got - want)
    wrong = []
    for k in sorted(want & got):
        shape = tuple(state[k].shape)
        if shape != tuple(own[k].shape):
            wrong.append("%s %s (expected %s)" % (k, list(shape), list(own[k].shape)))
    if missing or unexpected or wrong:
        def some(keys):
            return ", ".join(keys[:8]) + (", … (%d in all)" % len(keys) if len(keys) > 8 else "")
        parts = []
        if missing:
            parts.append("missing keys: " + some(missing))
        if unexpected:
            parts.append("unexpected keys: " + some(unexpected))
        if wrong:
            parts.append("wrong shapes: " + some(wrong))
        raise CheckpointError("%s does not fit %s: %s" % (what, type(module).__name__, "; ".join(parts)))
    with torch.no_grad():
        for k in sorted(want):
            v = state[k]
            t = torch.from_numpy(np.ascontiguousarray(v)) if isinstance(v, np.ndarray) else v
            if not (t.is_floating_point()):
                raise CheckpointError("%s: %s has dtype %s, expected floating point" % (what, k, t.dtype))
            t = t.to(torch.float32)
            if not torch.isfinite(t).all():
                raise CheckpointError("%s: %s holds NaN or infinite values" % (what, k))
            own[k].copy_(t)
    module.eval()
    return module
