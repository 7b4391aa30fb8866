"""The eval harness: retrieval and answer metrics per question kind, beside a vanilla llama-index baseline."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .text import clean_display, fold

KIND_ORDER = ["fact", "number", "requirement", "comparison", "list", "no_diacritics", "abbreviation", "followup", "unanswerable"]


@dataclass
class QAItem:
    id: str
    kind: str
    question: str
    history: list[str] = field(default_factory=list)
    gold_docs: list[str] = field(default_factory=list)
    gold_sections: list[dict] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # verbatim passages of the plan that answer

    @property
    def answerable(self) -> bool:
        return bool(self.gold_docs)


def load_qa(path: Path) -> list[QAItem]:
    items = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            items.append(QAItem(**{k: v for k, v in data.items() if k in QAItem.__dataclass_fields__}))
    return items


def section_matches(doc_id: str, section: str, gold: list[dict]) -> bool:
    """A chunk/citation matches a gold section when it is that section or inside it."""
    return any(g["doc_id"] == doc_id and (section == g["section"] or section.startswith(g["section"] + ".")) for g in gold)


def first_rank(ranked: list[tuple[str, str]], gold: list[dict]) -> int | None:
    for rank, (doc_id, section) in enumerate(ranked, 1):
        if section_matches(doc_id, section, gold):
            return rank
    return None


def _fact_form(text: str) -> str:
    # "2021-2025", "2021 – 2025" and "2021- 2025" (as one plan prints it) are the same fact
    return re.sub(r"\s*[-–—]\s*", "-", fold(text))


def _evidence_tokens(text: str) -> list[str]:
    # table cells print as "| a | b |" in the file and as "a: Năm 2023: b" once read: the words
    # and figures, not the column marks, are the evidence
    return [t.strip(":;,.") for t in _fact_form(clean_display(text.replace("|", " "))).split() if t.strip(":;,.")]


def _in_order(gold: list[str], cited: list[str]) -> bool:
    """Every gold word stands in the cited passage, in order, within a span at most twice as
    long (a table row read with its column headers adds a header before each cell)."""
    for start in (i for i, t in enumerate(cited) if t == gold[0]):
        j, k = start, 0
        while j < len(cited) and k < len(gold) and j - start <= 2 * len(gold) + 4:
            if cited[j] == gold[k]:
                k += 1
            j += 1
        if k == len(gold):
            return True
    return False


def evidence_in(citation_text: str, evidence: str) -> bool:
    """Does a cited passage hold the gold evidence? Folded and single-spaced; a passage that is
    part of the evidence line counts when it holds at least half of it (a quoted sentence of a
    longer line); a table row counts when the cited row holds its words and figures in order."""
    cited, gold = _fact_form(clean_display(citation_text)), _fact_form(clean_display(evidence))
    if not cited or not gold:
        return False
    if gold in cited or (cited in gold and len(cited) >= 0.5 * len(gold)):
        return True
    gold_tokens = _evidence_tokens(evidence)
    if not ("|" in evidence or "\t" in evidence) or not gold_tokens:
        return False
    cited_tokens = _evidence_tokens(citation_text)
    if _in_order(gold_tokens, cited_tokens):
        return True
    # a row's running number ("| 3 | Tiếng Anh bậc 2 …") is layout: the row reads without it
    return len(gold_tokens) > 2 and gold_tokens[0].isdigit() and len(gold_tokens[0]) <= 3 \
        and _in_order(gold_tokens[1:], cited_tokens)


def has_fact(text: str, fact: str) -> bool:
    """Is the gold fact stated in the text: folded (NFC, one tone-mark convention, lowercase),
    dashes and the spaces around them read alike."""
    return _fact_form(fact) in _fact_form(text)


@dataclass
class Row:
    item: QAItem
    rank: int | None = None
    answer: str = ""
    abstained: bool = False
    facts_ok: bool = False
    citations: int = 0
    supported_citations: int = 0
    verified_citations: int = 0
    section_ok: bool = False
    latency: float = 0.0
    reason: str = ""
    baseline_dense: int | None = None
    baseline_bm25: int | None = None
    table_cells: int = 0  # table rows / checklist lines that state something
    table_cells_cited: int = 0
    evidence_hit: bool | None = None  # None when the item gives no evidence
    answerer: str = "composer"
    unsupported_numbers: int = 0  # numbers in the answer that no cited passage holds


def unsupported_numbers(answer) -> int:
    """Numbers the answer states (outside its [n] marks and quotes of plan labels) that none of its
    cited passages holds; 0 for an abstention."""
    from .generation import numbers_in, supported

    if answer.abstained or answer.table is not None:
        return 0
    # quotes, and the labels the answer names them by (plan, number, section and its heading)
    sources = [c.text for c in answer.citations] + [
        " ".join((c.plan_label, c.number, c.section, c.heading)) for c in answer.citations]
    return sum(1 for n in numbers_in(re.sub(r"\[\d+\]", " ", answer.answer)) if not supported(n, sources))


def _metrics(rows: list[Row]) -> dict:
    answerable = [r for r in rows if r.item.answerable]
    unanswerable = [r for r in rows if not r.item.answerable]
    answered = [r for r in answerable if not r.abstained]
    cites = sum(r.citations for r in answerable)
    with_evidence = [r for r in answerable if r.evidence_hit is not None]
    sectioned = [r for r in answered if r.item.gold_sections]  # sets of unseen plans give evidence, not sections

    def ran(rs, attr):
        return attr == "rank" or any(getattr(r, attr) is not None for r in rs)

    def hit(rs, k, attr="rank"):
        if not ran(rs, attr):
            return None
        return sum(1 for r in rs if getattr(r, attr) is not None and getattr(r, attr) <= k) / len(rs) if rs else None

    def mrr(rs, attr="rank"):
        if not ran(rs, attr):
            return None
        return sum(1 / getattr(r, attr) for r in rs if getattr(r, attr)) / len(rs) if rs else None

    lat = sorted(r.latency for r in rows)
    return {
        "n": len(rows),
        "hit@1": hit(answerable, 1),
        "hit@5": hit(answerable, 5),
        "mrr": mrr(answerable),
        "evidence_hit": (sum(bool(r.evidence_hit) for r in with_evidence) / len(with_evidence)) if with_evidence else None,
        "fact_accuracy": sum(r.facts_ok for r in answerable) / len(answerable) if answerable else None,
        "citation_support": sum(r.supported_citations for r in answerable) / cites if cites else None,
        "citations_verified": sum(r.verified_citations for r in rows) / max(1, sum(r.citations for r in rows)),
        "section_accuracy": (sum(r.section_ok for r in sectioned) / len(sectioned)) if sectioned else None,
        "abstention_accuracy": (
            (sum(r.abstained for r in unanswerable) + sum(not r.abstained for r in answerable)) / len(rows)
        ),
        "unanswerable_abstained": sum(r.abstained for r in unanswerable) / len(unanswerable) if unanswerable else None,
        "false_abstentions": sum(r.abstained for r in answerable),
        "unsupported_numbers": sum(r.unsupported_numbers for r in rows),
        "llm_answers": sum(r.answerer == "llm" for r in rows),
        "latency_p50_ms": 1000 * statistics.median(lat) if lat else None,
        "latency_p95_ms": 1000 * lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else None,
        "baseline_dense_hit@1": hit(answerable, 1, "baseline_dense"),
        "baseline_dense_hit@5": hit(answerable, 5, "baseline_dense"),
        "baseline_dense_mrr": mrr(answerable, "baseline_dense"),
        "baseline_bm25_hit@1": hit(answerable, 1, "baseline_bm25"),
        "baseline_bm25_hit@5": hit(answerable, 5, "baseline_bm25"),
        "baseline_bm25_mrr": mrr(answerable, "baseline_bm25"),
    }


class Baseline:
    """Vanilla llama-index: SimpleDirectoryReader + default SentenceSplitter + VectorStoreIndex
    (same embedding model), and llama-index's BM25Retriever with its defaults."""

    def __init__(self, corpus_dir: Path, embedder, sections: dict[str, list]) -> None:
        from llama_index.core import Settings as LlamaSettings
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
        from llama_index.retrievers.bm25 import BM25Retriever

        from .embeddings import llama_embedding

        LlamaSettings.llm = None
        docs = SimpleDirectoryReader(str(corpus_dir), required_exts=[".txt"], exclude=["README.md"]).load_data()
        for d in docs:
            d.metadata["doc_id"] = Path(d.metadata["file_name"]).stem
        index = VectorStoreIndex.from_documents(docs, embed_model=llama_embedding(embedder))
        nodes = list(index.docstore.docs.values())
        self.dense = index.as_retriever(similarity_top_k=5)
        self.bm25 = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=5)
        self.sections = sections  # doc_id -> [(path, start, end)]

    def _ranked_sections(self, results) -> list[list[tuple[str, str]]]:
        """Each retrieved node stands for every section its character span overlaps."""
        ranked = []
        for r in results:
            node = r.node
            doc_id = node.metadata.get("doc_id", "")
            s, e = node.start_char_idx or 0, node.end_char_idx or 0
            ranked.append([(doc_id, path) for path, a, b in self.sections.get(doc_id, []) if a < e and b > s])
        return ranked

    def ranks(self, question: str, gold: list[dict]) -> tuple[int | None, int | None]:
        out = []
        for retriever in (self.dense, self.bm25):
            ranked = self._ranked_sections(retriever.retrieve(question))
            rank = next((i for i, group in enumerate(ranked, 1) if first_rank(group, gold)), None)
            out.append(rank)
        return out[0], out[1]


