"""Build assistant/data/word_weights.json: document frequencies of words over a fixed reference
set of plans (the five bundled plans, the self-written fixtures and held-out plans, and the dev
split of the unseen plans; never the test split).

Why: the composer weighs a question's words by how rare they are. Counted over the live corpus,
those weights change whenever a plan is added, and with them answers about every other plan.
Counted once over a reference set of the genre, they are the same on a laptop with five plans
and on a server with thousands. Run it again after changing tokenization or chunking.

Usage: .venv/bin/python scripts/build_word_weights.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chunking import chunk_document  # noqa: E402
from assistant.documents import load_document  # noqa: E402
from assistant.manifest import extract_info  # noqa: E402
from assistant.parsing import parse  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.text import lexical_tokens  # noqa: E402


def reference_files() -> list[Path]:
    dev_docs = set()
    for line in (ROOT / "evals" / "unseen" / "dev.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            dev_docs.update(json.loads(line).get("gold_docs", []))
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "plans").glob("*.txt"))
    files += sorted((ROOT / "evals" / "heldout").glob("*.txt"))
    files += sorted(p for p in (ROOT / "evals" / "unseen" / "corpus").glob("*.txt") if p.stem in dev_docs)
    return files


def main() -> int:
    max_chars = Settings().chunk_max_chars
    df: Counter = Counter()
    n = 0
    files = reference_files()
    for path in files:
        doc = load_document(path)
        parsed = parse(doc.text)
        info = extract_info(doc, parsed, path.name)
        for chunk in chunk_document(doc.doc_id, doc.text, parsed, max_chars):
            df.update(set(lexical_tokens(chunk.index_text(info))))
            n += 1
    out = ROOT / "assistant" / "data" / "word_weights.json"
    data = {"_doc": "document frequencies over a reference set of plans; built by scripts/build_word_weights.py",
            "plans": len(files), "chunks": n, "df": dict(sorted(df.items()))}
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{out}: {len(files)} plans, {n} chunks, {len(df)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
