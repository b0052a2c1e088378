"""CPU forward time of the converted models (figures for the README).

Usage: /usr/bin/python3 deploy/models/convert/bench.py [--threads 2] [--reps 20] [NAME...]

Prints the median and the minimum wall time per image at batch 1 and 8 under
torch.no_grad(), and the median process CPU time per image (all threads
together; less sensitive to other processes than wall time, but it includes
OpenMP spin-waiting), after warm-up runs (TorchScript's profiling executor
optimises a graph during the first calls for each input shape).  The
machine's load average is printed too: figures taken on a busy machine are
not comparable.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import build  # noqa: E402
import check  # noqa: E402


def inputs(name, n):
    import torch
    d = build.MODELS[name]["descriptor"]["input"]
    g = torch.Generator().manual_seed(0)
    x = torch.rand(n, 3, d["height"], d["width"], generator=g) * 255.0
    if name == "dlib-resnet29":
        mean = torch.tensor(d["mean"]).view(1, 3, 1, 1)
        std = torch.tensor(d["std"]).view(1, 3, 1, 1)
        return ((x - mean) / std,)
    if "delta" in build.MODELS[name]["descriptor"]["inputs"]:
        return (x, torch.zeros(1))
    return (x,)


def main():
    import torch
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    print("torch %s, %d threads, load average before: %s"
          % (torch.__version__, torch.get_num_threads(), " ".join("%.2f" % v for v in os.getloadavg())))
    for name in a.names or list(build.MODELS):
        m = check.load_model(name)
        for n in (1, 8):
            x = inputs(name, n)
            with torch.no_grad():
                for _ in range(a.warmup):
                    m(*x)
                ts, cs = [], []
                for _ in range(a.reps):
                    t, c = time.perf_counter(), time.process_time()
                    m(*x)
                    ts.append(time.perf_counter() - t)
                    cs.append(time.process_time() - c)
            print("  %-14s batch %d: wall %7.1f ms/image median, %7.1f min;  process CPU %7.1f ms/image median"
                  "  (%d runs)" % (name, n, 1e3 * statistics.median(ts) / n, 1e3 * min(ts) / n,
                                   1e3 * statistics.median(cs) / n, a.reps))
    print("load average after: %s" % " ".join("%.2f" % v for v in os.getloadavg()))


if __name__ == "__main__":
    main()
