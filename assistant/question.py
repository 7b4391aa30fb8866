"""Understanding a question, once: what it asks, which plans it names and how specifically,
the period, level and role it is about, the kind of answer it wants, and the follow-up context.

Every later stage (retrieval, the structured answerer, the composer, the scorer) reads the
`Question` built here instead of re-reading the text. Nothing here knows a particular plan: the
plans' names come from their manifest entries, the cue words from the lexicons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import phrases
from .manifest import PlanInfo
from .targets import lexicon as targets_lexicon
from .text import expand_abbreviations, fold, has_diacritics, lexicon, strip_diacritics, words

if TYPE_CHECKING:
    from .index import PlanIndex


class QuestionError(ValueError):
    """A question that cannot be asked (empty, only punctuation, too long); str() is the message."""


def check_question(question: str, limit: int) -> str:
    q = (question or "").strip()
    if not q:
        raise QuestionError(phrases.EMPTY_QUESTION)
    if not re.search(r"\w", q):
        raise QuestionError(phrases.PUNCT_QUESTION)
    if len(q) > limit:
        raise QuestionError(phrases.LONG_QUESTION.format(length=len(q), limit=limit))
    return q


# ----------------------------------------------------------------------------- follow-ups
_FOLLOWUP_RE = re.compile(
    r"^(còn|thế còn|vậy còn|the con|con|vay con|và|va|thế|the)\b|thì sao\s*\??$|thi sao\s*\??$|ra sao\s*\??$",
    re.IGNORECASE,
)


def resolve_followup(question: str, history: list[str]) -> str:
    """An elliptic follow-up ("Còn Ba Đình thì sao?") joined with the question it continues."""
    if not history:
        return question
    content = [w for w in words(question) if w not in question_stopwords()]
    if _FOLLOWUP_RE.search(fold(question)) or len(content) <= 3:
        return f"{question} {history[-1]}"
    return question


def question_stopwords() -> set[str]:
    return {w for phrase in lexicon()["question_stopwords"] for w in words(phrase)}



# Words that say which part of a plan a question is about (genre knowledge, not plan data).
TARGET_WORDS = ("mục tiêu", "chỉ tiêu", "phấn đấu", "đến năm", "đạt bao nhiêu", "kế hoạch đặt")
STATUS_WORDS = ("thực trạng", "hiện có", "hiện nay", "hiện tại", "tổng số", "thiếu", "xếp loại", "đánh giá")
SIGNATURE_WORDS = ("ký", "người ký", "chủ tịch")
HEADER_WORDS = ("ban hành ngày", "ngày ban hành", "ngày nào", "số hiệu", "số kế hoạch", "tên kế hoạch", "ban hành khi nào")
BASES_WORDS = ("căn cứ", "dựa trên", "dựa vào", "văn bản nào", "theo kế hoạch nào", "kế hoạch nào của",
               "nghị quyết", "quyết định số", "thông tư", "chỉ thị", "chương trình số", "để thực hiện")
AMOUNT_WORDS = ("bao nhiêu", "tỷ lệ", "tỉ lệ", "mấy", "số lượng", "phần trăm")
CROSS_PLAN_WORDS = ("những kế hoạch nào", "kế hoạch nào", "các kế hoạch", "địa phương nào", "so sánh",
                    "những nơi nào", "những trường nào", "đề án nào", "bao nhiêu kế hoạch", "các đơn vị nào")
_NUMBER_REF_RE = re.compile(r"(?:kế hoạch|đề án|số|kh|đa|ke hoach|de an|so)\s*(?:số\s*)?(\d{1,5})\b", re.IGNORECASE)


@dataclass
class Query:
    text: str  # as typed
    expanded: str  # abbreviations spelled out
    doc_ids: list[str] = field(default_factory=list)  # plans the question names
    wants: set[str] = field(default_factory=set)  # target | status | signature | header | bases
    cross_plan: bool = False
    focus: str = ""  # in a follow-up, the question asked now (its words count double)


def _key(text: str) -> str:
    return " " + strip_diacritics(fold(text)) + " "


def _mentions(key: str, words: tuple[str, ...]) -> bool:
    padded = re.sub(r"[^\w]+", " ", key)
    return any(f" {strip_diacritics(fold(w))} " in f" {padded} " for w in words)


def named_plans(question: str, plans: dict[str, PlanInfo]) -> list[str]:
    """Plans a question names specifically (its number, or its place or school name as a whole
    phrase), from the plans' own distinctive aliases. Only such a match may restrict a search to
    a plan: a name that is empty or generic once punctuation is gone never counts. A question
    typed with diacritics matches names with their diacritics ("cho mỗi" is not "Chợ Mới");
    one typed without them matches the bare names."""
    typed = has_diacritics(question)
    key = re.sub(r"[^\w/]+", " ", " " + fold(question) + " " if typed else _key(question))
    found: list[str] = []
    numbers = {m.group(1) for m in _NUMBER_REF_RE.finditer(strip_diacritics(fold(question)))}
    for doc_id, plan in plans.items():
        for alias in plan.aliases:
            alias_key = fold(alias) if typed else strip_diacritics(fold(alias))
            if not re.sub(r"[^\w]+", "", alias_key):
                continue
            if alias_key.isdigit():
                hit = alias_key in numbers
            else:
                phrase = re.sub(r"[^\w/]+", " ", alias_key).strip()
                hit = f" {phrase} " in f" {key} "
            if hit:
                found.append(doc_id)
                break
    return found


# which part of a plan each group of cue words asks for
_WANTS = (("target", TARGET_WORDS), ("status", STATUS_WORDS), ("signature", SIGNATURE_WORDS),
          ("header", HEADER_WORDS), ("bases", BASES_WORDS), ("amount", AMOUNT_WORDS))


def analyze(question: str, plans: dict[str, PlanInfo]) -> Query:
    expanded = expand_abbreviations(question, keep_original=True, lenient=True)
    key = _key(expanded)
    wants = {name for name, cues in _WANTS if _mentions(key, cues)}
    return Query(
        text=question,
        expanded=expanded,
        doc_ids=named_plans(question, plans),
        wants=wants,
        cross_plan=_mentions(key, CROSS_PLAN_WORDS),
    )


def analyze_plans(text: str, index: PlanIndex) -> list[str]:
    """Plans a piece of text names (for telling what a follow-up names now from what was named before)."""
    return analyze(text, index.plans).doc_ids if text.strip() else []


def restored(question: str, index: PlanIndex) -> str:
    """A question typed without diacritics, with them put back from the plans' own spellings
    (and the lexicons'), so the metric, role and level lexicons can match it."""
    if has_diacritics(question):
        return question

    def build():
        from .text import DiacriticRestorer, lexicon as text_lexicon

        lex = targets_lexicon()
        phrases_ = list(text_lexicon()["question_stopwords"]) + list(text_lexicon()["abbreviations"].values())
        for key in ("metrics", "populations", "levels", "roles", "requirements"):
            for entry in lex[key]:
                phrases_.append(entry["name"])
                phrases_ += [re.sub(r"\\[a-z]|[^\w\s]", " ", p) for p in entry["patterns"]]
        phrases_ += list(lex.get("metric_groups", {}))
        return DiacriticRestorer([index.text(d) for d in index.plans] + phrases_)

    return index.derived("diacritic_restorer", build).restore(question)


_PLAN_WORD = re.compile(r"\b(?:kế hoạch|đề án|kh|đa)\b", re.IGNORECASE)


def _without_descriptors(question: str, named: list[str], index: PlanIndex) -> str:
    """The question with a named plan's title words dropped: "kế hoạch <title words> (của)
    <place>" keeps only "kế hoạch <place>". The words between stay when they run past a
    sentence mark or are too many to be a title."""
    if not named:
        return question
    text = question
    for doc_id in named:
        for alias in sorted(index.plans[doc_id].aliases, key=len, reverse=True):
            m = re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text, re.IGNORECASE)
            if not m:
                continue
            starts = [k for k in _PLAN_WORD.finditer(text[: m.start()])]
            if not starts:
                break
            k = starts[-1]
            between = text[k.end() : m.start()]
            if re.search(r"[?;:!]", between) or len(between.split()) > 16 or not between.strip():
                break
            text = text[: k.end()] + " " + text[m.start() :]
            break
    return text




# A block of the document a question names by what it is ("trong phần Nơi nhận", "có gửi cho …"):
# its answer stands in that block, never in the body.
_BLOCK_CUES = {"recipients": re.compile(r"\b(noi nhan|gui cho|gui den|gui toi)\b")}


def named_block(question: str) -> str:
    """The section kind a question names ("recipients"), else ""."""
    key = strip_diacritics(fold(question))
    return next((kind for kind, rx in _BLOCK_CUES.items() if rx.search(key)), "")
