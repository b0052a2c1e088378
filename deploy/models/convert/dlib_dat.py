"""Reader for dlib's DNN serialisation format (the `.dat` files written by
`dlib::serialize(net)`), written for Sim2Word from the format as dlib 19.x
defines it.  Only the pieces that the face-recognition ResNet uses are
supported; anything else raises `DatFormatError` so that a different file
cannot be silently misread.

Format summary (all integers little-endian):

* integer: one control byte ``c`` (bit 7 = negative, low nibble = number of
  value bytes ``n``), then ``n`` value bytes, least significant first.
* float/double: two integers, mantissa (int64) and exponent (int16); the value
  is ``mantissa * 2**exponent`` (exponents 32000.. encode inf/nan).
* bool: the ASCII character '0' or '1'.
* string: integer length, then the bytes.
* tensor: int version (2), num_samples, k, nr, nc, then num_samples*k*nr*nc
  raw IEEE float32 values.
* alias_tensor: int version (1), num_samples, k, nr, nc (no data).

A network ``loss<L_n<...<L_1<input>>>>`` is written outermost first:
``int version, loss details`` and then, for each wrapper (add_layer=2,
tag/skip layer=1) its version integer, recursively.  Because every wrapper
writes its version *before* recursing into its sub-network and its own details
*after*, the file holds: the loss record, a run of wrapper versions
(outermost first), the input layer, and then, innermost first, each layer's
details followed by the add_layer bookkeeping (3 bools + 3 tensors).

The type of the network (which wrapper is a tag and which a skip, tag ids)
is not in the file; it lives in the C++ type.  `read_dat` therefore returns
the flat, input-to-output sequence of records with the wrapper markers in
place, and the caller checks that sequence against the architecture it
expects.
"""

import struct

import numpy as np


class DatFormatError(ValueError):
    pass


class _Stream:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def byte(self):
        if self.pos >= len(self.data):
            raise DatFormatError("unexpected end of file")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def take(self, n):
        if self.pos + n > len(self.data):
            raise DatFormatError("unexpected end of file")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def peek(self):
        return self.data[self.pos] if self.pos < len(self.data) else None

    def int(self):
        ctrl = self.byte()
        n = ctrl & 0x0F
        if n > 8 or (ctrl & 0x70):
            raise DatFormatError("bad integer control byte 0x%02x at %d" % (ctrl, self.pos - 1))
        value = int.from_bytes(self.take(n), "little") if n else 0
        return -value if ctrl & 0x80 else value

    def float(self):
        mantissa = self.int()
        exponent = self.int()
        if exponent >= 32000:
            return {32000: float("inf"), 32001: float("-inf")}.get(exponent, float("nan"))
        return float(mantissa) * (2.0 ** exponent)

    def bool(self):
        ch = self.byte()
        if ch not in (ord("0"), ord("1")):
            raise DatFormatError("bad bool byte 0x%02x at %d" % (ch, self.pos - 1))
        return ch == ord("1")

    def string(self):
        n = self.int()
        if n < 0 or n > 4096:
            raise DatFormatError("implausible string length %d at %d" % (n, self.pos))
        return self.take(n).decode("ascii")

    def tensor(self):
        version = self.int()
        if version != 2:
            raise DatFormatError("unsupported tensor version %d at %d" % (version, self.pos))
        shape = tuple(self.int() for _ in range(4))
        count = shape[0] * shape[1] * shape[2] * shape[3]
        raw = self.take(4 * count)
        return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)

    def alias_tensor(self):
        version = self.int()
        if version != 1:
            raise DatFormatError("unsupported alias_tensor version %d" % version)
        return tuple(self.int() for _ in range(4))


