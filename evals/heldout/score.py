"""Held-out check of the targets/requirements extractor on self-written plans.

Each `<stem>.txt` in this folder is a plan written for this test (not shaped by the extractor's
fixtures); `<stem>.expected.json` holds its hand-made records following evals/targets_gold.md:
{"targets": [...], "requirements": [...], "_not_in_vocabulary": [...]}.

Matching, as in assistant/evaluation.py:
- targets: (metric, value, period) per plan, counted as multisets; extracted records whose
  metric is "chỉ tiêu khác" (figures without a vocabulary name) are left out and counted apart;
- requirements: same requirement and strength and at least one shared role, each gold record
  used once.

Usage:  .venv/bin/python evals/heldout/score.py [-v]     (-v lists unmatched records)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from assistant.documents import load_document  # noqa: E402
from assistant.manifest import extract_info  # noqa: E402
from assistant.parsing import parse  # noqa: E402
from assistant.targets import extract_requirements, extract_targets  # noqa: E402

OTHER_METRIC = "chỉ tiêu khác"


def as_dict(record) -> dict:
    return record.model_dump() if hasattr(record, "model_dump") else dict(record)


def target_key(r: dict) -> tuple:
    return (r["metric"], r["value"], r["period"])


def score_file(path: Path, verbose: bool) -> dict:
    gold = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    doc = load_document(path)
    parsed = parse(doc.text)
    info = extract_info(doc, parsed, path.name)
    all_targets = [as_dict(r) for r in extract_targets(path.stem, doc.text, parsed, info)]
    targets = [r for r in all_targets if r["metric"] != OTHER_METRIC]
    requirements = [as_dict(r) for r in extract_requirements(path.stem, doc.text, parsed, info)]

    got, want = Counter(map(target_key, targets)), Counter(map(target_key, gold["targets"]))
    t_tp = sum((got & want).values())

    used: set[int] = set()
    r_tp = 0
    unmatched_req = []
    for r in requirements:
        j = next((i for i, g in enumerate(gold["requirements"]) if i not in used
                  and g["requirement"] == r["requirement"] and g["strength"] == r["strength"]
                  and set(g["roles"]) & set(r["roles"])), None)
        if j is None:
            unmatched_req.append(r)
        else:
            used.add(j)
            r_tp += 1

    if verbose:
        print(f"--- {path.stem}")
        for k, n in (got - want).items():
            print("  extra target  ", k, f"x{n}" if n > 1 else "")
        for k, n in (want - got).items():
            print("  missed target ", k, f"x{n}" if n > 1 else "")
        for r in unmatched_req:
            print("  extra req     ", r["requirement"], r["strength"], r["roles"])
        for i, g in enumerate(gold["requirements"]):
            if i not in used:
                print("  missed req    ", g["requirement"], g["strength"], g["roles"])

    return {"t_tp": t_tp, "t_got": len(targets), "t_gold": len(gold["targets"]),
            "other": len(all_targets) - len(targets),
            "r_tp": r_tp, "r_got": len(requirements), "r_gold": len(gold["requirements"])}


def line(name: str, s: dict) -> str:
    def pr(tp, got, want):
        return f"P={tp / max(1, got):.2f} R={tp / max(1, want):.2f} ({tp}/{got} extracted, {tp}/{want} gold)"
    return (f"{name:32s} targets {pr(s['t_tp'], s['t_got'], s['t_gold'])} [+{s['other']} chỉ tiêu khác]"
            f" | requirements {pr(s['r_tp'], s['r_got'], s['r_gold'])}")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    files = sorted(p for p in HERE.glob("*.txt"))
    pooled = Counter()
    for path in files:
        s = score_file(path, verbose)
        print(line(path.stem, s))
        pooled.update(s)
    print(line("POOLED", pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
