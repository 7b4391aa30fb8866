"""How often the passage that holds a question's gold evidence is among the passages the answer
step reads: recall@1, @3, @8 and MRR over the dev splits of the unseen plans.

Retrieval and answering fail differently. On the dev splits the gold passage is among the first
three for about nine questions in ten, while fewer answers quote it; this script measures the
first part alone, so a change to the retriever (or the re-ranking) is judged on its own number.
It reads only dev splits (the frozen test splits are never read here).

The index is the same as `assistant eval` builds for the five bundled plans and all unseen
plans. Usage:

    .venv/bin/python evals/retrieval_recall.py [dev dev2 …]    (default: every dev split)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answering import Assistant  # noqa: E402
from assistant.embeddings import make_embedder  # noqa: E402
from assistant.evaluation import evidence_in, load_qa, merged_corpus  # noqa: E402
from assistant.index import open_or_build  # noqa: E402
from assistant.settings import Settings  # noqa: E402

UNSEEN = ROOT / "evals" / "unseen"


def dev_splits(names: list[str]) -> list[Path]:
    if names:
        return [UNSEEN / f"{n}.jsonl" for n in names]
    return sorted(p for p in UNSEEN.glob("dev*.jsonl"))


def main(argv: list[str]) -> int:
    base = Settings()
    work = base.index_dir / "eval"
    mixed = merged_corpus([ROOT / "corpus", UNSEEN / "corpus"], work)
    settings = base.model_copy(update={"corpus_dir": mixed, "index_dir": work / mixed.name})
    assistant = Assistant(open_or_build(settings, make_embedder(settings)))
    total = found = 0
    at = {1: 0, 3: 0, 8: 0}
    reciprocal = 0.0
    for path in dev_splits(argv):
        for item in load_qa(path):
            if not item.answerable or not item.evidence:
                continue
            hits = assistant.evidence(item.question, item.history).hits
            rank = next((i for i, h in enumerate(hits, 1) if any(evidence_in(h.chunk.text, e) for e in item.evidence)), None)
            total += 1
            if rank is not None:
                found += 1
                reciprocal += 1 / rank
                for k in at:
                    at[k] += rank <= k
    if not total:
        print("no answerable question with gold evidence in these splits")
        return 1
    print(f"questions {total}  " + "  ".join(f"recall@{k} {v / total:.3f}" for k, v in at.items())
          + f"  found {found / total:.3f}  MRR {reciprocal / total:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