def _read_details(s, tag):
    """Reads one layer's parameters after its tag string."""
    if tag in ("con_4", "con_5"):
        params = s.tensor()
        rec = {"type": "con", "num_filters": s.int(), "nr": s.int(), "nc": s.int(),
               "stride_y": s.int(), "stride_x": s.int(),
               "padding_y": s.int(), "padding_x": s.int()}
        filters_shape = s.alias_tensor()
        biases_shape = s.alias_tensor()
        for _ in range(4):      # learning-rate and weight-decay multipliers
            s.float()
        use_bias = s.bool() if tag == "con_5" else True
        n_filt = int(np.prod(filters_shape))
        n_bias = int(np.prod(biases_shape)) if use_bias else 0
        flat = params.reshape(-1)
        if flat.size != n_filt + n_bias:
            raise DatFormatError("con params size %d != %d + %d" % (flat.size, n_filt, n_bias))
        rec["weight"] = flat[:n_filt].reshape(filters_shape)          # [out, in, kh, kw]
        rec["bias"] = flat[n_filt:].copy() if use_bias else None
        return rec
    if tag in ("affine_", "affine_2"):
        params = s.tensor()
        gamma_shape = s.alias_tensor()
        beta_shape = s.alias_tensor()
        mode = s.int()
        disabled = s.bool() if tag == "affine_2" else False
        n = int(np.prod(gamma_shape))
        flat = params.reshape(-1)
        if flat.size != n + int(np.prod(beta_shape)):
            raise DatFormatError("affine params size mismatch")
        return {"type": "affine", "mode": mode, "disabled": disabled,
                "gamma": flat[:n].copy(), "beta": flat[n:].copy()}
    if tag in ("fc_2", "fc_3"):
        num_outputs = s.int()
        num_inputs = s.int()
        params = s.tensor()
        w_shape = s.alias_tensor()
        b_shape = s.alias_tensor()
        bias_mode = s.int()                # 0 = has bias, 1 = no bias
        for _ in range(4):
            s.float()
        use_bias = s.bool() if tag == "fc_3" else True
        flat = params.reshape(-1)
        n_w = num_inputs * num_outputs
        weight = flat[:n_w].reshape(num_inputs, num_outputs)        # y = x @ weight
        bias = flat[n_w:n_w + num_outputs].copy() if (bias_mode == 0 and use_bias) else None
        return {"type": "fc", "num_outputs": num_outputs, "num_inputs": num_inputs,
                "weight": weight, "bias": bias}
    if tag == "relu_":
        return {"type": "relu"}
    if tag == "add_prev_":
        return {"type": "add_prev"}
    if tag in ("max_pool_2", "avg_pool_2"):
        return {"type": tag[:-2], "nr": s.int(), "nc": s.int(),
                "stride_y": s.int(), "stride_x": s.int(),
                "padding_y": s.int(), "padding_x": s.int()}
    raise DatFormatError("unsupported layer tag %r" % tag)


def read_dat(data):
    """Parses a serialised dlib network.

    Returns a dict with ``loss`` (tag and parameters), ``input`` (tag, channel
    means, size) and ``sequence``: input-to-output list of records, each
    either ``{"type": "wrapper1"}`` (a tag or skip layer) or a layer record.
    """
    s = _Stream(data)
    if s.int() != 1:
        raise DatFormatError("expected add_loss_layer version 1")
    loss_tag = s.string()
    loss = {"tag": loss_tag}
    if loss_tag == "loss_metric_2":
        loss["margin"] = s.float()
        loss["distance_threshold"] = s.float()
    elif loss_tag != "loss_metric_":
        raise DatFormatError("unsupported loss %r" % loss_tag)

    # Run of wrapper versions, outermost first (each encoded "01 0v" with
    # v = 1, 2 or 3).  It ends where the input layer's tag string starts; that
    # string's length (21) cannot be mistaken for a version.
    wrappers = []
    while s.pos + 1 < len(s.data) and s.data[s.pos] == 0x01 and s.data[s.pos + 1] in (1, 2, 3):
        wrappers.append(s.int())
    if not wrappers:
        raise DatFormatError("no layers found")

    in_tag = s.string()
    if in_tag != "input_rgb_image_sized":
        raise DatFormatError("unsupported input layer %r" % in_tag)
    inp = {"tag": in_tag, "avg_red": s.float(), "avg_green": s.float(),
           "avg_blue": s.float(), "nr": s.int(), "nc": s.int()}

    # The innermost wrapper is the add_layer specialised for the input layer.
    innermost = wrappers[-1]
    if innermost not in (2, 3):
        raise DatFormatError("innermost wrapper is not an add_layer over the input")
    first_details = _read_details(s, s.string())
    for _ in range(3):
        s.bool()
    for _ in range(3):          # x_grad, cached_output, grad_final
        s.tensor()
    if innermost == 3:
        s.int()                 # sample expansion factor
    sequence = [first_details]

    for version in reversed(wrappers[:-1]):
        if version == 1:
            sequence.append({"type": "wrapper1"})
        elif version == 2:
            rec = _read_details(s, s.string())
            for _ in range(3):
                s.bool()
            for _ in range(3):  # x_grad, cached_output, params_grad
                s.tensor()
            sequence.append(rec)
        else:
            raise DatFormatError("unsupported wrapper version %d" % version)

    if s.pos != len(s.data):
        raise DatFormatError("%d trailing bytes after the network" % (len(s.data) - s.pos))
    return {"loss": loss, "input": inp, "sequence": sequence}


def summary(parsed):
    """One short token per record, e.g. 'con32x7s2p0', 'affine', 'W' (wrapper)."""
    out = []
    for r in parsed["sequence"]:
        t = r["type"]
        if t == "wrapper1":
            out.append("W")
        elif t == "con":
            out.append("con%dx%ds%dp%d" % (r["num_filters"], r["nr"], r["stride_y"], r["padding_y"]))
        elif t in ("max_pool", "avg_pool"):
            out.append("%s%dx%ds%dp%d" % (t, r["nr"], r["nc"], r["stride_y"], r["padding_y"]))
        elif t == "fc":
            out.append("fc%dto%d%s" % (r["num_inputs"], r["num_outputs"], "" if r["bias"] is None else "b"))
        else:
            out.append(t)
    return out