def evaluate(assistant, items: list[QAItem], baseline: Baseline | None = None) -> list[Row]:
    from .citations import verify

    index = assistant.index
    rows = []
    for item in items:
        row = Row(item=item)
        t0 = time.perf_counter()  # retrieval once: the same evidence is ranked and answered
        evidence = assistant.evidence(item.question, item.history)
        answer = assistant.answer(evidence)
        row.latency = time.perf_counter() - t0
        row.answerer = answer.answerer
        row.unsupported_numbers = unsupported_numbers(answer)
        ranked = [(h.chunk.doc_id, h.chunk.section) for h in evidence.hits]
        if item.answerable and item.gold_sections:
            row.rank = first_rank(ranked, item.gold_sections)
        elif item.answerable and item.evidence:  # unseen plans: the first hit whose passage holds the evidence
            row.rank = next((i for i, h in enumerate(evidence.hits, 1)
                             if any(evidence_in(h.chunk.text, e) for e in item.evidence)), None)
        row.answer = answer.answer
        row.abstained = answer.abstained
        row.reason = answer.reason
        row.citations = len(answer.citations)
        if answer.table:
            from .phrases import PLAN_SILENT

            stated = [cell for cell in answer.table if cell.get("value") != PLAN_SILENT]
            known = {c.id for c in answer.citations}
            row.table_cells = len(stated)
            row.table_cells_cited = sum(1 for cell in stated if cell.get("ref") in known)
        for c in answer.citations:
            section = index.parsed(c.doc_id).find(c.section)
            text = index.text(c.doc_id)
            if section is not None and verify(c, text, text[section.start : section.end]):
                row.verified_citations += 1
            if any(has_fact(c.text, f) for f in item.facts):
                row.supported_citations += 1
        if item.answerable and item.evidence:
            row.evidence_hit = any(evidence_in(c.text, e) for c in answer.citations for e in item.evidence)
        if item.answerable:
            row.facts_ok = (not answer.abstained) and all(has_fact(answer.answer, f) for f in item.facts)
            row.section_ok = bool(answer.citations) and section_matches(
                answer.citations[0].doc_id, answer.citations[0].section, item.gold_sections
            )
            if baseline is not None:
                row.baseline_dense, row.baseline_bm25 = baseline.ranks(item.question, item.gold_sections)
        rows.append(row)
    return rows


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


