"""Scale benchmark: the real plans mixed into thousands of synthetic ones, at growing sizes.

    .venv/bin/python benchmarks/scale.py --sizes 1000 10000 50000 [--work /tmp/scale] [--seed 0]

For each size (chunks in the corpus) it adds synthetic plans (benchmarks/synthetic_plans.py) to one
corpus folder, indexes incrementally, and prints: index throughput of the increment, index size
on disk, cold start (a new process: open the index, load the model, first answer), warm ask
p50/p95 for questions about one or two named plans and for questions about all plans, peak
memory of the asking process, and whether the real QA set's answers about named plans are the
same as on the real plans alone.

Embedding: the real plans and every question use the real model (the default e5). The synthetic
passages would take hours to embed on 2 cores (25 chunks/s: 33 min at 50k, 5.5 h at 500k), so they
get a cheap stand-in: the real vector of one of a few hundred synthetic passages embedded for real,
plus seeded noise. Dense search then competes against passages that sit where real plans sit in
the embedding space, and costs what it costs at that size; the words (BM25) are all real.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CROSS_PLAN = [
    "Kế hoạch nào đặt chỉ tiêu 100% giáo viên mầm non đạt chuẩn trình độ đào tạo?",
    "So sánh tỷ lệ giáo viên đạt chuẩn trình độ đào tạo giữa các kế hoạch",
    "Các kế hoạch nào nêu bồi dưỡng chuyển đổi số cho giáo viên?",
    "Những huyện nào có kế hoạch bồi dưỡng cán bộ quản lý?",
    "Kế hoạch nào có chỉ tiêu về trình độ lý luận chính trị của CBQL?",
    "cac ke hoach nao yeu cau giao vien hoan thanh boi duong thuong xuyen",
]


class BorrowedEmbedder:
    """Synthetic passages: the real vector of one of `pool` real-embedded synthetic passages
    (chosen by the text's hash) plus seeded noise. Questions: the real model."""

    def __init__(self, real, pool_texts: list[str], noise: float = 0.15) -> None:
        self.real = real
        self.name = real.name
        self.noise = noise
        self.pool = real.embed_passages(pool_texts)

    def embed_passages(self, texts, show_progress: bool = False) -> np.ndarray:
        out = []
        for t in texts:
            h = int(hashlib.md5(t.encode()).hexdigest()[:8], 16)
            rng = np.random.default_rng(h)
            v = self.pool[h % len(self.pool)] + self.noise * rng.standard_normal(self.pool.shape[1]) / np.sqrt(self.pool.shape[1])
            out.append(v / np.linalg.norm(v))
        return np.stack(out).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.real.embed_query(text)


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _settings(work: Path):
    from assistant.settings import Settings

    return Settings(corpus_dir=work / "corpus", index_dir=work / "index")


def measure(work: Path, answers_out: Path | None) -> dict:
    """Run in a fresh process: cold start, warm latencies, peak memory, QA answers."""
    from assistant.answering import Assistant
    from assistant.embeddings import make_embedder
    from assistant.index import PlanIndex
    from assistant.question import analyze

    settings = _settings(work)
    t0 = time.perf_counter()
    assistant = Assistant(PlanIndex(settings, make_embedder(settings)))
    assistant.ask("Kế hoạch 118/KH-UBND của UBND huyện Phong Điền do ai ký?")
    cold = time.perf_counter() - t0
    items = [json.loads(line) for line in (ROOT / "evals" / "qa.jsonl").read_text("utf-8").splitlines() if line.strip()]
    named, cross, answers = [], [], {}
    for item in items:
        q, history = item["question"], item.get("history") or []
        t = time.perf_counter()
        answer = assistant.ask(q, history)
        dt = time.perf_counter() - t
        # a question that names a plan must be answered the same however many plans sit beside
        # it; one about all plans ("những kế hoạch nào…") may rightly find more
        named_ids = analyze(q, assistant.index.plans).doc_ids
        names_a_plan = bool(named_ids)
        (named if names_a_plan else cross).append(dt)
        # "Kế hoạch 118", "Phong Điền": a name a synthetic plan shares (a number or a place) names it too
        answers[item["id"]] = {"answer": answer.answer, "cited": [(c.doc_id, c.section) for c in answer.citations],
                               "cross": not names_a_plan,
                               "shared_name": any(d.startswith("synth-") for d in named_ids)}
    for q in CROSS_PLAN:
        for _ in range(2):
            t = time.perf_counter()
            assistant.ask(q)
            cross.append(time.perf_counter() - t)
    if answers_out:
        answers_out.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")

    def pct(xs, p):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]

    return {
        "cold_start_s": round(cold, 2),
        "named_p50_ms": round(1000 * statistics.median(named)), "named_p95_ms": round(1000 * pct(named, 0.95)),
        "cross_p50_ms": round(1000 * statistics.median(cross)), "cross_p95_ms": round(1000 * pct(cross, 0.95)),
        "asks": len(named) + len(cross),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _measure_in_subprocess(work: Path, answers_out: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", str(work), "--answers", str(answers_out)],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "TQDM_DISABLE": "1"})
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _compare(base: Path, mixed: Path) -> tuple[int, int, int, int, int]:
    """(named unchanged, named whose name no synthetic plan shares, all-plans unchanged, all-plans,
    named questions whose name a synthetic plan shares)."""
    a, b = json.loads(base.read_text("utf-8")), json.loads(mixed.read_text("utf-8"))
    named = [k for k in a if not a[k]["cross"] and not b[k].get("shared_name")]
    shared = [k for k in a if not a[k]["cross"] and b[k].get("shared_name")]
    cross = [k for k in a if a[k]["cross"]]
    same = lambda k: a[k]["answer"] == b[k]["answer"] and a[k]["cited"] == b[k]["cited"]  # noqa: E731
    return sum(map(same, named)), len(named), sum(map(same, cross)), len(cross), len(shared)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--work", default="/tmp/scale-bench")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fresh", action="store_true", help="start from an empty work folder")
    parser.add_argument("--measure-only", action="store_true", help="measure the index already in --work")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--answers", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), Path(args.answers) if args.answers else None)))
        return

    from assistant.embeddings import make_embedder
    from assistant.index import PlanIndex, build_index
    from synthetic_plans import generate_plan, write_corpus

    work = Path(args.work)
    if args.measure_only:
        m = _measure_in_subprocess(work, work / "answers-now.json")
        print(json.dumps(m), _compare(work / "answers-real.json", work / "answers-now.json"))
        return
    if args.fresh:
        shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for f in (ROOT / "corpus").iterdir():
        if f.is_file() and f.name != "manifest.json":
            shutil.copy(f, corpus / f.name)
    settings = _settings(work)
    real = make_embedder(settings)
    quiet = dict(progress=False, echo=lambda m: None)
    # the real plans alone, in their own folder: their answers are the reference
    alone = work / "real-only"
    (alone / "corpus").mkdir(parents=True, exist_ok=True)
    for f in corpus.iterdir():
        if f.is_file() and not f.name.startswith("synth-") and f.name != "manifest.json":
            shutil.copy(f, alone / "corpus" / f.name)
    build_index(_settings(alone), real, **quiet)
    base_answers = work / "answers-real.json"
    if not base_answers.exists():
        base = _measure_in_subprocess(alone, base_answers)
        print(f"real plans alone: cold start {base['cold_start_s']} s, named p50/p95 {base['named_p50_ms']}/"
              f"{base['named_p95_ms']} ms, all-plans p50/p95 {base['cross_p50_ms']}/{base['cross_p95_ms']} ms")
    # the mixed corpus starts from the same real plans (their vectors are real)
    report = build_index(settings, real, **quiet)
    print(f"real plans: {len(report.indexed)} plans, {report.total_chunks} chunks")
    pool = [generate_plan(i, args.seed + 1)[1] for i in range(12)]
    from assistant.chunking import chunk_document
    from assistant.parsing import parse

    pool_texts = [c.text for t in pool for c in chunk_document("pool", t, parse(t))][:300]
    embedder = BorrowedEmbedder(real, pool_texts)
    print("| chunks | plans | index chunks/s (increment) | index MB | cold start s | named p50/p95 ms | "
          "all-plans p50/p95 ms | peak RSS MB | named answers unchanged (names no synthetic plan shares) | all-plans answers unchanged |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    n_plans = len(list(f for f in corpus.iterdir() if f.name.startswith("synth-")))
    for size in args.sizes:
        current = len(PlanIndex(settings, real).chunks)
        per_plan = 32.1  # measured mean chunks of a synthetic plan (synthetic_plans.py)
        add = max(0, int((size - current) / per_plan))
        write_corpus(corpus, add, seed=args.seed, start=n_plans)
        n_plans += add
        t = time.perf_counter()
        report = build_index(settings, embedder, **quiet)
        took = time.perf_counter() - t
        total = report.total_chunks
        answers = work / f"answers-{size}.json"
        m = _measure_in_subprocess(work, answers)
        same_named, n_named, same_cross, n_cross, n_shared = _compare(base_answers, answers)
        rate = (total - current) / took if total > current else 0
        stages = ", ".join(f"{k} {v:.0f}s" for k, v in report.seconds.items())
        print(f"| {total:,} | {len(report.indexed):,} | {rate:.0f} ({stages}) | {_du(settings.index_path) / 1e6:.0f} | "
              f"{m['cold_start_s']} | {m['named_p50_ms']}/{m['named_p95_ms']} | {m['cross_p50_ms']}/{m['cross_p95_ms']} | "
              f"{m['peak_rss_mb']} | {same_named}/{n_named} (+{n_shared} shared names) | {same_cross}/{n_cross} |", flush=True)


if __name__ == "__main__":
    main()
