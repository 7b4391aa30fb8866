"""Adding a plan never changes the answers about the other plans.

Property: for every extra plan (broken, pipe-laid or missing headers, web copies, and the whole
unseen set), indexing it beside the five plans leaves the answer to every QA question that names
one of the five plans (and none of the added ones: a second plan of the same district is named
by the same name) unchanged in what matters: whether it abstains, which plans it cites, and
whether it states the gold facts. A plan whose name is empty or generic ("|", "UBND", "Trường")
once poisoned every question this way.

Questions typed without diacritics are left out: their diacritics are restored from the spellings
the whole corpus uses, so a corpus with more plans may restore a word differently (a language
model learnt from the plans, not a name that matches).

Not asserted: identical wording. Word weights (BM25 and the composer's idf) are corpus-wide, so a
new plan can reorder two near-equal passages of the same plan (measured: 1 of 70 answers).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.answering import Assistant
from assistant.embeddings import FakeEmbedder
from assistant.evaluation import has_fact
from assistant.index import PlanIndex, build_index
from assistant.question import named_plans
from assistant.settings import Settings
from assistant.text import has_diacritics

from conftest import copy_corpus

ROOT = Path(__file__).resolve().parent.parent
EXTRA = sorted((ROOT / "tests" / "fixtures" / "extra").glob("*.txt"))
UNSEEN = sorted((ROOT / "evals" / "unseen" / "corpus").glob("*.txt"))


def _questions(index: PlanIndex) -> list[dict]:
    items = [json.loads(line) for line in (ROOT / "evals" / "qa.jsonl").read_text("utf-8").splitlines() if line.strip()]
    return [q for q in items if q["gold_docs"] and has_diacritics(q["question"]) and named_plans(q["question"], index.plans)]


def _answers(tmp: Path, extra: list[Path]) -> tuple[PlanIndex, dict[str, tuple]]:
    corpus = copy_corpus(tmp / "corpus")
    for f in extra:
        shutil.copy(f, corpus / f.name)
    settings = Settings(corpus_dir=corpus, index_dir=tmp / "index", embed_model="fake")
    embedder = FakeEmbedder()
    build_index(settings, embedder, progress=False, echo=lambda m: None)
    index = PlanIndex(settings, embedder)
    assistant = Assistant(index)
    out = {}
    for q in _questions(index):
        a = assistant.ask(q["question"], q.get("history") or [])
        facts = all(has_fact(a.answer, f) for f in q["facts"])
        out[q["id"]] = (a.abstained, tuple(sorted({c.doc_id for c in a.citations})), facts, a.answer[:200],
                        tuple(named_plans(q["question"], index.plans)))
    return index, out


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    return _answers(tmp_path_factory.mktemp("five"), [])


@pytest.mark.parametrize("extra", [pytest.param([f], id=f.stem) for f in EXTRA] + [pytest.param(UNSEEN, id="all-unseen")])
def test_adding_a_plan_leaves_answers_about_the_others_unchanged(five, extra, tmp_path):
    index5, before = five
    index, after = _answers(tmp_path, extra)
    assert len(index.plans) == len(index5.plans) + len(extra)
    assert len(before) >= 40  # the property is checked on many questions, not a handful
    # a question that names an added plan too ("Tuần Giáo …" with a second Tuần Giáo plan added) is
    # about the new one as well: its answer may change
    about_new = {qid for qid, a in after.items() if set(a[4]) - set(index5.plans)}
    changed = {qid: (before[qid], after.get(qid)) for qid in before
               if qid not in about_new and after.get(qid, ())[:3] != before[qid][:3]}
    assert len(about_new) < len(before) / 4  # most questions name only the five plans
    assert not changed, changed


def test_no_plan_is_named_by_an_empty_or_generic_name(tmp_path):
    index, _ = _answers(tmp_path, EXTRA)
    for question in ("Ủy ban nhân dân đặt chỉ tiêu gì?", "Trường có bao nhiêu giáo viên?", "| kế hoạch |"):
        assert named_plans(question, index.plans) == []