COLUMNS = ["n", "hit@1", "hit@5", "mrr", "evidence_hit", "fact_accuracy", "citation_support", "section_accuracy",
           "abstention_accuracy", "latency_p50_ms", "latency_p95_ms",
           "baseline_dense_hit@1", "baseline_dense_hit@5", "baseline_bm25_hit@1", "baseline_bm25_hit@5"]


def report(rows: list[Row]) -> tuple[str, dict]:
    by_kind = defaultdict(list)
    for r in rows:
        by_kind[r.item.kind].append(r)
    table = {k: _metrics(by_kind[k]) for k in KIND_ORDER if k in by_kind}
    table["ALL"] = _metrics(rows)
    head = "| kind | " + " | ".join(COLUMNS) + " |"
    lines = [head, "|" + "---|" * (len(COLUMNS) + 1)]
    for kind, m in table.items():
        lines.append(f"| {kind} | " + " | ".join(_fmt(m[c]) for c in COLUMNS) + " |")
    overall = table["ALL"]
    structured = [r for r in rows if r.item.kind in STRUCTURED_KINDS and r.item.answerable]
    cells = sum(r.table_cells for r in rows)
    cited = sum(r.table_cells_cited for r in rows)
    table["structured_kinds_fact_accuracy"] = sum(r.facts_ok for r in structured) / len(structured) if structured else None
    table["table_cells_cited"] = [cited, cells]
    extra = [
        "",
        f"Unanswerable abstained: {_fmt(overall['unanswerable_abstained'])}; false abstentions: {overall['false_abstentions']}; "
        f"citations verified verbatim at their section: {_fmt(overall['citations_verified'])}",
        f"Comparison + list + requirement fact accuracy: {_fmt(table['structured_kinds_fact_accuracy'])} "
        f"({sum(r.facts_ok for r in structured)}/{len(structured)}); table cells and checklist lines cited: {cited}/{cells}",
    ]
    failures = [r for r in rows if (r.item.answerable and not r.facts_ok) or (not r.item.answerable and not r.abstained)]
    if failures:
        extra += ["", "## Misses", ""]
        for r in failures:
            extra.append(f"- {r.item.id} [{r.item.kind}] {r.item.question} — rank {r.rank}, abstained={r.abstained} {r.reason}, facts={r.item.facts}")
            extra.append(f"  - answer: {r.answer[:300]!r}")
    return "\n".join(lines + extra), table


