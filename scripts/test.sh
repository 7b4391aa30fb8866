#!/usr/bin/env bash
# Install and run the whole test suite (offline; includes an end-to-end test with the real model).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/python -m pytest -q "$@"
