#!/usr/bin/env bash
# The engine benchmark on a CUDA machine: builds the worker with the CUDA 12.4 build of libtorch 2.5.1 (Maven
# profile "cuda", ai.djl.pytorch:pytorch-native-cu124, 2.3 GB) and runs deploy/sim2word's benchmark on the GPU,
# several pairs in flight. Needs an NVIDIA driver for CUDA 12.4 or newer.
#
#   deploy/gpu/benchmark.sh [--pairs N] [--repeat R]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export SIM2WORD_HOME="${SIM2WORD_HOME:-$root/.sim2word}"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
deploy/models/install.sh
mvn -B -q -Pcuda -DskipTests -pl worker -am install
# Many intra-op threads only help the CPU-side pre- and post-processing on a GPU node.
SIM2WORD_MODELS_DEVICE=gpu SIM2WORD_MODELS_THREADS="${SIM2WORD_MODELS_THREADS:-4}" \
  java -cp worker/target/sim2word-worker.jar org.sim2word.worker.bench.Benchmark \
  --reference worker/src/test/python/reference/sim2word_reference.py "$@"