STRUCTURED_KINDS = ("comparison", "list", "requirement")


# ----------------------------------------------------------------------------- extraction
def _load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def quote_at_section(index, doc_id: str, section_path: str, quote: str) -> bool:
    """Does the quote stand verbatim in that plan, inside that section's span?"""
    from .text import locate

    section = index.parsed(doc_id).find(section_path)
    return section is not None and locate(index.text(doc_id), quote, section.start, section.end) is not None


def extraction_scores(index, gold_dir: Path) -> dict:
    """Precision/recall of extracted targets and requirements against the hand-written gold files,
    and how many quotes (extracted and gold) stand verbatim at their section."""
    from collections import Counter

    from .targets import plan_requirements, plan_targets

    out: dict = {}
    from .targets import OTHER_METRIC

    # figures the vocabulary has no name for ("chỉ tiêu khác") are shown to users but are outside
    # what the gold annotates, so they are counted apart
    all_targets = [r.model_dump() for r in plan_targets(index)]
    targets = [r for r in all_targets if r["metric"] != OTHER_METRIC]
    out["unnamed_figures"] = len(all_targets) - len(targets)
    gold_path = gold_dir / "targets_gold.jsonl"
    if gold_path.exists():
        gold = [g for g in _load_jsonl(gold_path) if g["doc_id"] in index.plans]
        key = lambda r: (r["doc_id"], r["metric"], r["value"], r["period"])  # noqa: E731
        got, want = Counter(map(key, targets)), Counter(map(key, gold))
        tp = sum((got & want).values())
        out["targets"] = {"precision": tp / max(1, sum(got.values())), "recall": tp / max(1, sum(want.values())),
                          "extracted": len(targets), "gold": len(gold),
                          "gold_quotes_verified": sum(quote_at_section(index, g["doc_id"], g["section"], g["quote"]) for g in gold)}
    requirements = [r.model_dump() for r in plan_requirements(index)]
    gold_path = gold_dir / "requirements_gold.jsonl"
    if gold_path.exists():
        gold = [g for g in _load_jsonl(gold_path) if g["doc_id"] in index.plans]
        used: set[int] = set()
        tp = 0
        for r in requirements:  # a match: same plan, requirement and strength, and a shared role
            j = next((i for i, g in enumerate(gold) if i not in used and g["doc_id"] == r["doc_id"]
                      and g["requirement"] == r["requirement"] and g["strength"] == r["strength"]
                      and set(g["roles"]) & set(r["roles"])), None)
            if j is not None:
                used.add(j)
                tp += 1
        out["requirements"] = {"precision": tp / max(1, len(requirements)), "recall": tp / max(1, len(gold)),
                               "extracted": len(requirements), "gold": len(gold),
                               "gold_quotes_verified": sum(quote_at_section(index, g["doc_id"], g["section"], g["quote"]) for g in gold)}
    records = all_targets + requirements
    out["quotes_verified"] = [sum(quote_at_section(index, r["doc_id"], r["section"], r["quote"]) for r in records), len(records)]
    return out


def extraction_report(scores: dict) -> str:
    lines = ["", "## Targets and requirements extraction", "",
             "| records | precision | recall | extracted | gold | gold quotes verified |", "|---|---|---|---|---|---|"]
    for name in ("targets", "requirements"):
        if name in scores:
            m = scores[name]
            lines.append(f"| {name} | {m['precision']:.2f} | {m['recall']:.2f} | {m['extracted']} | {m['gold']} "
                         f"| {m['gold_quotes_verified']}/{m['gold']} |")
    ok, total = scores["quotes_verified"]
    lines += ["", f"Extracted quotes standing verbatim at their section: {ok}/{total}"]
    return "\n".join(lines)


def section_spans(index) -> dict[str, list]:
    return {d: [(s.path, s.start, s.end) for s in index.parsed(d).sections()] for d in index.plans}


