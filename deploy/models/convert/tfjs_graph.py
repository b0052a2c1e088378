"""Reader for TF.js "graph-model" files (model.json holding a GraphDef in JSON
plus a weights manifest, and the binary weight shards).

Only what Sim2Word's converters need: the node list with decoded attributes
and every weight as a float32/int32 numpy array, dequantised the way TF.js
does it (float16 -> float32 is exact; uint8/uint16 affine quantisation is
`q * scale + min`).
"""

import base64
import json

import numpy as np


class Node:
    __slots__ = ("name", "op", "inputs", "attr")

    def __init__(self, raw):
        self.name = raw["name"]
        self.op = raw["op"]
        self.inputs = list(raw.get("input", []))
        self.attr = raw.get("attr", {})

    def ints(self, key):
        return [int(v) for v in self.attr[key]["list"].get("i", [])]

    def string(self, key):
        return base64.b64decode(self.attr[key]["s"]).decode("ascii")

    def strings(self, key):
        return [base64.b64decode(v).decode("ascii") for v in self.attr[key]["list"].get("s", [])]

    def bool(self, key, default=False):
        return bool(self.attr.get(key, {}).get("b", default))

    def __repr__(self):
        return "Node(%s, %s, %s)" % (self.name, self.op, self.inputs)


_DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_}
_QDTYPES = {"float16": np.float16, "uint8": np.uint8, "uint16": np.uint16}


def decode_weights(manifest, shards):
    """manifest: the model.json 'weightsManifest' list; shards: dict path -> bytes."""
    out = {}
    for group in manifest:
        data = b"".join(shards[p] for p in group["paths"])
        off = 0
        for spec in group["weights"]:
            shape = [int(d) for d in spec["shape"]]
            count = int(np.prod(shape)) if shape else 1
            q = spec.get("quantization")
            if q:
                qdt = np.dtype(_QDTYPES[q["dtype"]]).newbyteorder("<")
                nbytes = count * qdt.itemsize
                raw = np.frombuffer(data, dtype=qdt, count=count, offset=off)
                if q["dtype"] == "float16":
                    arr = raw.astype(np.float32)
                else:
                    arr = (raw.astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"]))
            else:
                dt = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
                nbytes = count * dt.itemsize
                arr = np.frombuffer(data, dtype=dt, count=count, offset=off).copy()
            off += nbytes
            out[spec["name"]] = arr.reshape(shape)
        if off != len(data):
            raise ValueError("weights group %s: %d bytes read, %d present" % (group["paths"], off, len(data)))
    return out


class Graph:
    def __init__(self, model_json, shards):
        self.meta = {k: v for k, v in model_json.items() if k not in ("modelTopology", "weightsManifest")}
        if model_json.get("format") != "graph-model":
            raise ValueError("not a TF.js graph model (format=%r)" % model_json.get("format"))
        self.nodes = [Node(n) for n in model_json["modelTopology"]["node"]]
        self.by_name = {n.name: n for n in self.nodes}
        self.weights = decode_weights(model_json["weightsManifest"], shards)
        self.consumers = {}
        for n in self.nodes:
            for i in n.inputs:
                self.consumers.setdefault(i.split(":")[0], []).append(n)

    def const(self, name):
        node = self.by_name[name]
        if node.op != "Const":
            raise ValueError("%s is a %s, not a Const" % (name, node.op))
        return self.weights[name]

    def only_consumer(self, name):
        cs = self.consumers.get(name, [])
        if len(cs) != 1:
            raise ValueError("%s has %d consumers, expected 1" % (name, len(cs)))
        return cs[0]


def load(model_json_bytes, read_shard):
    """read_shard(path) -> bytes for every path in the manifest."""
    mj = json.loads(model_json_bytes)
    shards = {}
    for group in mj["weightsManifest"]:
        for p in group["paths"]:
            shards[p] = read_shard(p)
    return Graph(mj, shards)
