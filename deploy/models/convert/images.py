"""Deterministic image helpers shared by the converters' tests and the golden
generators, so that both sides of every golden comparison see the very same
uint8 pixels.

* decode_rgb: JPEG/PNG -> HWC uint8 RGB via Pillow.  For the johns JPEGs this
  gives byte-identical pixels to dlib::load_image (both use libjpeg-turbo with
  default settings); the goldens record the sha256 of the decoded bytes and the
  tests check it, so a different decoder is detected instead of silently
  shifting the numbers.
* resize_bilinear: plain bilinear interpolation with half-pixel centres and no
  antialiasing (the convention of OpenCV INTER_LINEAR and TF
  resize_bilinear(half_pixel_centers=True)).  For every output coordinate d
  the source coordinate is s = (d + 0.5) * in/out - 0.5, clamped to
  [0, in-1]; x0 = floor(s), x1 = min(x0 + 1, in - 1), t = s - x0.  Rows are
  interpolated first, then columns, in float64, and the result is rounded half
  up to uint8.  Being pure float64 arithmetic, the result does not depend on
  the platform or library versions.
"""

import hashlib

import numpy as np


def decode_rgb(path):
    from PIL import Image
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.uint8).copy()


def _axis(n_in, n_out):
    d = np.arange(n_out, dtype=np.float64)
    s = (d + 0.5) * (float(n_in) / float(n_out)) - 0.5
    s = np.clip(s, 0.0, float(n_in - 1))
    i0 = np.floor(s).astype(np.int64)
    i1 = np.minimum(i0 + 1, n_in - 1)
    t = s - i0
    return i0, i1, t


def resize_bilinear(img, height, width):
    """img: HWC uint8 -> HWC uint8 of the given size."""
    src = img.astype(np.float64)
    y0, y1, ty = _axis(src.shape[0], height)
    x0, x1, tx = _axis(src.shape[1], width)
    rows = src[y0] * (1.0 - ty)[:, None, None] + src[y1] * ty[:, None, None]
    out = rows[:, x0] * (1.0 - tx)[None, :, None] + rows[:, x1] * tx[None, :, None]
    return np.clip(np.floor(out + 0.5), 0, 255).astype(np.uint8)


def pad_square(img):
    """img: HWC uint8 -> a square HWC uint8 of side max(H, W) with img at the top
    left and black elsewhere: the detector's input before it is resized, so a
    photo's aspect ratio survives and input pixels map back by one scale."""
    h, w = img.shape[:2]
    side = max(h, w)
    out = np.zeros((side, side) + img.shape[2:], dtype=img.dtype)
    out[:h, :w] = img
    return out


def sha256_bytes(arr):
    return hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()


def to_nchw_float(imgs):
    """list of HWC uint8 -> float32 numpy [N,3,H,W] in 0..255."""
    return np.stack([i.astype(np.float32).transpose(2, 0, 1) for i in imgs])