def merged_corpus(corpora: list[Path], root: Path) -> Path:
    """One folder holding the plan files of several corpus folders (copied, so that indexing,
    which writes a manifest beside the plans, never touches them); a file name seen twice is an
    error rather than a silent replacement."""
    import hashlib
    import shutil

    from .documents import list_plan_files

    files = [f for c in corpora for f in list_plan_files(c)]
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"tên tệp trùng giữa các thư mục kế hoạch: {', '.join(dupes)}")
    key = hashlib.sha1("|".join(str(c.resolve()) for c in corpora).encode()).hexdigest()[:10]
    dest = root / f"corpus-{key}"
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.iterdir():
        if old.is_file() and old.name not in names and old.name != "manifest.json":
            old.unlink()
    for f in files:
        target = dest / f.name
        if not target.exists() or target.read_bytes() != f.read_bytes():
            shutil.copy(f, target)
    for c in corpora:  # manual corrections travel with their plans
        overrides = c / "manifest.overrides.json"
        if overrides.exists():
            shutil.copy(overrides, dest / overrides.name)
    return dest


def side_by_side(composer: list[Row], generated: list[Row]) -> str:
    """Composer and LLM on the same items: the headline metrics in two columns."""
    a, b = _metrics(composer), _metrics(generated)
    keys = ["fact_accuracy", "citation_support", "citations_verified", "unanswerable_abstained", "false_abstentions",
            "unsupported_numbers", "llm_answers", "latency_p50_ms", "latency_p95_ms"]

    def fmt(v):
        return "–" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))

    lines = ["| metric | composer | LLM |", "|---|---|---|"]
    lines += [f"| {k} | {fmt(a.get(k))} | {fmt(b.get(k))} |" for k in keys]
    return "## Side by side\n\n" + "\n".join(lines) + "\n"


def run_eval(settings, qa_path: Path, baseline: bool = True, report_dir: Path | None = None,
             corpora: list[Path] | None = None, llm=None) -> int:
    """Measure a QA set over a corpus: the settings' corpus, or the plans of several folders
    indexed together (each such mix gets an index of its own beside the settings' index)."""
    from .answering import Assistant
    from .embeddings import make_embedder
    from .index import build_index, corpus_changed, open_or_build

    if corpora:
        work = settings.index_dir / "eval"
        mixed = merged_corpus(corpora, work)
        settings = settings.model_copy(update={"corpus_dir": mixed, "index_dir": work / mixed.name})
    embedder = make_embedder(settings)
    if corpus_changed(settings):  # a plan added to or edited in a folder since its index was built
        build_index(settings, embedder, echo=lambda line: print(line, file=sys.stderr))
    index = open_or_build(settings, embedder)
    assistant = Assistant(index)
    items = load_qa(qa_path)
    assistant.ask("câu hỏi khởi động")  # warm: model loaded, caches filled
    base = Baseline(settings.corpus_dir, embedder, section_spans(index)) if baseline else None
    rows = evaluate(assistant, items, base)
    text, table = report(rows)
    if llm is not None:  # the same items answered by the model (checked by code), beside the composer
        generating = Assistant(index, llm=llm)
        llm_rows = evaluate(generating, items, None)
        llm_text, llm_table = report(llm_rows)
        table = {"composer": table, "llm": llm_table}
        text = (f"## Composer\n\n{text}\n\n## LLM ({getattr(llm, 'model', None) or type(llm).__name__})\n\n{llm_text}\n\n"
                + side_by_side(rows, llm_rows))
    if (qa_path.parent / "targets_gold.jsonl").exists():  # the extraction gold of that QA set's plans
        scores = extraction_scores(index, qa_path.parent)
        table["extraction"] = scores
        text += "\n" + extraction_report(scores)
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M")
    where = ", ".join(str(c) for c in corpora) if corpora else str(settings.corpus_dir)
    header = (f"# Eval {stamp}\n\nQA set: {qa_path} ({len(items)} items); corpus: {where} ({len(index.plans)} plans); "
              f"index: {settings.index_name()}\n\n")
    print(header + text)
    if report_dir:
        report_dir.mkdir(parents=True, exist_ok=True)
        name = stamp + ("" if qa_path.name == "qa.jsonl" else "-" + qa_path.parent.name + "-" + qa_path.stem)
        if corpora:
            name += f"-{len(index.plans)}plans"
        (report_dir / f"{name}.md").write_text(header + text + "\n", "utf-8")
        (report_dir / f"{name}.json").write_text(json.dumps(table, indent=2, ensure_ascii=False), "utf-8")
    return 0
