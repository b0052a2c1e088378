"""The map maths of docs/algorithm.md, written out plainly in numpy (float32).

Nothing here is tuned for speed: every function is the formula of the spec, one step per line.
"""
import math

import numpy as np

EPSILON = 1e-12  # algorithm.md §2: a map whose max - min is below this has no location
MASK64 = (1 << 64) - 1


def bilinear_resize(src, dst_w, dst_h):
    """algorithm.md §1: OpenCV INTER_LINEAR on float32, half-pixel centres, clamped, no antialiasing.

    src is H×W or H×W×C float32. Returns dst_h×dst_w(×C) float32. A source already of the size is returned as is.
    """
    src = np.asarray(src, dtype=np.float32)
    src_h, src_w = src.shape[0], src.shape[1]
    if src_w == dst_w and src_h == dst_h:
        return src.copy()

    def taps(n_src, n_dst):
        # destination index x samples fx = (x + 0.5)·(n_src/n_dst) − 0.5, clamped to [0, n_src − 1]
        x0s, x1s, ts = [], [], []
        for x in range(n_dst):
            fx = (x + 0.5) * (n_src / n_dst) - 0.5
            fx = min(max(fx, 0.0), n_src - 1.0)
            x0 = int(math.floor(fx))
            x1 = min(x0 + 1, n_src - 1)
            x0s.append(x0)
            x1s.append(x1)
            ts.append(fx - x0)
        return np.array(x0s), np.array(x1s), np.array(ts, dtype=np.float32)

    x0, x1, tx = taps(src_w, dst_w)
    y0, y1, ty = taps(src_h, dst_h)
    if src.ndim == 3:
        tx = tx[:, None]
    # first along x, for every source row: v(x0) + (v(x1) − v(x0))·t
    rows = src[:, x0] + (src[:, x1] - src[:, x0]) * tx
    # then along y the same way
    ty = ty[:, None, None] if src.ndim == 3 else ty[:, None]
    out = rows[y0] + (rows[y1] - rows[y0]) * ty
    return out.astype(np.float32)


def minmax(m):
    """algorithm.md §2: (M − min M)/(max M − min M) when max − min ≥ ε, all zeros otherwise."""
    m = np.asarray(m, dtype=np.float32)
    lo = m.min()
    hi = m.max()
    if float(hi) - float(lo) < EPSILON:
        return np.zeros_like(m, dtype=np.float32)
    return ((m - lo) / (hi - lo)).astype(np.float32)


def is_degenerate(m):
    return float(m.max()) - float(m.min()) < EPSILON


def mean_of_maps(maps):
    """Element-wise mean of equally sized maps (algorithm.md §5.1)."""
    total = np.zeros_like(maps[0], dtype=np.float32)
    for m in maps:
        total = total + m
    return (total / np.float32(len(maps))).astype(np.float32)


class SplitMix64:
    """algorithm.md §6: SplitMix64 with 64-bit wrapping arithmetic."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def noise_image(width, height, seed):
    """A width×height RGB noise canvas: one value per pixel and channel, row-major, R, G, B; the top byte of each
    64-bit output (algorithm.md §6, fill `random`)."""
    rng = SplitMix64(seed)
    values = np.empty(width * height * 3, dtype=np.float32)
    for i in range(width * height * 3):
        values[i] = rng.next() >> 56
    return values.reshape(height, width, 3)


def cosine(u, v):
    """Cosine of two float32 embeddings, computed in double precision (algorithm.md §7)."""
    u = np.asarray(u, dtype=np.float64).ravel()
    v = np.asarray(v, dtype=np.float64).ravel()
    return float(np.dot(u, v) / (math.sqrt(np.dot(u, u)) * math.sqrt(np.dot(v, v))))


def angular(c):
    """1 − arccos(s)/π (algorithm.md §8), the cosine clamped to [−1, 1]."""
    return 1.0 - math.acos(max(-1.0, min(1.0, c))) / math.pi


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()
