#!/usr/bin/env bash
# Install and run the whole test suite (offline; includes an end-to-end test with the real model).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/install_chromium.sh   # Debian's Chromium for the browser test (skipped if it cannot be installed)
.venv/bin/python -m pytest -q "$@"
