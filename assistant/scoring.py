"""A sentence scorer with fitted weights: how likely is this sentence to be the plan's answer?

The composer's rules choose and check quotes by hand-set thresholds, fitted to five plans. This
scorer reads general features of a (question, sentence) pair: how much of the question the
sentence and its headings hold (weighted by word rarity), how close its meaning is (the same
embedding model as retrieval), whether it holds the kind of thing asked (a year, a date, an
amount, a person, a document number, a deadline), whether its section is the one named or the
kind wanted (header, bases, signature), and where retrieval ranked it. A logistic model over
those features is fitted on the development questions (`evals/fit_scorer.py`); its weights and
the two decision thresholds live in `assistant/data/scorer.json`.

The answerer uses it as a calibrated confidence on top of the composer: when the composer
abstains but a sentence scores above `rescue`, that sentence is quoted; when the composer quotes
a sentence that scores below `veto` and nothing scores better, the answer abstains; when the
composer's quote scores `margin` below a sentence of the same plan that scores above `switch`,
that sentence is quoted instead.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from .text import fold, strip_diacritics

if TYPE_CHECKING:
    from .chunking import Chunk
    from .evidence import Evidence
    from .index import PlanIndex

FEATURES = [
    "coverage", "word_coverage", "trail_coverage", "dense", "dense_rank", "hit_rank", "hit_score",
    "type_year", "type_date", "type_amount", "type_percent", "type_person", "type_docref", "type_deadline",
    "type_missing", "kind_wanted", "kind_unwanted", "section_named", "length",
]

# What a question asks for, read on the folded question without diacritics.
_ASKS = {
    "year": re.compile(r"\b(nam nao|khi nao|bao gio|den nam nao|moc nam|vao nam)\b"),
    "date": re.compile(r"\b(ngay nao|ngay bao nhieu|ngay may|ban hanh ngay|ky ngay|de ngay|ngay thang)\b"),
    "amount": re.compile(r"\b(bao nhieu|may|so luong|tong so|kinh phi|bao nhieu tien)\b"),
    "percent": re.compile(r"\b(ty le|ti le|phan tram|bao nhieu %)\b|%"),
    "person": re.compile(r"\b(ai ky|nguoi ky|do ai|ai la|ky boi|chuc vu)\b"),
    "docref": re.compile(r"\b(can cu|dua vao|dua tren|van ban nao|quyet dinh nao|thong tu nao|ke hoach nao|to trinh nao|"
                         r"nghi dinh nao|cong van nao|chi thi nao|so hieu|so may|mang so)\b"),
    "deadline": re.compile(r"\b(truoc ngay|thoi han|han chot|bao lau|trong vong|khi nao|luc nao|thoi gian nao|quy nao)\b"),
}
_HAS = {
    "year": re.compile(r"\b(?:19|20)\d{2}\b"),
    "date": re.compile(r"\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\b|ngày\s*\d{1,2}\s*tháng\s*\d{1,2}|tháng\s*\d{1,2}\s*năm\s*\d{4}"),
    "amount": re.compile(r"\d"),
    "percent": re.compile(r"\d\s*%"),
    "person": re.compile(r"\b[A-ZĐ][a-zà-ỹ]+\s+[A-ZĐ][a-zà-ỹ]+\s+[A-ZĐ][a-zà-ỹ]+"),
    "docref": re.compile(r"\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]|\d+-[A-Z]+/"),
    "deadline": re.compile(r"(?i)trước ngày|trong vòng|chậm nhất|hằng năm|hàng năm|quý\s*[IV\d]|tháng\s*\d|\d{1,2}/\d{1,2}"),
}
_WANTED_KINDS = {"header": ("date", "docref"), "signature": ("person",), "bases": ("docref",)}
_SECTION_NAMED = re.compile(r"\b(?:muc|phan|dieu|khoan|chuong)\s+([ivx]+(?:\.\d+)*(?:\.[a-z])?|\d+(?:\.\d+)*(?:\.[a-z])?)\b")


def asked_types(question: str) -> set[str]:
    key = " " + strip_diacritics(fold(question)) + " "
    return {name for name, rx in _ASKS.items() if rx.search(key)}


def named_section(question: str) -> str:
    """A section label the question names ("mục II.2" -> "ii.2", "Điều 3" -> "3"), else ""."""
    m = _SECTION_NAMED.search(strip_diacritics(fold(question)))
    return m.group(1) if m else ""


def _section_matches(label: str, path: str) -> bool:
    if not label:
        return False
    path = strip_diacritics(fold(path))
    return path.endswith(label) or f"{label}." in path or f" {label} " in f" {path.replace('›', ' ')} "


@dataclass
class Candidate:
    text: str
    chunk: "Chunk"
    features: list[float]
    probability: float = 0.0


@dataclass
class SentenceScorer:
    """Logistic weights over standardized features, and the decision thresholds."""

    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    # the features it was fitted on (a subset of FEATURES); without the dense ones no sentence is
    # embedded at answer time
    features: list[str] = None  # type: ignore[assignment]
    rescue: float = 0.9  # quote a sentence the composer passed over when it scores this high
    veto: float = 0.05  # abstain when the quoted sentence and every other score below this
    switch: float = 2.0  # quote instead a sentence of the same plan that scores this high …
    margin: float = 0.5  # … when the composer's quote scores this much lower (switch > 1: never)
    max_candidates: int = 24

    @classmethod
    def from_json(cls, data: dict) -> "SentenceScorer":
        fields = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in fields})

    def __post_init__(self) -> None:
        self.features = list(self.features or FEATURES)
        self._columns = [FEATURES.index(f) for f in self.features]  # looked up once, not per sentence

    @property
    def uses_dense(self) -> bool:
        return any(f.startswith("dense") for f in self.features)

    def probability(self, features: list[float]) -> float:
        """Probability from a full feature vector (in FEATURES order)."""
        chosen = [features[i] for i in self._columns]
        x = (np.asarray(chosen) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = float(x @ np.asarray(self.coef) + self.intercept)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def default_scorer() -> SentenceScorer | None:
    """The fitted scorer shipped with the package, or None before one is fitted."""
    path = resources.files("assistant").joinpath("data/scorer.json")
    if not path.is_file():
        return None
    return SentenceScorer.from_json(json.loads(path.read_text("utf-8")))


def candidates(evidence: "Evidence", index: "PlanIndex", composer, embedder, depth: int = 6,
               limit: int = 24, dense: bool = True) -> list[Candidate]:
    """Every sentence of the top hits with its features (the question is embedded once;
    `dense=False`: no embedding at all, the dense features read 0)."""
    from .evidence import Sentence

    question = evidence.effective_question
    asked = asked_types(question)
    section = named_section(evidence.question)
    units = evidence.units or evidence.context_units
    raw: list[tuple[str, "Chunk", int, float]] = []
    top_score = max((h.score for h in evidence.hits[:depth]), default=1.0) or 1.0
    for rank, hit in enumerate(evidence.hits[:depth]):
        for s in composer._sentences(hit.chunk):
            raw.append((s, hit.chunk, rank, hit.score / top_score))
    if not raw:
        return []
    # lexical features first; the dense one only for the best `limit`, so a question's cost
    # stays a few dozen short embeddings whatever the corpus size
    lexical = []
    for s, chunk, rank, score in raw:
        sent = Sentence(s, chunk, 0.0)
        cov = composer.sentence_coverage(evidence, sent, index) if units else 0.0
        word = composer._word_coverage(units, s, index) if units else 0.0
        trail = composer.coverage(units, " ".join(chunk.trail), index) if units else 0.0
        lexical.append((cov, word, trail))
    order = sorted(range(len(raw)), key=lambda i: -(lexical[i][0] + 0.1 / (1 + raw[i][2])))[:limit]
    texts = [raw[i][0] for i in order]
    if dense:
        qvec = embedder.embed_query(question)
        svecs = embedder.embed_passages(texts)
        sims = [float(np.dot(qvec, v) / ((np.linalg.norm(qvec) * np.linalg.norm(v)) or 1.0)) for v in svecs]
    else:
        sims = [0.0] * len(texts)
    dense_order = {i: r for r, i in enumerate(sorted(range(len(sims)), key=lambda j: -sims[j]))}
    out = []
    for j, i in enumerate(order):
        s, chunk, rank, score = raw[i]
        cov, word, trail = lexical[i]
        has = {name: bool(rx.search(s)) for name, rx in _HAS.items()}
        typed = {name: (1.0 if name in asked and has[name] else 0.0) for name in _HAS}
        missing = float(any(name in asked and not has[name] for name in ("year", "date", "amount", "percent", "person")))
        kind = chunk.section_kind
        wanted = float(kind in _WANTED_KINDS and any(t in asked for t in _WANTED_KINDS[kind]))
        unwanted = float(kind in ("header", "signature") and not wanted)
        feats = [cov, word, trail, sims[j], 1.0 / (1 + dense_order[j]), 1.0 / (1 + rank), score,
                 typed["year"], typed["date"], typed["amount"], typed["percent"], typed["person"], typed["docref"],
                 typed["deadline"], missing, wanted, unwanted, float(_section_matches(section, chunk.section)),
                 math.log(1 + len(s))]
        out.append(Candidate(s, chunk, feats))
    return out


def label(candidate: Candidate, item) -> int:
    """1 when the sentence holds the item's gold evidence (or, for a set without evidence
    strings, one of its gold facts inside a gold section)."""
    from .evaluation import evidence_in, has_fact, section_matches

    if item.evidence:
        return int(any(evidence_in(candidate.text, e) for e in item.evidence))
    if not item.gold_sections:
        return 0
    in_section = section_matches(candidate.chunk.doc_id, candidate.chunk.section, item.gold_sections)
    return int(in_section and any(has_fact(candidate.text, f) for f in item.facts))
