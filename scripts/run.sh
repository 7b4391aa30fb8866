#!/usr/bin/env bash
# Install, index the bundled corpus, and answer one question with citations.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/assistant index
.venv/bin/assistant ask "Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?"
