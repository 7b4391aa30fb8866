"""Warm `ask` latency on the bundled corpus: loads the model once, then times N questions.

Usage: .venv/bin/python benchmarks/ask_latency.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from assistant.answering import Assistant
from assistant.embeddings import make_embedder
from assistant.index import open_or_build
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    t0 = time.perf_counter()
    assistant = Assistant(open_or_build(settings, make_embedder(settings)))
    assistant.ask("khởi động")  # loads the embedding model and fills caches
    cold = time.perf_counter() - t0
    items = [json.loads(l) for l in (ROOT / "evals" / "qa.jsonl").read_text("utf-8").splitlines() if l.strip()]
    times = []
    for _ in range(args.rounds):
        for item in items:
            t = time.perf_counter()
            assistant.ask(item["question"], item.get("history") or [])
            times.append(time.perf_counter() - t)
    times.sort()
    print(f"start-up (open index + load model + first answer): {cold:.2f} s")
    print(f"warm ask over {len(times)} calls: p50 {1000 * statistics.median(times):.1f} ms, "
          f"p95 {1000 * times[int(0.95 * len(times)) - 1]:.1f} ms, max {1000 * times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
