"""Answers in Vietnamese, grounded in quoted plan passages, or an honest "không tìm thấy".

The offline composer writes no words of its own about the plans: it picks the sentence that
states the number, deadline or requirement and quotes it, with the plan and section. A
question that spans plans gets one cited line per plan. The `Composer` protocol is the seam
for an LLM composer later; it receives the same evidence and must return the same Answer.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Protocol

from . import phrases
from .chunking import Chunk
from .citations import Citation, cite as _cite, consolidate, section_ref, with_heading
from .evidence import Answer, Evidence, Sentence
from .index import PlanIndex
from .manifest import dates_itself, distinctive_aliases
from .parsing import CLOSING_RE, DOC_TYPES
from .question import (KIND_BY_NUMBER_Q, NOT_COUNTED, Query, named_apart, named_block, _without_descriptors, analyze, asks_something,
                       check_question, open_ended,
                       part_context, plan_clauses, question_parts, question_stopwords, resolve_followup, restored)
from .retrieval import Hit, HybridRetriever
from .scoring import SentenceScorer, asked_types, default_scorer
from .structured import StructuredAnswerer
from .targets import SKIPPED_KINDS, TOTAL_ROW, lexicon as targets_lexicon, requirements_in, roles_asked, roles_in, roles_meet, trail_tense
from .text import (UPPER, expand_abbreviations, fold, has_diacritics, lexical_tokens, nfc, strip_diacritics,
                   synonym_groups, words)


@lru_cache(maxsize=200_000)
def token_set(text: str) -> frozenset[str]:
    """A passage's BM25 tokens, tokenized once per process: the same sentences of the same hits
    are scored again by every question that finds them."""
    return frozenset(lexical_tokens(text))


def ignored_words(index: PlanIndex) -> set[str]:
    """Question words (with and without diacritics): not content to cover."""
    def compute():
        stop = question_stopwords()
        return stop | {strip_diacritics(w) for w in stop}

    return index.derived("ignored_words", compute)


def plan_name_pattern(index: PlanIndex) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Patterns of every plan's distinctive names: (folded with diacritics, bare) — precomputed
    at index time."""
    def compute():
        names = {n for plan in index.plans.values() for n in plan.aliases + [plan.locality, plan.issuer] if n}
        # only distinctive names: "Phòng Giáo dục và Đào tạo" alone names no plan
        names = set(distinctive_aliases([p.strip() for n in names for p in n.split(",") if len(p.strip()) > 1]))

        def pattern(alts):
            alts = sorted(alts, key=len, reverse=True)
            return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)") if alts else None

        return pattern({fold(n) for n in names}), pattern({strip_diacritics(fold(n)) for n in names})

    return index.derived("name_phrases", compute)


def frame_phrases(index: PlanIndex) -> set[str]:
    """Phrases that frame a question rather than name its topic ("tỷ lệ", level names)."""
    def compute():
        from .manifest import LEVELS
        from .text import lexicon as text_lexicon

        out = {" ".join(words(w)) for w in text_lexicon().get("frame_words", [])}
        out |= {strip_diacritics(w) for w in out}
        out |= {" ".join(words(n)) for names in LEVELS.values() for n in names}
        return out

    return index.derived("frame_phrases", compute)


def _announced(sentence: Sentence, limit: int = 600) -> str:
    """The items a sentence announces ("Kinh phí từ ngân sách huyện năm 2023: 181.500.000 đồng,
    gồm:" then "- Bồi dưỡng quản lý giáo dục: …"): the lines after it in its passage, which say
    what the sum or the list is of; "" for a sentence that announces nothing."""
    if not sentence.text.rstrip().endswith(":"):
        return ""
    at = sentence.chunk.text.find(sentence.text)
    return sentence.chunk.text[at + len(sentence.text):][:limit] if at >= 0 else ""


def _without_names(question: str, index: PlanIndex, keep_case: bool = False) -> str:
    """The question with the plans' names taken out as whole phrases ("Tuần Giáo", "Phú Thành B",
    "118/KH-UBND"): they filter, they are not content to cover. Taken out as phrases, not as
    syllables, so "giáo" of giáo viên and "điện" of điện tử stay. Folded, unless `keep_case`
    (the text an embedding model reads)."""
    typed, bare_rx = plan_name_pattern(index)
    folded = fold(question)
    # a question typed with diacritics matches names with theirs: "báo cáo định kỳ" holds no
    # place called Cao Định; one typed without them matches the bare names
    rx, key = (typed, folded) if has_diacritics(question) else (bare_rx, strip_diacritics(folded))
    if rx is None:
        return question
    # same length: NFC Vietnamese letters map one to one to their bare forms
    source = nfc(question) if keep_case else folded
    if len(key) != len(folded) or len(source) != len(folded):
        return question
    out = list(source)
    for m in rx.finditer(key):
        start = m.start()
        # "Phòng GD&ĐT Bắc Mê", "báo cáo số 87", "UBND huyện X": the words that say what kind of
        # body or document a plan's own issuer or number is are part of naming it, not asked
        # about ("kế hoạch nào của UBND tỉnh Bình Định" names the body of a document it cites)
        lead = _NAME_LEAD.search(key[:start])
        if lead and (_own_issuer(lead.group(0), m.group(0), index) or m.group(0)[:1].isdigit()):
            start = lead.start()
        out[start : m.end()] = " " * (m.end() - start)
    return "".join(out)


def _issuer_kind(words_: str) -> str:
    bare = strip_diacritics(fold(words_))
    for kind, cue in (("phong", "phong"), ("so", "so "), ("ubnd", "ubnd"), ("ubnd", "uy ban")):
        if bare.startswith(cue):
            return kind
    return ""


def issuer_bodies(index: PlanIndex) -> list[tuple[str, str]]:
    """(kind of body, bare issuer) of every plan: "phong", "phòng giáo dục … huyện bắc mê"
    (precomputed at index time)."""
    return index.derived("issuer_bodies", lambda: [
        (_issuer_kind(expand_abbreviations(p.issuer, keep_original=False, lenient=True).replace("ủy ban nhân dân", "ubnd")),
         strip_diacritics(fold(p.issuer))) for p in index.plans.values() if p.issuer])


def _own_issuer(lead: str, name: str, index: PlanIndex) -> bool:
    """Do these words ("phòng gd&đt", "bắc mê") name the issuer of an indexed plan, body and
    place together?"""
    kind = _issuer_kind(lead)
    if not kind:
        return False
    issuers = issuer_bodies(index)
    bare = strip_diacritics(fold(name))
    return any(k == kind and bare in issuer for k, issuer in issuers)


_NAME_LEAD = re.compile(
    r"(?<!\w)(?:(?:phòng|phong|sở|so) (?:giáo dục và đào tạo|giao duc va dao tao|gd&đt|gd&dt|gdđt|gddt|gd-đt|gd-dt)"
    r"|ủy ban nhân dân|uỷ ban nhân dân|uy ban nhan dan|ubnd"
    r"|(?:kế hoạch|ke hoach|đề án|de an|quyết định|quyet dinh|báo cáo|bao cao|hướng dẫn|huong dan|công văn|cong van"
    r"|tờ trình|to trinh|chương trình|chuong trinh|quy hoạch|quy hoach)(?: (?:số|so))?)"
    r"(?: (?:huyện|huyen|quận|quan|thị xã|thi xa|thành phố|thanh pho|tỉnh|tinh|tp\.?))?\s*$")


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Each phrase of the lexicon's synonym groups -> the other phrases of its group (folded)."""
    out: dict[str, tuple[str, ...]] = {}
    for group in synonym_groups():
        for phrase in group:
            out[phrase] = tuple(p for p in group if p != phrase)
    return out


@lru_cache(maxsize=1)
def _domain_terms() -> frozenset[str]:
    """The roles and requirements the plans set out ("kế toán", "thư viện", "lý luận chính trị"),
    folded: content as a whole, though a syllable of one is a question word elsewhere ("kế" of
    "kế hoạch")."""
    lex = targets_lexicon()
    return frozenset(" ".join(words(e["name"])) for e in lex["roles"] + lex["requirements"])


@lru_cache(maxsize=1)
def _concepts() -> frozenset[str]:
    """The lexicon's concepts, folded, with and without diacritics."""
    from .text import lexicon as text_lexicon

    folded = {" ".join(words(c)) for c in text_lexicon().get("concepts", [])}
    return frozenset(folded | {strip_diacritics(c) for c in folded})


def _passage_words(index: PlanIndex, doc_id: str) -> list[str]:
    """Each passage of a plan as its words, abbreviations spelled out, padded with spaces:
    computed once per plan, on first use."""
    return index.derived(f"section_words:{doc_id}", lambda: [
        " " + " ".join(words(expand_abbreviations(c.text))) + " " for c in index.chunks_of(doc_id)])


def _said_otherwise(unit: tuple[str, ...], folded_text: str) -> bool:
    """Does the text hold a synonym of this question unit ("gợi ý" -> "khuyến khích")? The text
    is given folded, words separated by single spaces and padded."""
    others = _synonyms().get(" ".join(unit), ())
    return any(f" {o} " in folded_text for o in others)


# ----------------------------------------------------------------------------- evidence scoring
def _asks_money(key: str) -> bool:
    """Does the question (a _question_key) ask a sum of money?"""
    if _MONEY_Q.search(key):
        return True
    return bool(_MONEY_WORD.search(key) and re.search(r" (?:bao nhieu|may) ", key)
                and not _COUNT_Q.search(key) and not _NOT_MONEY_Q.search(key))


@lru_cache(maxsize=512)
def _question_key(question: str) -> str:
    """The question folded, without diacritics or punctuation, padded with spaces: what the
    question-shape patterns below match (checked for every candidate sentence, so cached)."""
    return " " + re.sub(r"[^\w%]+", " ", strip_diacritics(fold(question))) + " "


_SENT_SPLIT = re.compile(rf"(?<=[.;!?])\s+(?=[{UPPER}\-–(“])")
_YEAR_Q = re.compile(r"\b(năm nào|khi nào|bao giờ|thời điểm|thời hạn|đến năm nào|nam nao|khi nao|bao gio)\b")
# "tỷ lệ … bao nhiêu", "mấy phần trăm": a share, printed as a percentage or a fraction ("62/97")
_RATE_Q = re.compile(r" (?:ty le|ti le)(?: \w+){0,12} (?:bao nhieu|may|nao) | (?:bao nhieu|may) phan tram ")
# ("tháng 9/2023", "16/7/2021", "45/KH-UBND" are no fractions)
_FRACTION = re.compile(r"(?<![\w/.-])\d+\s*/\s*(?!(?:19|20)\d\d\b)\d+(?![\w/.-])")
# words asked now that ask something of their own (a follow-up "Thế còn THCS?" asks none)
_ASKS_ITSELF = re.compile(r" (?:bao nhieu|may|nao|gi|ai|bao lau|bao gio|o dau) ")
# a span of time, or how often ("01 lần/năm", "hằng năm")
_DURATION = re.compile(r"\d+\s*(?:năm|tháng|ngày|tuần|giờ|tiết|buổi|học kỳ|lần)|gấp \S+ lần|(?:hằng|hàng|mỗi) (?:năm|tháng|quý|tuần|học kỳ)",
                       re.IGNORECASE)
_PROPOSAL_HEAD = re.compile(r"\b(?:kien nghi|de xuat|de nghi)\b")
# "hiện bao nhiêu CBQL …": now ("thực hiện", "xuất hiện", "thể hiện" are other words)
_NOW_Q = re.compile(r"(?<! thuc)(?<! xuat)(?<! the)(?<! phat) hien (?!nay |co |tai )")
# "đã cử bao nhiêu", "cử được bao nhiêu GV": what was done, not what is planned
_DONE_Q = re.compile(r"\b(?:đã|(?:cử|tuyển|tuyển dụng|đào tạo|bồi dưỡng|đạt) được)\b", re.IGNORECASE)
_AMOUNT_Q = re.compile(r"\b(bao nhiêu|tỷ lệ|tỉ lệ|mấy|số lượng|bao nhieu|ty le|may)\b")
_PERCENT = re.compile(r"\d+(?:[,.]\d+)?\s*%")
def _header_row(line: str) -> bool:
    """A table row of labels only: its cells name columns; no cell is a figure."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return len(cells) >= 2 and " | " in line and not any(
        _FIGURE_CELL.match(c) and not re.fullmatch(r"(?:19|20)\d{2}", c) for c in cells if c)  # a year heads a column


_FIGURE_CELL = re.compile(r"^[-–+]?\d[\d.,/\s]*(?:%|\s*\w{0,12})?$")
# a heading that states a figure ("1. Tổng kinh phí: 486.400.000 đồng, trong đó:", "Tỷ lệ đạt chuẩn 95%")
# is a line of content too, not only a title: a count, a share or a sum, not a year or a label
_STATES_FIGURE = re.compile(r"\d+(?:[,.]\d+)?\s*%|\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[,.]\d+)?\s*(?:đồng|triệu|tỷ|người|học viên|giáo viên)\b")
_LIST_Q = re.compile(r" (những|các|nhung|cac) (\w+ ){1,6}(nào|nao) ")  # "viện dẫn những thông tư nào"
_BASES_ASKED = re.compile(r" (can cu|dua tren|dua vao|theo de nghi|thuc hien (?:theo )?(?:ke hoach|quyet dinh|chi thi|nghi quyet|"
                          r"thong tu|cong van|chuong trinh|de an)|to trinh|van ban|thong tu|nghi dinh|nghi quyet|chi thi|luat) ")
# "bao nhiêu giáo viên" asks a head count, unless it is a share reached ("bao nhiêu giáo viên đạt chuẩn")
_COUNT_Q = re.compile(r" (bao nhieu|may) (nguoi|giao vien|truong|lop|can bo|vien chuc|nhan vien|hoc sinh) ")
_SHARE_Q = re.compile(r" (ty le|ti le|phan tram|dat|dat chuan|phan dau) ")
# "cơ quan nào", "đơn vị nào": a body, named by the kind of body it is
_BODY_Q = re.compile(r" (?:co quan|don vi|to chuc|ban nganh|phong ban) nao ")
_BODY = re.compile(r"\b(?:Phòng|Sở|UBND|Ủy ban|Uỷ ban|Trung tâm|Trường|Ban|Hội|Công đoàn|Đoàn|Kho bạc|Bộ|Viện|Học viện|"
                   r"Đại học|Cao đẳng|Huyện ủy|Thành ủy|Tỉnh ủy|Quận ủy|HĐND|Hội đồng)\b")
# a part that may ride on another part's quote asks only a day or a place ("hạn chót khi nào?",
# "học ở đâu?"): narrower than question.WHEN_WHERE_ASKED, which also holds "bao lâu", "năm nào"
_WHEN_WHERE_PART = re.compile(r" (?:khi nao|bao gio|luc nao|ngay nao|thang nao|may gio|han chot|thoi han|o dau|tai dau|noi nao) ")
# "hỗ trợ bao nhiêu tiền": a sum of money, which a head count or a share is not
# a day the plan sets, not the day it was issued: "trước ngày nào", "từ ngày nào đến ngày nào",
# "hạn chót là ngày nào"
_EVENT_DAY_Q = re.compile(r" (?:truoc|tu|den|toi|cham nhat|han chot(?: la)?|thoi han(?: la)?|han(?: la)?) ngay (?:nao|may|bao nhieu) ")
_MONEY_Q = re.compile(r" (?:bao nhieu|may) tien ")
# "học phí lớp … là bao nhiêu", "tổng kinh phí bao nhiêu": a sum asked by what it pays for
_MONEY_WORD = re.compile(r" (?:hoc phi|le phi|kinh phi|chi phi|muc thu|muc chi|muc ho tro|nguon von) ")
_NOT_MONEY_Q = re.compile(r" (?:bao nhieu|may) (?:phan tram|tiet|ngay|thang|nam|tuan|lop|khoa|dot|luot|lan|suat) | ty le | ti le |%")
# (a table row states its sum under a column named with the unit: "Học phí (đồng/học viên): 3.200.000")
_MONEY = re.compile(r"\d[\d.,]*\s*(?:đồng|đ\b|triệu|tỷ|nghìn|ngàn)|(?:triệu|nghìn) đồng|\((?:triệu |nghìn )?đồng\b[^)]{0,20}\):\s*\d",
                    re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# a figure stated as a head count ("180 GV", "35 học viên", "12 người")
_HEADS = re.compile(r"\d+\s*(?:GV|giáo viên|người|học viên|CBQL|cán bộ|nhân viên|viên chức)\b")
_YEAR_ONLY_Q = {"nam nao"}  # "(đến) năm nào" asks a year itself (matched on the bare question key)
# a session asked: which part of the day or day of the week (matched on the bare question key)
_SESSION_Q = re.compile(r" (?:buoi nao|thu may|hom nao|ngay nao trong tuan) ")
_SESSION = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|buổi\s+(?:sáng|chiều|tối)|(?:sáng|chiều|tối)\s+"
                      r"(?:thứ|chủ nhật|các ngày)|ngày nghỉ|cuối tuần)\b", re.IGNORECASE)
# (a day and month "30/4", never a fraction "58/60")
_TIME_OF_YEAR = re.compile(r"\bngày\s*\d{1,2}\s*(?:tháng|/)\s*\d{1,2}|\b(?:[0-2]?\d|3[01])\s*/\s*(?:0?[1-9]|1[0-2])\b(?!\s*/?\s*\d)|"
                           r"\btháng\s*\d{1,2}\b|"
                           r"\bhọc kỳ\b|\b(?:hằng|hàng|mỗi)\s+(?:năm|tháng|quý)\b|\bquý\s+(?:[IV]+|\d)\b", re.IGNORECASE)


class Composer(Protocol):
    def compose(self, evidence: Evidence, index: PlanIndex) -> Answer: ...


class ExtractiveComposer:
    """Offline composer: quotes the best sentences; abstains when the evidence does not cover the question."""

    def __init__(self, min_coverage: float = 0.5, min_sentence_coverage: float = 0.5,
                 max_quotes: int = 2, second_ratio: float = 0.8, full_coverage: float = 0.8) -> None:
        self.min_coverage = min_coverage
        self.min_sentence_coverage = min_sentence_coverage
        self.max_quotes = max_quotes
        self.second_ratio = second_ratio
        # a first quote that holds this share of the question answers it: a second one from
        # another section would only add a neighbouring topic
        self.full_coverage = full_coverage
        self.list_quotes = 5  # "những … nào" asked of one plan: the items of one list
        # a sentence that adds this share of the question the quotes lack answers another part of it
        self.complement_gain = 0.15
        self.complement_floor = 0.3
        self.max_complements = 1
        # a sentence of the asked kind scoring below this share of the best sentence of any kind
        # is no answer (chosen on the development sets: 0.5 lost a right answer, 0.4 none)
        self.type_fallback_ratio = 0.4
        self.fallback_depth = 6  # passages searched for a sentence of the asked kind when the best 3 have none
        self.cover_ratio = 0.5  # a covering sentence scoring this share of a best one that does not cover is quoted
        self.number_weight = 1.0  # the most a number of the question weighs in choosing a sentence
        self.topic_weight = 2.0
        # a table's total row weighs this much more than its sibling rows when no level is asked
        # (1.2 and 1.5 gave the same dev answers)
        self.total_row_weight = 1.2
        self.topic_max_passages = 3  # a phrase in more of a plan's passages is its common vocabulary
        # "reference": word weights from a fixed reference set of plans (data/word_weights.json),
        # so adding plans never changes an answer about another; "corpus": from the indexed plans
        self.word_weights = "reference"

    # -- coverage: does this passage talk about what the question asks? ------------------
    def _idf(self, index: PlanIndex, token: str) -> float:
        if self.word_weights == "reference":
            counts, n = reference_doc_freq()
            df = counts.get(token)
            if df is None:
                return math.log(1 + n)  # a word the reference plans never use weighs the most
            return math.log(1 + (n - df + 0.5) / (df + 0.5))
        vocab = index.bm25.vocab_dict
        n = len(index.chunks)
        if token not in vocab:
            return math.log(1 + n)  # a word the plans never use weighs the most
        df = _doc_freq(index)[vocab[token]]
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def content_tokens(self, question: str, query: Query, index: PlanIndex) -> list[str]:
        """The question's words that carry meaning (no question words, no names of the plan asked)."""
        ignored = ignored_words(index)
        expanded = expand_abbreviations(_without_names(question, index), keep_original=False, lenient=True)
        return [w if w not in ignored else "" for w in words(expanded)]

    def content_units(self, question: str, index: PlanIndex) -> list[tuple[str, ...]]:
        """The question's content words as units of syllables ("phụ cấp", "giáo viên"), via pyvi."""
        ignored = ignored_words(index)
        units = []
        tokens = _segment(expand_abbreviations(_without_names(question, index), keep_original=False, lenient=True)).split()
        # a phrase of the synonym groups the segmenter split ("dựa vào" -> "dựa" | "vào") is one unit
        merged: list[str] = []
        for token in tokens:
            if merged and f"{merged[-1]} {token}".replace("_", " ") in _synonyms():
                merged[-1] = f"{merged[-1]}_{token}"
            else:
                merged.append(token)
        for token in merged:
            whole = tuple(words(token.replace("_", " ")))
            joined = " ".join(whole)
            # a role, a requirement or a phrase of the synonym groups ("ra trường") is content whole
            syllables = whole if joined in _domain_terms() or joined in _synonyms() else tuple(w for w in whole if w not in ignored)
            if syllables:
                units.append(syllables)
        return list(dict.fromkeys(units))

    def coverage(self, units: list[tuple[str, ...]], text: str, index: PlanIndex) -> float:
        """Idf-weighted share of the question's content found in text: the mean of a syllable-level
        share (lenient to paraphrase) and a whole-word share ("phụ cấp" must stand as a word)."""
        if not units:
            return 0.0
        syllables = {t for u in units for t in u}
        have = set(lexical_tokens(text))
        # a unit the text says in other words ("gợi ý" / "khuyến khích") has all its syllables
        folded = " " + " ".join(words(expand_abbreviations(text))) + " "
        have |= {t for u in units if _said_otherwise(u, folded) for t in u}
        loose = sum(self._idf(index, t) for t in syllables if t in have) / sum(self._idf(index, t) for t in syllables)
        return 0.5 * loose + 0.5 * self._word_coverage(units, text, index)

    def _word_coverage(self, units: list[tuple[str, ...]], text: str, index: PlanIndex) -> float:
        folded = " " + " ".join(words(expand_abbreviations(text))) + " "
        bare = strip_diacritics(folded)
        total = got = 0.0
        for unit in units:
            weight = sum(self._idf(index, t) for t in unit)
            total += weight
            phrase = " ".join(unit)
            if f" {phrase} " in folded or f" {strip_diacritics(phrase)} " in bare or _said_otherwise(unit, folded):
                got += weight
        return got / total

    # -- sentence choice -------------------------------------------------------------------
    def _sentences(self, chunk: Chunk) -> list[str]:
        lines = chunk.text.split("\n")
        if chunk.section_kind in ("signature", "header"):
            return [" ".join(lines)]  # a signature or header reads as one unit
        # a bare heading line states nothing by itself; the legal bases have no printed heading
        # ("Căn cứ" names the block, and its first line is a basis itself: "Căn cứ Kế hoạch số …")
        if len(lines) > 1 and chunk.heading and chunk.heading in lines[0] and chunk.section_kind != "bases":
            # … but a run-in heading states content after its title ("4. Kinh phí: Sở bố trí 420
            # triệu đồng …"): that line is kept
            title = chunk.trail[-1] if chunk.trail else chunk.heading
            rest = lines[0].split(title, 1)[1] if title and title in lines[0] else ""
            if len(rest.strip(" :.;-–")) < 20 and not _STATES_FIGURE.search(title):
                lines = lines[1:]
        out: list[str] = []
        for line in lines:
            parts = _SENT_SPLIT.split(line) if len(line) > 300 else [line]
            # a bullet's dash is layout, not words of the plan
            out.extend(p.strip().lstrip("-–•+ ").strip() for p in parts if len(p.strip()) > 3)
        # "Trên đây là kế hoạch …": the closing formula restates the title, it answers nothing; a
        # table's header row ("Cấp học | Tổng số GV | Đã tốt nghiệp") names columns, states nothing
        return [s for s in out if not CLOSING_RE.match(s) and not _header_row(s)]

    def _score_sentence(self, text: str, evidence: "Evidence", index: PlanIndex, trail: str = "") -> float:
        have = token_set(text)
        lead = token_set(text[:40])  # "- Kế toán: …", "Đối với giáo viên: …" name whom a line is about
        in_trail = token_set(trail) - have
        question = evidence.effective_question
        own = {t for t in evidence.tokens if t}
        earlier = {t for t in evidence.context_tokens if t} - own

        def weight(t: str) -> float:
            # a number ("2010", "2011") is rare in any plan, yet it dates what is asked rather than
            # naming it: it must not outweigh the words of the question
            return min(self._idf(index, t), self.number_weight) if t.isdigit() else self._idf(index, t)

        # words of the question asked now weigh more than those carried over from earlier turns
        score = sum(3 * weight(t) for t in own if t in have)
        score += sum(weight(t) for t in earlier if t in have)
        score += sum(weight(t) for t in own if t in lead)
        # the section's headings ("b) Giai đoạn 2021-2025") are context every line of it shares
        score += sum(1.5 * weight(t) for t in own if t in in_trail)
        score += sum(0.5 * weight(t) for t in earlier if t in in_trail)
        # a unit of the question the sentence says in other words ("gợi ý" / "khuyến khích")
        if evidence.units:
            padded = " " + " ".join(words(text)) + " "
            score += sum(3 * weight(t) for u in evidence.units if _said_otherwise(u, padded) for t in u if t not in have)
        qkey = fold(question)
        if _YEAR_Q.search(qkey) or _YEAR_Q.search(strip_diacritics(qkey)):
            score += 2.0 if _YEAR.search(text) else 0.0
        if _AMOUNT_Q.search(qkey) or _AMOUNT_Q.search(strip_diacritics(qkey)):
            score += 2.0 if (_PERCENT.search(text) or re.search(r"\d", text)) else 0.0
        return score / (1.0 + 0.002 * len(text))

    def best_sentences(self, hits: list[Hit], evidence: "Evidence", index: PlanIndex, limit: int = 2,
                       depth: int = 3, accept=None, listing: bool = False, topic: str = "",
                       covering: bool = False) -> list[Sentence]:
        """The best-scoring sentence of the top `depth` hits, and more of the same plan that score
        nearly as well; `accept` drops sentences of the wrong kind before the best is chosen.
        `listing` ("viện dẫn những thông tư nào"): up to `list_quotes` from the best one's section.
        `topic` ("Về xã hội hóa giáo dục, A và B…"): sentences that name it, or stand under a
        heading that does, weigh `topic_weight` times more. `covering`: a best sentence that does
        not cover the question gives way to the best one that does, if it scores `cover_ratio` of it
        (a long sentence holding every figure asked scores less per word than a short one on it)."""
        candidates: list[Sentence] = []
        whole_sector = not _levels(evidence.effective_question)
        for rank, hit in enumerate(hits[:depth]):
            for s in self._sentences(hit.chunk):
                if accept is not None and not accept(s, hit.chunk):
                    continue
                # a table row is read under its caption as under a heading
                context = " ".join(hit.chunk.trail) + " " + _table_caption(hit.chunk, s)
                score = self._score_sentence(s, evidence, index, context) * (1.0 - 0.15 * min(rank, 4))
                if topic and _names_topic(topic, s + " " + " ".join(hit.chunk.trail[-2:])):
                    score *= self.topic_weight
                if whole_sector and TOTAL_ROW.match(s):
                    # "Tuần Giáo có bao nhiêu GV đã tốt nghiệp?" names no level: of a table's rows,
                    # which share every column word, the total row ("Cộng: …") is the district's
                    score *= self.total_row_weight
                candidates.append(Sentence(s, hit.chunk, score))
        candidates.sort(key=lambda s: -s.score)
        if not candidates:
            return []
        if covering and self.sentence_coverage(evidence, candidates[0], index) < self.min_sentence_coverage:
            cover = next((c for c in candidates[1:] if c.score >= self.cover_ratio * candidates[0].score
                          and self.sentence_coverage(evidence, c, index) >= self.min_sentence_coverage), None)
            if cover is not None:
                candidates = [cover] + [c for c in candidates if c is not cover]
        best = candidates[0]
        chosen = [best]
        whole = self.sentence_coverage(evidence, best, index) >= self.full_coverage
        for c in candidates[1:]:
            if len(chosen) >= (self.list_quotes if listing else limit):
                break
            if (whole or (listing and len(chosen) >= limit)) and c.chunk.section != best.chunk.section:
                continue
            # the further items of a list asked for stand in the same section and may score lower
            ratio = 0.5 if listing or len(chosen) >= limit else self.second_ratio
            if c.chunk.doc_id == best.chunk.doc_id and c.score >= ratio * best.score and c.text != best.text:
                chosen.append(c)
        if not listing and not whole:
            chosen += self._complements(chosen, candidates, evidence, index)
        return chosen

    def _complements(self, chosen: list[Sentence], candidates: list[Sentence], evidence: "Evidence",
                     index: PlanIndex) -> list[Sentence]:
        """"… bao nhiêu GV hạng II, và tỷ lệ đạt chuẩn là bao nhiêu?": a question of several parts is
        answered by several sentences. The sentence of the same plan that adds the most of the
        question's content the quotes lack (idf-weighted) is quoted too, while it adds at least
        `complement_gain` and scores at least `complement_floor` of the best."""
        units = evidence.units or evidence.context_units
        if not units or not chosen:
            return []
        best = chosen[0]
        added: list[Sentence] = []
        for _ in range(self.max_complements):
            have = " ".join(s.text for s in chosen + added)
            base = self.coverage(units, have, index)
            pool = [c for c in candidates if c.chunk.doc_id == best.chunk.doc_id and c.score >= self.complement_floor * best.score
                    and all(c.text != s.text for s in chosen + added)]
            gains = [(self.coverage(units, have + " " + c.text, index) - base, c) for c in pool]
            gain, pick = max(gains, key=lambda g: g[0], default=(0.0, None))
            if pick is None or gain < self.complement_gain:
                break
            added.append(pick)
        return added

    def _with_announced_items(self, chosen: list[Sentence], limit: int = 8) -> list[Sentence]:
        """A quoted sentence that announces a list ("…, trong đó:", "… gồm:") is quoted with the
        items that follow it in its passage: they are what it says."""
        out: list[Sentence] = []
        for s in chosen:
            out.append(s)
            if not s.text.rstrip().endswith(":"):
                continue
            lines = self._sentences(s.chunk)
            if s.text not in lines:
                continue
            at = lines.index(s.text)
            for item in lines[at + 1 : at + 1 + limit]:
                if item.rstrip().endswith(":") or any(item == o.text for o in out + chosen):
                    break  # the next announcement starts another list
                out.append(Sentence(item, s.chunk, s.score))
        return out

    def rerank(self, evidence: "Evidence", index: PlanIndex, weight: float) -> list[Hit]:
        """Re-order hits by their single best-matching sentence: a long section that holds one
        exact answer should beat a short one that merely shares words."""
        if weight <= 0 or not evidence.hits:
            return evidence.hits
        best = [max((self._score_sentence(t, evidence, index, " ".join(h.chunk.trail)) for t in self._sentences(h.chunk)), default=0.0)
                for h in evidence.hits]
        top = max(best) or 1.0
        for hit, b in zip(evidence.hits, best):
            hit.score += weight * b / top
        return sorted(evidence.hits, key=lambda h: -h.score)

    # -- compose ---------------------------------------------------------------------------
    def sentence_coverage(self, evidence: "Evidence", sentence: Sentence, index: PlanIndex) -> float:
        """Share (idf-weighted) of the question asked now that the quoted sentence and its headings
        hold; the title words a plan is named by may be left out, as they say which plan."""
        units = _not_kind_words(evidence.units or evidence.context_units, [sentence.chunk])
        text = sentence.text + " " + " ".join(sentence.chunk.trail) + " " + _table_caption(sentence.chunk, sentence.text)
        text += " " + _announced(sentence)
        share = self.coverage(units, text, index)
        if evidence.asked_units and evidence.asked_units != units:
            share = max(share, self.coverage(evidence.asked_units, text, index))
        return share

    def plan_coverage(self, evidence: Evidence, doc_hits: list[Hit], index: PlanIndex) -> float:
        """Share (idf-weighted) of the question's content words found in this plan's best passages."""
        plan = index.plans[doc_hits[0].chunk.doc_id]
        text = "\n".join(h.chunk.index_text(plan) for h in doc_hits[:3])
        units = _not_kind_words(evidence.units + evidence.context_units, [h.chunk for h in doc_hits[:3]])
        return self.coverage(units, text, index)

    def answer_type_ok(self, question: str, sentence: str, chunk: Chunk, strict: bool = False, own_period: str = "",
                       own_number: str = "", roles: set[str] | None = None, now: str = "") -> bool:
        """Does the sentence hold the kind of thing asked: a year, an amount, a current figure?
        `strict`: the sentence itself must state the year (not only its dated heading)."""
        q = _question_key(question)
        # what the words asked now ask, when they ask something themselves (a part of a joined
        # question is not asked what the part beside it asks; "Thế còn THCS?" asks what came before)
        now_key = _question_key(now) if now else ""
        tq = now_key if _ASKS_ITSELF.search(now_key) else q
        if chunk.section_kind == "bases" and not (_BASES_ASKED.search(q) or asked_types(question) & {"docref", "date", "year"}):
            return False  # the legal bases answer what a plan rests on or cites, not what it sets out
        timed = sentence + ("" if strict else " " + " ".join(chunk.trail[-1:]))
        if (m := _YEAR_Q.search(tq)) and not _YEAR.search(timed) and (
                m.group(1) in _YEAR_ONLY_Q or not _TIME_OF_YEAR.search(timed)):
            # (a dated heading, "b) Năm 2022 đến năm 2025", dates its items); "khi nào" is also
            # answered by a day or a month each year ("trước ngày 10 tháng 12 hằng năm", "học kỳ I")
            return False
        if _REFERENCE_Q.search(tq) and not _REFERENCE.search(sentence):
            return False  # "căn cứ vào quyết định nào": the sentence must cite a document number
        # matched with diacritics: "mức" (level) is not "mục" (goal, section) once they are gone
        measured = _MEASURED_Q.search(" " + " ".join(words(question)) + " ")
        if measured and measured.group(1).split()[0] not in _GRADE_WORDS and f" {measured.group(1)} " not in \
                " " + " ".join(words(sentence + " " + " ".join(chunk.trail))) + " ":
            return False  # "mức phụ cấp … là bao nhiêu": a level of what is asked, not of something else
        if not _cites_kind_asked(q, sentence):
            return False  # "dựa trên kế hoạch số mấy": a Kế hoạch it cites, not a Thông tư
        if (_REFERENCE_Q.search(q) or _CITED_Q.search(q)) and (chunk.section_kind in ("header", "signature") or (
                own_number and _only_own_reference(sentence, own_number))):
            # "dựa trên kế hoạch số mấy của Phòng": the plan's own number and date are not it
            # ("(Ban hành kèm theo Quyết định số 512/QĐ-UBND …)" names the plan itself)
            return False
        if _AMOUNT_Q.search(tq) and not _REFERENCE_Q.search(tq) and not _DATE_Q.search(tq) and (
                not _quantity(sentence) or chunk.section_kind in ("header", "signature") or _captions_table(chunk, sentence)):
            return False  # the header's date digits are not an amount, nor is a table's caption its figures
        if not _YEAR_Q.search(q) and _outside_period(question, chunk):
            return False
        if _DATE_Q.search(tq) and not _DATE.search(sentence + " " + " ".join(chunk.trail[-1:])):
            return False  # "ngày nào": a day, not a year or a duration
        # a sentence that names no period is dated by its nearest heading that does ("IV. KẾ HOẠCH
        # NĂM HỌC 2025 - 2026" › "2. 100% CBQL, GV hoàn thành BDTX")
        dated = sentence if _periods(sentence) else next((t for t in reversed(chunk.trail) if _periods(t)), "")
        if not _periods_meet(question, dated, own_period):
            return False  # "năm học 2018-2019": a sentence about 2023 only is another period's
        if not _grades_meet(question, sentence):
            return False  # "ngoại ngữ bậc 3" is not answered by a count of "bậc 2" certificates  # "đến 2025": a line under "Giai đoạn 2019-2020" is another period's
        if _SESSION_Q.search(tq) and not (_SESSION.search(timed) or _DATE.search(timed)):
            # "học vào buổi nào", "thứ mấy": a part of the day or a day of the week ("chiều thứ
            # Bảy của tuần thứ hai hằng tháng"), which "theo dõi … hằng tháng" does not say
            return False
        if chunk.section_kind in ("header", "signature") and (open_ended(question) or _LIST_Q.search(" " + fold(question) + " ")):
            return False  # "đề xuất những gì", "những nội dung nào": the header lists no content
        if _BODY_Q.search(tq) and not _BODY.search(sentence + " " + " ".join(chunk.trail[-1:])):
            return False  # "đơn vị nào tổ chức lớp …": a sentence naming no body does not say which
        if _asks_money(tq) and not _MONEY.search(sentence + " " + " ".join(chunk.trail) + " " + _table_caption(chunk, sentence)):
            return False  # "bao nhiêu tiền": a sum in đồng, not a head count
        if " bao lau " in tq and not _DURATION.search(sentence):
            return False  # "cam kết công tác bao lâu": a span of time ("05 năm", "gấp 03 lần thời gian đào tạo")
        if _RATE_Q.search(tq) and len(re.findall(r" (?:bao nhieu|may) ", tq)) == 1 and not _REFERENCE_Q.search(tq) \
                and not ("%" in sentence or "phần trăm" in fold(sentence) or _FRACTION.search(sentence) or " | " in chunk.text):
            # "tỷ lệ … là bao nhiêu": a share, which a count of schools is not (a table row's
            # unit stands in its header; a question asking two figures may ask a count too)
            return False
        if (count := _COUNT_Q.search(tq)) and not _SHARE_Q.search(tq) and not _quantity(
                sentence, counts_only=True, of_people=count.group(2) not in ("truong", "lop")):
            return False  # "bao nhiêu giáo viên": a head count, which "100% giáo viên" or "01 đợt" is not
        if count and count.group(2) not in ("truong", "lop") and not _SHARE_Q.search(tq) \
                and _MONEY.search(" ".join(chunk.trail) + " " + _table_caption(chunk, sentence)) and not _HEADS.search(sentence):
            # a table "Dự toán kinh phí (đơn vị tính: triệu đồng)": its row "Hỗ trợ GV tuyển mới:
            # Năm 2025: 300" is a sum of money, not how many teachers
            return False
        asked_levels = _levels(question)
        stated_levels = _levels(sentence + " " + " ".join(chunk.trail))
        if asked_levels and stated_levels and not asked_levels & stated_levels:
            return False  # asks about THPT, the passage is about other levels
        if _asks_figure(question) and not _asks_money(q) and (asked := requirements_in(question)) \
                and (stated := requirements_in(sentence)) and not asked & stated:
            return False  # "bao nhiêu GV đạt chuẩn nghề nghiệp mức tốt": a BDTX rating is another measure
        if _asks_figure(question) and not roles_meet(roles_asked(question) if roles is None else roles, roles_in(sentence)):
            return False  # "CBQL học trung cấp LLCT được hỗ trợ bao nhiêu": a teachers' allowance is not it
        wants_status = any(w in q for w in (" hien nay ", " hien co ", " hien tai ", " thuc trang ")) or \
            _NOW_Q.search(q) is not None or \
            _DONE_Q.search(question) is not None or (
            " co bao nhieu " in q and not _within_own_period(q, own_period))  # "năm 2023 có bao nhiêu GV được cử đi học"
        # of a 2022–2025 plan asks its roadmap, not its status
        wants_target = any(w in q for w in (" muc tieu ", " chi tieu ", " phan dau ", " den nam "))
        if wants_status and not wants_target:
            # a goal or a task set ahead ("IV. Phương hướng, nhiệm vụ năm 2024: cử 52 GV …") is
            # not what was done
            if trail_tense(chunk.trail) == "target" or re.search(r"phấn đấu|phân đầu|phần đấu", fold(sentence)) or \
                    _PROPOSAL_HEAD.search(strip_diacritics(fold(" ".join(chunk.trail[-2:])))):
                return False  # (nor a proposal: "Kiến nghị … bổ sung 58 chỉ tiêu tuyển dụng")
        return True

    def absent_concept(self, evidence: "Evidence", doc_id: str, index: PlanIndex) -> str:
        """A concept asked now (the lexicon's "concepts": degrees, kinds of pay, languages, awards)
        that the plan never says, nor any synonym of it; "" if none. A plan silent on "thạc sĩ"
        cannot say what it pays teachers studying for one."""
        concepts = _concepts()
        passages = _passage_words(index, doc_id)
        # (a question typed without diacritics has bare units)
        bare = index.derived(f"section_bare_words:{doc_id}", lambda: [strip_diacritics(t) for t in passages])
        for unit in evidence.units:
            phrase = " ".join(unit)
            if phrase not in concepts and strip_diacritics(phrase) not in concepts:
                continue  # (most words have paraphrases a plan may use instead: only concepts count)
            if any(f" {phrase} " in t or _said_otherwise(unit, t) for t in passages) or any(f" {phrase} " in t for t in bare):
                continue
            return phrase
        return ""

    def topic_elsewhere(self, evidence: "Evidence", sentence: Sentence, index: PlanIndex) -> str:
        """A content phrase of the question (two syllables or more; no framing word like "tỷ lệ",
        no level name) that the quoted sentence and its headings lack but the same plan uses
        elsewhere; "" if none. Such a figure answers another question than the one asked."""
        skip = frame_phrases(index)
        # the sentence's own passage counts as here: "…, trong đó:" is followed by its items
        here = " " + " ".join(words(expand_abbreviations(sentence.chunk.text + " " + " ".join(sentence.chunk.trail)))) + " "
        doc_id = sentence.chunk.doc_id
        sections = _passage_words(index, doc_id)
        plan = index.plans[doc_id]
        # the plan's own names: its title, and its issuer and school ("THCS Tân Lập", "Trung tâm
        # GDNN-GDTX" typed short still name the plan, not a topic)
        title = " " + " ".join(words(expand_abbreviations(" ; ".join((plan.title, plan.issuer, plan.school))))) + " "
        asked = " " + " ".join(words(evidence.question)) + " "
        for unit in evidence.units or evidence.context_units:
            phrase = " ".join(unit)
            if len(unit) < 2 or phrase in skip or strip_diacritics(phrase) in skip:
                continue
            if re.search(rf" {re.escape(phrase)} (nào|nao|gì|gi) ", asked):
                continue  # "cơ quan nào": the kind of thing asked for, not a topic of the question
            if _done_to_the_plan(phrase, asked):
                continue
            if f" {phrase} " in title or phrase in _DOC_TYPE_WORDS:
                continue  # the plan's own title words ("… bồi dưỡng nhà giáo") or a document type
                # ("theo tờ trình của Phòng…") say which plan, not what
            # a topic of its own: a phrase a few passages of the plan use, not one it says everywhere
            uses = sum(1 for text in sections if f" {phrase} " in text)
            if f" {phrase} " not in here and 0 < uses <= self.topic_max_passages:
                return phrase
        return ""

    def header_fact_missing(self, question: str, plan) -> bool:
        """Questions about the signer, number or day of a plan whose header leaves it blank (every
        part asked blank: "số hiệu nào và ban hành khi nào?" of a plan with a blank number but a
        month still has an answer)."""
        q = _question_key(question)
        asked: list[bool] = []  # per part asked: is it blank?
        if re.search(r" (ai|nguoi) ky | ky boi | do ai ", q):
            asked.append(not plan.signer)
        if _OTHER_DOC_Q.search(_without_own_reference(q, plan)) or _CITED_ASKED_Q.search(q):
            # "phê duyệt bằng quyết định số mấy", "căn cứ kế hoạch nào …, kế hoạch đó ban hành
            # ngày nào": the number or day of a document the plan cites
            return any(asked)
        if re.search(r" so hieu | so may | so bao nhieu | mang so ", q):
            asked.append(not plan.number)
        if re.search(r" ngay may | ngay nao | ngay bao nhieu ", q) and not _EVENT_DAY_Q.search(q):
            asked.append(plan.date.count("-") < 2)
        elif re.search(r" (ban hanh|ky) (vao )?(khi nao|luc nao|thoi gian nao|nam nao|thang nao) ", q):
            asked.append(not plan.date)
        return bool(asked) and all(asked)

    def compose(self, evidence: Evidence, index: PlanIndex) -> Answer:
        hits = evidence.hits
        if not hits or unknown_place(evidence.query.text, index):
            return abstain("no evidence or unknown place")
        query = evidence.query
        if len(query.doc_ids) >= 2 or (query.cross_plan and not query.doc_ids):
            return self._per_plan(evidence, index)
        if not query.doc_ids and _shape_asked(evidence.effective_question) and _names_no_plan(evidence):
            return self._per_plan(evidence, index)  # "Ai ký kế hoạch?": every plan's signer, not one at random
        question = evidence.effective_question
        doc_id = hits[0].chunk.doc_id
        plan = index.plans[doc_id]
        top = [h for h in hits if h.chunk.doc_id == doc_id]
        if self.header_fact_missing(question, plan) or not _numbers_present(evidence.question, index.text(doc_id), plan):
            return abstain("header field blank or question number not in plan")
        if not _ranges_present(evidence.question, index.text(doc_id)):
            return abstain("the period asked is not one the plan speaks of")
        if self.absent_concept(evidence, doc_id, index):
            return abstain("the plan never speaks of what is asked")
        # who signed / when issued / which number: the plan's own header or signature (both, when
        # "ký ngày nào và ai ký?" asks both), the header first; the words asked now say so first
        # (a part of a joined question is not about the document the part beside it cites)
        shaped_chunks = [c for c in (_shape_chunk(index, doc_id, shape) for shape in
                                     sorted(_shapes_asked(evidence.question, plan) or
                                            ([] if asks_something(evidence.question) else _shapes_asked(question, plan)),
                                            key=lambda k: k != "header")) if c]
        if shaped_chunks:
            chosen = [Sentence(_shaped_text(c), c, 1.0) for c in shaped_chunks]
        else:
            if self.plan_coverage(evidence, top, index) < self.min_coverage:
                return abstain("low plan coverage")
            # sentences of the wrong kind (no year when a year is asked) are passed over before
            # the best is chosen, so the one that states it is found even if it scores lower
            chosen = self.best_sentences(top, evidence, index, limit=self.max_quotes,
                                         accept=lambda text, chunk: self.answer_type_ok(question, text, chunk,
                                                                                        own_period=plan.period,
                                                                                        own_number=plan.number,
                                                                                        roles=evidence.query.roles,
                                                                                        now=evidence.question),
                                         listing=_LIST_Q.search(" " + " ".join(words(question)) + " ") is not None,
                                         covering=True)
            if not chosen:
                # no sentence of the asked kind in the best passages: the plan's next ones may state it
                chosen = self.best_sentences(top, evidence, index, limit=self.max_quotes, depth=self.fallback_depth,
                                             accept=lambda text, chunk: self.answer_type_ok(question, text, chunk,
                                                                                            own_period=plan.period,
                                                                                            own_number=plan.number,
                                                                                            roles=evidence.query.roles,
                                                                                            now=evidence.question))
            if chosen and self.sentence_coverage(evidence, chosen[0], index) < self.min_sentence_coverage:
                return abstain("best passage does not cover the question")
            if chosen and _asks_figure(question):
                # the sentence that speaks of what is asked states another kind of figure (a grade,
                # a period, a level the question does not ask): a much weaker sentence that has the
                # asked kind only shares words with the question
                any_kind = self.best_sentences(top, evidence, index, limit=1)
                if any_kind and chosen[0].score < self.type_fallback_ratio * any_kind[0].score:
                    return abstain("the sentence on the topic states another figure")
            if chosen and _asks_figure(question) and self.topic_elsewhere(evidence, chosen[0], index):
                # the plan speaks of what is asked elsewhere, but the figure found is stated for
                # something else ("40% … học tiếp giáo dục nghề nghiệp" is no "trúng tuyển đại học")
                return abstain("the figure found is about another topic")
            if chosen and _typed_question(question) and self.answer_type_ok(question, chosen[0].text, chosen[0].chunk, strict=True,
                                                                             roles=evidence.query.roles, now=evidence.question):
                # a year, an amount or a document asked, and the best sentence states it: a second
                # quote from another section is another period or another figure, not the answer
                chosen = [s for s in chosen if s.chunk.section == chosen[0].chunk.section]
        if not chosen:
            return abstain("no sentence of the asked type")
        chosen = self._with_announced_items(chosen)
        citations = [_cite(str(i + 1), s.chunk, s.text, index) for i, s in enumerate(chosen)]
        lead = _direct_lead(question, chosen[0].text)
        body = " ".join(
            phrases.PLAN_SAYS.format(plan=plan.label, section=section_ref(c, index), quote=f"“{c.text}”", ref=c.id)
            if i == 0 else f"“{c.text}” [{c.id}]"
            for i, c in enumerate(citations)
        )
        return Answer(answer=(lead + " " if lead else "") + body, abstained=False, citations=citations,
                      reason=SHAPED if shaped_chunks else "")

    def _per_plan(self, evidence: Evidence, index: PlanIndex) -> Answer:
        lines: list[str] = []
        citations: list[Citation] = []
        seen: list[str] = []
        shaped = _shape_asked(evidence.effective_question)
        wanted = evidence.query.doc_ids or (list(index.plans) if shaped and _names_no_plan(evidence) else [])
        if shaped == "signature" and not evidence.query.doc_ids:
            by_title = _signed_as_asked(evidence.effective_question, list(index.plans), index)
            if not by_title and _SIGNED_AS_Q.search(_question_key(evidence.effective_question)):
                # "Kế hoạch nào do hiệu trưởng ký?": no signature block signs with that title
                return abstain("no plan signed with the title asked")
            wanted = by_title or wanted
        if shaped and wanted:  # "who signed A and B", "which period do A and B cover", "Ai ký kế hoạch?"
            for doc_id in wanted:
                chunk = next((c for c in index.chunks_of(doc_id) if c.section_kind == shaped), None)
                if chunk is None:
                    continue
                cite = _cite(str(len(citations) + 1), chunk, " ".join(chunk.text.split("\n")), index)
                citations.append(cite)
                lines.append(phrases.PER_PLAN_LINE.format(
                    plan=index.plans[doc_id].label, section=f"mục {cite.section}", quote=f"“{cite.text}”", ref=cite.id))
            if citations:
                return Answer(answer=phrases.PER_PLAN_LEAD + "\n" + "\n".join(lines), abstained=False, citations=citations)
        clauses = _plan_clauses(evidence.effective_question, index) if len(evidence.query.doc_ids) >= 2 else {}
        topic = _topic_of(evidence.question) if len(evidence.query.doc_ids) >= 2 else ""
        whole = evidence
        for hit in whole.hits:
            if hit.chunk.doc_id in seen:
                continue
            seen.append(hit.chunk.doc_id)
            doc_hits = [h for h in whole.hits if h.chunk.doc_id == hit.chunk.doc_id]
            named = hit.chunk.doc_id in whole.query.doc_ids
            evidence = whole
            if hit.chunk.doc_id in clauses:  # the clause that names this plan says what is asked of it
                clause = clauses[hit.chunk.doc_id]
                evidence = replace(whole, tokens=self.content_tokens(clause, whole.query, index),
                                   context_tokens=whole.tokens)
            if not named and self.plan_coverage(evidence, doc_hits, index) < self.min_coverage:
                continue
            # a plan's hits in a comparison come from its own search: look deeper, and pass over
            # sentences of the wrong kind (no figure when a figure is asked) before choosing
            chosen = self.best_sentences(
                doc_hits, evidence, index, limit=self.max_quotes, depth=5,
                accept=lambda text, chunk: self.answer_type_ok(evidence.effective_question, text, chunk,
                                                               own_period=index.plans[chunk.doc_id].period,
                                                               own_number=index.plans[chunk.doc_id].number),
                topic=topic)
            if not chosen or (not named and self.sentence_coverage(evidence, chosen[0], index) < self.min_sentence_coverage):
                continue
            plan_cites = []
            for s in chosen:
                plan_cites.append(_cite(str(len(citations) + 1), s.chunk, s.text, index))
                citations.append(plan_cites[-1])
            first = plan_cites[0]
            more = "".join(f" “{c.text}” [{c.id}]" for c in plan_cites[1:])
            lines.append(phrases.PER_PLAN_LINE.format(
                plan=index.plans[first.doc_id].label, section=section_ref(first, index), quote=f"“{first.text}”", ref=first.id) + more)
        if not citations:
            return abstain("no plan supported")
        return Answer(answer=phrases.PER_PLAN_LEAD + "\n" + "\n".join(lines), abstained=False, citations=citations)


def _signed_as_asked(question: str, plans: list[str], index: PlanIndex) -> list[str]:
    """"Kế hoạch nào do Phó Chủ tịch … ký?": the plans whose signer signs with the title the
    question names (the line above the name in the signature block). A title inside a longer
    one the question also names ("chủ tịch" in "phó chủ tịch") does not count on its own.
    Empty when the question names no signer's title."""
    q = " " + " ".join(words(question)) + " "
    titles: dict[str, str] = {}
    for doc_id in plans:
        block = next((c for c in index.chunks_of(doc_id) if c.section_kind == "signature"), None)
        lines = [line for line in block.text.split("\n") if line.strip()] if block else []
        if len(lines) >= 2:
            titles[doc_id] = " ".join(words(lines[-2]))
    named = {t for t in titles.values() if t and f" {t} " in q}
    named = {t for t in named if not any(t != o and f" {t} " in f" {o} " for o in named)}
    return [d for d in plans if titles.get(d) in named]


@lru_cache(maxsize=4096)
def _segment(text: str) -> str:
    """Vietnamese word segmentation (pyvi): "giáo viên mầm non" -> "giáo_viên mầm_non"."""
    from pyvi import ViTokenizer

    return ViTokenizer.tokenize(nfc(text))


@lru_cache(maxsize=1)
def reference_doc_freq() -> tuple[dict[str, int], int]:
    """(document frequency of each word, number of passages) over the reference plans."""
    data = json.loads(resources.files("assistant").joinpath("data/word_weights.json").read_text("utf-8"))
    return data["df"], data["chunks"]


def _doc_freq(index: PlanIndex):
    """Document frequency of every BM25 vocabulary token (cached per index)."""
    def compute():
        import numpy as np

        n_vocab = len(index.bm25.vocab_dict)
        df = np.zeros(n_vocab, dtype=np.int64)
        for c in index.chunks:
            ids = {index.bm25.vocab_dict[t] for t in lexical_tokens(c.index_text(index.plans[c.doc_id])) if t in index.bm25.vocab_dict}
            for i in ids:
                df[i] += 1
        return df

    return index.derived("doc_freq", compute)


# "căn cứ vào kế hoạch nào …, ban hành ngày nào": the date of a document the plan rests on
_CITED_Q = re.compile(r" (can cu|dua vao|dua tren|thuc hien theo|theo|vien dan|trich dan|dan chieu) (vao )?(ke hoach|de an|van ban|chuong trinh|"
                      r"to trinh|huong dan|cong van) "
                      # "kế hoạch của UBND tỉnh mà hướng dẫn này căn cứ": the document named, then cited
                      r"| (ke hoach|de an|van ban|chuong trinh|to trinh|huong dan|cong van) (\w+ ){0,8}ma (\w+ ){0,4}"
                      r"(can cu|dua vao|dua tren|thuc hien theo|vien dan|trich dan) ")
_CITED_ASKED_Q = re.compile(r" (can cu|dua vao|dua tren|thuc hien theo|thuc hien|vien dan|trich dan) (vao )?"
                            r"(ke hoach|de an|van ban|chuong trinh|to trinh|huong dan|cong van)( so)? (nao|may|gi) ")
_OTHER_DOC_Q = re.compile(r" (nghi quyet|quyet dinh|thong tu|chi thi|nghi dinh|cong van|luat|to trinh|thong bao|hop dong) ")
_SIGNED_AS_Q = re.compile(r" ky thay | do (?!ai )(?:\w+ ){1,8}ky\s*$")  # "…do Chủ tịch UBND ký?": signed as whom
_SIGNER_Q = re.compile(r" (ai|nguoi) ky | ky boi | do ai ky | nguoi ky | ai da ky |" + _SIGNED_AS_Q.pattern)
_SIGNED_WHEN_Q = re.compile(r" ky (vao )?(ngay|khi|luc|thoi gian) ")  # "được ký ngày nào", "ký khi nào"
_ISSUED_Q = re.compile(r" ban hanh (ngay|khi|vao|luc)| ngay ban hanh | ngay ky | de ngay | so hieu | mang so | so may "
                       r"| ap dung cho (nam|giai doan|thoi ky|nam hoc) | thoi gian thuc hien ")


_DOC_KINDS = r"(?:quyet dinh|thong tu|nghi quyet|van ban|cong van|chi thi|hop dong)"
# ("Luật Nhà giáo số mấy": a few words of its name may stand between the kind and "số mấy"; a
# law asked by "luật nào" may be named without a number: "Luật Giáo dục 2019")
_REFERENCE_Q = re.compile(rf" can cu (vao )?(ke hoach|{_DOC_KINDS})? ?nao "
                          rf"| {_DOC_KINDS} (so )?nao | (?:{_DOC_KINDS}|luat|nghi dinh|ke hoach|de an|to trinh|bao cao|huong dan|chuong trinh)"
                          r"(?: \w+){0,4} so (may|bao nhieu) "
                          r"| chuong trinh (so )?nao cua ")  # "chương trình nào của Quận ủy": a numbered one
# "118/KH-UBND", "26/2012/TT-BGDĐT", and the party's "09-CTr/QU", "29-NQ/TW"
_REFERENCE = re.compile(r"\d+\s*(?:/\s*(?:\d{4}\s*/\s*)?|-\w+/)[A-ZĐ]")


# words of a header question that do not single out a plan ("Ai ký kế hoạch?", "ban hành ngày nào?")
_HEADER_WORDS = {"ai", "ký", "ky", "người", "nguoi", "do", "được", "duoc", "ban", "hành", "hanh", "ngày", "ngay",
                 "nào", "nao", "khi", "số", "so", "hiệu", "hieu", "mang", "kế", "ke", "hoạch", "hoach", "đề", "de",
                 "án", "an", "văn", "van", "bản", "ban", "này", "nay", "là", "la", "gì", "gi"}


def _names_no_plan(evidence: "Evidence") -> bool:
    """Does the question leave open which plan it means (nothing but header words)?"""
    return all(t in _HEADER_WORDS for unit in evidence.units for t in unit)


def _without_own_reference(q: str, plan) -> str:
    """The question key without the words that name the plan itself by its type ("Quyết định
    3175 … ký ngày nào?" asked of Quyết định 3175/QĐ-UBND is about this document, not one it
    cites): its type word followed by its own number, or by no number at all."""
    if plan is None:
        return q
    kind = strip_diacritics(fold(plan.doc_type))
    own = plan.number.split("/")[0] if plan.number else ""
    own_number = rf"(?: {re.escape(own)}\b(?: \d{{4}})?)" if own else ""
    alternatives = [rf"(?: so)?{own_number}"] if own else []
    # the type word alone: "Quyết định ban hành Kế hoạch …"; never one asked about ("công văn
    # nào", "kế hoạch số mấy"): that is a document the plan cites
    alternatives.append(r"(?!(?: so)? \d)(?!(?: so)? (?:nao|may|gi|bao nhieu)\b)")
    return re.sub(r" {2,}", " ", re.sub(rf" {re.escape(kind)}(?:{'|'.join(alternatives)})", " ", q)) if kind else q


def _shapes_asked(question: str, plan=None) -> list[str]:
    """'signature' and/or 'header' when the question asks who signed, when or under which number
    (of the plan itself: `plan`, when known, tells its own type and number from a cited one);
    both for "ký ngày nào và ai là người ký?"."""
    q = _without_own_reference(_question_key(question), plan)
    if _OTHER_DOC_Q.search(q) or _CITED_Q.search(q):
        return []  # "Nghị quyết 29 ban hành ngày nào": about a document the plan cites
    if plan is not None and any(m.group(1) != strip_diacritics(fold(plan.doc_type)) for m in KIND_BY_NUMBER_Q.finditer(q)):
        return []  # "báo cáo … đánh giá kế hoạch số mấy, kế hoạch đó ban hành ngày nào": a document of another type
    shapes = []
    q = q.replace(" dang ky ", " dangky ")  # "hồ sơ đăng ký bồi dưỡng" registers; it signs nothing ("ký bởi")
    if _SIGNER_Q.search(q):
        shapes.append("signature")
    if _ISSUED_Q.search(q) or _SIGNED_WHEN_Q.search(q):
        shapes.append("header")
    return shapes


def _shape_chunk(index: PlanIndex, doc_id: str, shape: str) -> Chunk | None:
    """The plan's signature or header passage; asked when it was issued, a plan whose header has
    no "Place, ngày … tháng … năm …" line (a plan that starts at its title) answers with the
    passage that dates it, above its signature."""
    chunks = index.chunks_of(doc_id)
    found = next((c for c in chunks if c.section_kind == shape), None)
    if shape == "header" and (found is None or not dates_itself(found.text)):
        dated = [c for c in chunks if c.section_kind not in ("header", "bases") and dates_itself(c.text)]
        found = dated[-1] if dated else found
    return found


def _shaped_text(chunk: Chunk) -> str:
    """What to quote of a header or signature passage (all of it, on one line), or of a body
    passage that dates the plan above its signature (its date line)."""
    if chunk.section_kind in ("header", "signature"):
        return " ".join(chunk.text.split("\n"))
    dated = [line.strip() for line in chunk.text.split("\n") if dates_itself(line)]
    return dated[-1] if dated else " ".join(chunk.text.split("\n"))


def _shape_asked(question: str, plan=None) -> str:
    """The first part `_shapes_asked` finds ("signature" before "header"), or ""."""
    return next(iter(_shapes_asked(question, plan)), "")


def _levels(text: str) -> set[str]:
    """Education levels a text names (mầm non, tiểu học, THCS, …), abbreviations included."""
    from .manifest import LEVELS

    key = fold(expand_abbreviations(text, keep_original=False, lenient=True))
    key_bare = strip_diacritics(key)
    return {lvl for lvl, names in LEVELS.items() if any(n in key or strip_diacritics(n) in key_bare for n in names)}


def _asks_figure(question: str) -> bool:
    """Does the question ask for an amount or a year (a figure the plan must state for it)?"""
    q = _question_key(question)
    if _REFERENCE_Q.search(q) or _DATE_Q.search(q):
        return False  # "quyết định số mấy", "đề ngày bao nhiêu": a document's number or day, not an amount
    return bool(_YEAR_Q.search(q) or _AMOUNT_Q.search(q))


def _typed_question(question: str) -> bool:
    """Does the question ask for one kind of thing: a year, an amount, a document's number?"""
    q = _question_key(question)
    return bool(_YEAR_Q.search(q) or _AMOUNT_Q.search(q) or _REFERENCE_Q.search(q))


def _not_kind_words(units: list[tuple[str, ...]], chunks: list[Chunk]) -> list[tuple[str, ...]]:
    """The question's units less the words that say which block of the document is meant ("gửi
    cho" means the Nơi nhận list): in that block they ask nothing a line must hold. Unchanged
    when that leaves nothing."""
    said = {w for c in chunks for w in words(phrases.SECTION_KIND_WORDS.get(c.section_kind, ""))}
    said |= {strip_diacritics(w) for w in said}
    rest = [u for u in units if not all(t in said for t in u)]
    return rest or units


_TOPIC_LEAD = re.compile(r"^\s*(?:về|ve|đối với|doi voi)\s+(.+?)\s*,", re.IGNORECASE)


def _topic_of(question: str) -> str:
    """"Về xã hội hóa giáo dục, A và B nêu gì?": the topic the question puts first, bare-folded."""
    m = _TOPIC_LEAD.search(expand_abbreviations(question, keep_original=False, lenient=True))
    return " ".join(strip_diacritics(w) for w in words(m.group(1))) if m else ""


def _names_topic(topic: str, text: str) -> bool:
    """Does the text name the topic, or its head ("xã hội hóa" for "xã hội hóa giáo dục")?"""
    bare = " " + " ".join(strip_diacritics(w) for w in words(expand_abbreviations(text))) + " "
    parts = topic.split()
    shortest = max(2, len(parts) - 2)
    return any(f" {' '.join(parts[:n])} " in bare for n in range(len(parts), shortest - 1, -1))


_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:[-–]|đến(?: năm)?)\s*((?:19|20)\d{2})\b")


def _outside_period(question: str, chunk: Chunk) -> bool:
    """Does the question name a year that the period in the chunk's own heading leaves out?"""
    years = {int(y) for y in _YEAR.findall(question)}
    if not years or not chunk.trail:
        return False
    m = _RANGE.search(fold(chunk.trail[-1]))
    if not m:
        return False
    lo, hi = int(m.group(1)), int(m.group(2))
    return not any(lo <= y <= hi for y in years)


_DATE_Q = re.compile(r" (ngay nao|ngay bao nhieu|ngay may|ngay thang nao) ")
_DATE = re.compile(r"\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\b|ngày\s*\d{1,2}\s*(?:tháng|/)\s*\d{1,2}", re.IGNORECASE)
# a year inside a document number ("05/2009/QĐ-UBND", "Thông tư 17/2019") or a date is no period
_NOT_PERIOD = re.compile(r"\d+\s*/\s*(?:\d{1,2}\s*/\s*)?(?:19|20)\d{2}(?:\s*/\s*[\wĐđ-]+)?|"
                         r"ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*(?:19|20)\d{2}|"
                         # a year in a name: "Chương trình giáo dục phổ thông 2018", "CT GDPT 2018", "Luật Giáo dục 2019"
                         r"(?:phổ thông|GDPT|Luật [^\d,.;()]{2,40}?)\s*(?:năm\s*)?(?:19|20)\d{2}", re.IGNORECASE)


# a document type (or its short form) shortly before a period: the period is part of its name
_PLAN_PERIOD = re.compile(r"(?i)\b(?:kế hoạch|đề án|quyết định|chương trình|quy hoạch|báo cáo|ke hoach|de an|kh|đa)\b"
                          r"(?:(?!\b(?:có|bao nhiêu|là|co|bao nhieu)\b)[^?])*$")


def _periods(text: str) -> list[tuple[int, int]]:
    """The years and year ranges a text names as periods (not inside a document number or date)."""
    text = _NOT_PERIOD.sub(" ", text)
    out = [(int(m.group(1)), int(m.group(2))) for m in _RANGE.finditer(text)]
    text = _RANGE.sub(" ", text)
    return out + [(int(y), int(y)) for y in _YEAR.findall(text)]


def _span(lo: int, hi: int) -> tuple[int, int]:
    """A period as a half-open span of years: a school year "2021-2022" is [2021, 2022), so it
    does not meet "2022-2023"; a single year or a longer period includes its last year."""
    return (lo, hi) if hi == lo + 1 else (lo, hi + 1)


def _periods_meet(question: str, sentence: str, own_period: str = "") -> bool:
    """A question that names a period is not answered by a sentence about other years only:
    they meet when some named year or range overlaps one of the sentence's (or the sentence
    names none). The plan's own period ("Kế hoạch … năm 2022") names the plan, not a period asked."""
    own = set(_periods(own_period.split(",")[0]))
    # only where it stands in the plan's name ("Kế hoạch … năm học 2024 - 2025"); "Năm học 2024 -
    # 2025 trường có bao nhiêu GV…" asks about that year even in that year's plan
    named = {p for p in own if _PLAN_PERIOD.search(_NOT_PERIOD.sub(" ", question).split(str(p[0]))[0][-90:])} if own else set()
    asked, said = [p for p in _periods(question) if p not in named], _periods(sentence)
    if not asked or not said:
        return True
    return any(a[0] < s[1] and s[0] < a[1] for a in map(lambda p: _span(*p), asked) for s in map(lambda p: _span(*p), said))


# "bậc 3", "hạng II", "mức 2": a grade the question names must be the one the sentence states
# a grade of a scale: "bậc 3", "hạng II", and the ratings of the professional standard ("mức tốt",
# "mức khá"): a figure for one grade answers nothing about another
_GRADE = re.compile(r"\b(bậc|hạng|mức độ|mức|cấp độ|level)\s+(\d+|[IVX]+|tốt|khá|đạt|chưa đạt|xuất sắc)(?!\w)", re.IGNORECASE)


# "mức phụ cấp …", "mức hỗ trợ …": the thing whose level an amount question asks (not a grade:
# "mức khá", "mức độ", "mức nào")
_MEASURED_Q = re.compile(r" mức (\w+ \w+) (?:\w+ ){0,8}?(?:là )?(?:bao nhiêu|mấy) ")
_GRADE_WORDS = {"khá", "tốt", "đạt", "độ", "nào", "chưa", "xuất", "trung", "cao", "thấp", "giỏi"}
# the names of document types ("tờ trình", "báo cáo", "hướng dẫn"): they name documents, not topics
_DOC_TYPE_WORDS = {fold(t) for t in DOC_TYPES.values()}
# a kind's full name and what it adds ("chương trình hành động": "hành động") name the kind too
_DOC_TYPE_WORDS |= {fold(k) for k in DOC_TYPES} | {fold(k)[len(fold(v)):].strip() for k, v in DOC_TYPES.items()
                                                  if fold(k) != fold(v)}
_DOC_TYPE_WORDS |= {strip_diacritics(t) for t in _DOC_TYPE_WORDS}


def _table_caption(chunk: Chunk, sentence: str) -> str:
    """The line announcing the table a row stands in ("Tỷ lệ GV đạt trình độ chuẩn … theo từng
    năm:" above "Cấp học | Năm 2022 | …"): what the row's bare cells ("Tiểu học: Năm 2024: 84%")
    are figures of; "" for a sentence outside a table."""
    lines = chunk.text.split("\n")
    at = next((i for i, line in enumerate(lines) if sentence in line), None)
    if at is None:
        return ""
    for i in range(at, -1, -1):
        if " | " in lines[i]:  # the column headers: the caption stands above them
            above = lines[i - 1].strip() if i > 0 else ""
            return above if above.endswith(":") and " | " not in above else ""
        if i < at and not re.search(r":\s*\S", lines[i]):
            return ""  # a line that is no row: the sentence is not in a table
    return ""


def _captions_table(chunk: Chunk, sentence: str) -> bool:
    """Is the sentence the line announcing a table ("Tỷ lệ GV đạt chuẩn qua 03 năm học:" above
    "Cấp học | Năm học 2018-2019 | …") and stating no share or sum itself? Its figures are in the
    rows, not in it."""
    if _PERCENT.search(sentence) or _MONEY.search(sentence):
        return False  # "Tổng kinh phí dự kiến: 12.600 triệu đồng, phân kỳ như sau:" states its own sum
    lines = chunk.text.split("\n")
    return any(sentence in line and line.rstrip().endswith(":") and " | " in nxt for line, nxt in zip(lines, lines[1:]))


def _done_to_the_plan(phrase: str, asked: str) -> bool:
    """"lúc xây dựng kế hoạch", "khi ban hành đề án": a phrase the question says of the plan
    itself (followed by a document type), not a topic in it. Both padded, folded, single-spaced."""
    return any(f" {phrase} {t} " in asked for t in _DOC_TYPE_WORDS)
# the kinds of document a question asks for by number ("kế hoạch số mấy", "thông tư nào"), with
# the codes their numbers carry ("…/KH-…", "…/TT-BGDĐT", "05-CT/TW")
_KIND_CODES = {"ke hoach": "KH", "quyet dinh": "QĐ", "thong tu": "TT", "nghi dinh": "NĐ", "nghi quyet": "NQ",
               "chi thi": "CT", "to trinh": "TTr", "huong dan": "HD", "cong van": "", "chuong trinh": "CTr"}
_KIND_ASKED = re.compile(r" (" + "|".join(_KIND_CODES) + r") (?:so )?(?:nao|may|bao nhieu) " + NOT_COUNTED)


def _cites_kind_asked(key: str, sentence: str) -> bool:
    """A question asking a document of one kind by number ("kế hoạch số mấy của Phòng") is
    answered by a sentence citing one of that kind (its name before a number, or its code)."""
    m = _KIND_ASKED.search(key)
    if not m:
        return True
    # "những nghị định và thông tư nào": every kind named in the asking phrase
    phrase = key[max(0, m.start() - 40): m.end()]
    kinds = [k for k in _KIND_CODES if f" {k} " in phrase] or [m.group(1)]
    bare = strip_diacritics(fold(sentence))
    # "Thông tư liên tịch số 06/2015/TTLT-…": a qualifier may stand between the kind and its number
    return any(re.search(rf"\b{kind}(?: \w+){{0,2}}\s*(?:so\s*)?\d", bare)
               or (_KIND_CODES[kind] and re.search(rf"\d\s*(?:/\s*(?:\d{{4}}\s*/\s*)?|-){re.escape(_KIND_CODES[kind])}",
                                                   sentence))
               for kind in kinds)


def _only_own_reference(sentence: str, own_number: str) -> bool:
    """Are all the document numbers a sentence cites the plan's own ("512/QĐ-UBND")?"""
    refs = re.findall(r"\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\wĐđ-]*", sentence)
    own = re.sub(r"\s+", "", own_number)
    return bool(refs) and all(re.sub(r"\s+", "", r) == own for r in refs)


def _within_own_period(key: str, own_period: str) -> bool:
    """Does the question (key) name only years of the plan's roadmap: after the year it starts
    (the first year of its period is the one its status is counted in)?"""
    span = [int(y) for y in re.findall(r"(?:19|20)\d{2}", own_period or "")]
    years = [int(y) for y in _YEAR.findall(key)]
    return bool(span and years) and all(min(span) < y <= max(span) for y in years)


def _grades_meet(question: str, sentence: str) -> bool:
    asked = {(fold(m.group(1)), m.group(2).upper()) for m in _GRADE.finditer(question)}
    if not asked:
        return True
    said = {(fold(m.group(1)), m.group(2).upper()) for m in _GRADE.finditer(sentence)}
    kinds = {k for k, _ in asked}
    said_same_kind = {g for g in said if g[0] in kinds}
    return not said_same_kind or bool(asked & said_same_kind)


# what a number counts when it is no head count: "01 đợt", "120 tiết", "6.000.000 đồng", "05 năm"
_NOT_PEOPLE = re.compile(r"\s*(?:đợt|lần|tiết|ngày|tháng|năm|đồng|đ\b|triệu|tỷ|nghìn|ngàn|giờ|phút|buổi|tuần|"
                         r"mô[ -]?đun|module|tín chỉ|lớp|trường|điểm|khóa|khoá)", re.IGNORECASE)


# what a count of anything (schools, classes, people) is never stated in: time and money
_NOT_COUNTED_UNIT = re.compile(r"\s*(?:lần|tiết|ngày|tháng|năm|đồng|đ\b|triệu|tỷ|nghìn|ngàn|giờ|phút|tuần)\b", re.IGNORECASE)
_GRADE_BEFORE = re.compile(r"\b(?:bậc|hạng|cấp độ|mô[ -]?đun|module|nội dung|lớp|khóa|khoá|đợt|mục|điều|khoản)\s*$",
                           re.IGNORECASE)


def _quantity(sentence: str, counts_only: bool = False, of_people: bool = False) -> bool:
    """A percentage, or a number that is neither a year nor part of a document number
    (`counts_only`: not a percentage either; `of_people`: nor a number of rounds, hours, days or
    đồng)."""
    if _PERCENT.search(sentence) and not counts_only:
        return True
    if _FRACTION.search(sentence):  # "58/60 người": a share as a fraction
        return True
    for m in re.finditer(r"(?<![\w/.-])(\d+(?:[.,]\d+)*)(?![\w/-])(?!\s*%)", sentence):
        if of_people and _NOT_PEOPLE.match(sentence, m.end()):
            continue
        if counts_only and _NOT_COUNTED_UNIT.match(sentence, m.end()):
            continue  # "định kỳ 3 tháng, 6 tháng": a span of time or a sum, no count of schools
        if _GRADE_BEFORE.search(sentence, 0, m.start()):
            continue  # "bậc 2", "hạng III", "mô đun 3": the name of a grade or an item, no amount
        if not _YEAR.fullmatch(m.group(1)):
            return True
    return False


def _numbers_present(question: str, doc_text: str, plan) -> bool:
    """Every number the question states (a year, a plan number) must stand in the plan."""
    key = fold(doc_text) + " " + fold(" ".join(plan.aliases))
    return all(n in key for n in re.findall(r"\b\d{2,}\b", question))


def _ranges_present(question: str, doc_text: str) -> bool:
    """Every year range the question names ("năm học 2021-2022") is one the plan names too,
    however it prints the dash; a plan silent on that school year has no figure for it."""
    asked = [p for p in _periods(question) if p[0] != p[1]]
    if not asked:
        return True
    printed = set(_periods(doc_text))
    return all(p in printed for p in asked)


def _direct_lead(question: str, sentence: str) -> str:
    """A one-phrase answer when the quoted sentence holds exactly one year or one percentage."""
    q = fold(question)
    qb = strip_diacritics(q)
    if _YEAR_Q.search(q) or _YEAR_Q.search(qb):
        years = list(dict.fromkeys(_YEAR.findall(sentence)))
        if len(years) == 1:
            return f"Năm {years[0]}."
    return ""


_PLACE_RE = re.compile(
    r"\b(?i:(?:huyện|quận|tỉnh|thành phố|thị xã|xã|phường|thị trấn|trường|huyen|quan|tinh|thanh pho|thi xa|xa|phuong|truong))\s+"
    r"((?i:mầm non|mẫu giáo|tiểu học|trung học cơ sở|trung học phổ thông|mam non|tieu hoc)\s+)?"
    rf"([{UPPER}]\w*(?:\s+[{UPPER}]\w*){{0,3}})"
)


def place_names(index: PlanIndex) -> set[str]:
    """Every plan's aliases and locality parts, folded and bare."""
    return index.derived("place_names", lambda: {
        strip_diacritics(fold(n)) for p in index.plans.values() for n in p.aliases + p.locality.split(", ") if n
    })


def alias_places(index: PlanIndex) -> str:
    """The plans' localities and aliases as one folded, bare string (names, not text: small)."""
    return index.derived("alias_places", lambda: " " + re.sub(r"[^\w]+", " ", strip_diacritics(fold(" ".join(
        p.locality + " " + " ".join(p.aliases) for p in index.plans.values())))) + " ")


def _in_corpus(phrase: str, index: PlanIndex, unit: str = "") -> bool:
    """Does some passage hold this folded, bare phrase (or, with `unit`, the name in a passage
    that lists places of that unit: "các xã … (Đại Ân 2, Viên An, …)", a table whose column is
    "Quận, huyện")? Only the passages holding all its words (from the BM25 postings) are read,
    so the cost follows those hits, not the corpus size."""
    listing = _LISTED_UNITS.get(unit, ())
    for chunks in index.chunks_with([phrase.split()]).values():
        for chunk in chunks:
            text = " " + re.sub(r"[^\w]+", " ", strip_diacritics(fold(chunk.index_text(index.plans[chunk.doc_id])))) + " "
            if f" {phrase} " in text and (not unit or any(f" {cue} " in text for cue in listing)):
                return True
    return False


# units a plan lists by name after the unit word once ("các xã Đại Ân 2, Viên An, …"); a
# district only in a list or table of districts ("| Quận, huyện | … |" then "| Hòa Vang | 50 |"),
# since a plan names its own district's places beside the word "huyện" everywhere
_LISTED_UNITS = {"xa": ("xa",), "phuong": ("phuong",), "thi tran": ("thi tran",),
                 "huyen": ("quan huyen", "huyen thi xa", "cac huyen"), "quan": ("quan huyen", "cac quan"),
                 "thi xa": ("huyen thi xa", "cac thi xa")}


def unknown_place(question: str, index: PlanIndex) -> bool:
    """The question names a place or school (capitalized) that no plan in the corpus mentions."""
    names = place_names(index)
    for m in _PLACE_RE.finditer(expand_abbreviations(question, keep_original=False)):
        unit = strip_diacritics(fold(m.group(0)[: m.start(2) - m.start(0)])).strip()  # "thanh pho", "truong mam non"
        name = strip_diacritics(fold(m.group(2)))
        # known if a plan is named so, or the corpus has this very place ("quận Ba Đình", not just "… Hồ Chí Minh")
        if name and name not in names and f" {unit} {name} " not in alias_places(index) \
                and not _in_corpus(f"{unit} {name}", index) and not (unit in _LISTED_UNITS and _in_corpus(name, index, unit)):
            return True
    return False


def _plan_clauses(question: str, index: PlanIndex) -> dict[str, str]:
    return plan_clauses(question, index.plans)


# an answer quoting the plan's header or signature because the question asks who signed it, when
# or under which number
SHAPED = "header or signature asked"
# abstentions decided by a coverage threshold, which the fitted scorer may overrule
RESCUABLE = ("best passage does not cover the question", "low plan coverage")


def abstain(reason: str = "") -> Answer:
    return Answer(answer=phrases.NOT_FOUND, abstained=True, citations=[], reason=reason)


class Assistant:
    """Question (+ history) -> Answer. Collaborators are passed in, never reached for."""

    def __init__(self, index: PlanIndex, retriever: HybridRetriever | None = None, composer: Composer | None = None,
                 structured=None, scorer: SentenceScorer | None = None, llm=None) -> None:
        self.index = index
        # a llama-index LLM (assistant.llm.make_llm) that writes answers the code then checks; None: quotes only
        self.llm = llm
        self.last_generation = None  # the last Generated (raw text, dropped sentences, seconds), for evals
        self.retriever = retriever or HybridRetriever(index)
        self.composer = composer or ExtractiveComposer(
            min_coverage=index.settings.min_coverage, min_sentence_coverage=index.settings.min_sentence_coverage
        )
        if isinstance(self.composer, ExtractiveComposer):
            self.composer.word_weights = index.settings.word_weights
        # tables and checklists from the extracted records; it borrows the composer's coverage test
        self.structured = structured if structured is not None else StructuredAnswerer(
            self.composer if hasattr(self.composer, "coverage") else None, min_coverage=index.settings.min_coverage)
        self.rerank_weight = index.settings.rerank_weight
        # the fitted sentence scorer (assistant/data/scorer.json); None: the composer alone
        self.scorer = scorer if scorer is not None else (default_scorer() if index.settings.use_scorer else None)

    def evidence(self, question: str, history: list[str] | None = None, continues: bool = False,
                 within: list[str] | None = None) -> Evidence:
        """What the retriever and the composer read for a question (`continues`: a part of the
        last history entry, read in its context: "có bao nhiêu người đã ra trường?")."""
        question = check_question(question, self.index.settings.max_question_chars)
        history = [h for h in (history or []) if h and h.strip()]
        effective = f"{question} {history[-1]}" if continues and history else resolve_followup(question, history)
        if self.llm is not None and history:  # the model restates the follow-up on its own; the rules otherwise
            from .generation import condense

            effective = condense(self.llm, question, history) or effective
        query = analyze(effective, self.index.plans)
        own = analyze(question, self.index.plans)
        if own.doc_ids:  # a plan named now overrides the one named earlier
            query.doc_ids = own.doc_ids
        elif history and effective == question and not continues and not query.doc_ids and not query.cross_plan:
            # a question of a conversation that names no plan ("Vậy hồ sơ gửi bằng hình thức nào?")
            # is asked of the plan the last turn named: searched there, read on its own words
            query.doc_ids = analyze(history[-1], self.index.plans).doc_ids
        if within:  # the other plan of a name two plans share, asked the same question
            query.doc_ids = list(within)
        if effective != question:
            query.focus = question
        query.parts = [question] if continues else question_parts(question)
        # a follow-up, or a part of a joined question, asks about the roles of the rest unless it
        # names its own, or names its own plan ("…, còn cấp MN của Ba Đình có bao nhiêu trường?":
        # the part beside it is about another plan's teachers)
        query.roles = roles_asked(question) or (set() if continues and own.doc_ids else roles_asked(effective))
        if not has_diacritics(effective):
            # "dong hung … giao vien cot can": the meaning is searched with the diacritics put back
            query.expanded = expand_abbreviations(restored(effective, self.index), keep_original=True, lenient=True)
        if query.doc_ids and has_diacritics(effective):
            unnamed = " ".join(_without_names(effective, self.index, keep_case=True).split())
            if len(words(unnamed)) >= 3:  # something left to search by
                query.unnamed = expand_abbreviations(unnamed, keep_original=True, lenient=True)
        # "Tuần Giáo có bao nhiêu trường …?" with two Tuần Giáo plans indexed, and nothing asking to
        # compare them: one search within both, and the plan whose passages answer best is the one
        # asked about (below); plans told apart by name or number are each searched
        shared = len(query.doc_ids) >= 2 and not query.cross_plan and not named_apart(effective, self.index.plans, query.doc_ids)
        spread = query.doc_ids if len(query.doc_ids) >= 2 and not shared else []
        if query.about_assistant or own.about_assistant:  # nothing in the plans answers it: no search
            query.about_assistant = True
            return Evidence(query=query, hits=[], question=question, effective_question=effective)
        if query.cross_plan and not query.doc_ids:
            # a question about all plans: one search over the corpus, grouped by plan
            hits = self.retriever.search_by_plan(query, per_plan=4)
        elif spread:  # a comparison of named plans: look into each of them, not only the top hits
            hits: list[Hit] = []
            clauses = _plan_clauses(effective, self.index) if len(query.doc_ids) >= 2 else {}
            for d in spread:
                # "Tuần Giáo có bao nhiêu GV, còn Ba Đình có bao nhiêu trường": each plan is
                # searched with the words of the clause that names it weighing double
                mine = replace(query, focus=clauses[d]) if d in clauses else query
                hits.extend(self.retriever.search(mine, k=6 if d in clauses else 4, doc_ids=[d]))
            hits.sort(key=lambda h: -h.score)
        else:
            hits = self.retriever.search(query)
        if shared and hits:
            query.shared_with = [d for d in query.doc_ids if d != hits[0].chunk.doc_id]
            query.doc_ids = [hits[0].chunk.doc_id]
            hits = [h for h in hits if h.chunk.doc_id == query.doc_ids[0]]
        if block := named_block(effective):
            # "có gửi cho Sở … không?": only the Nơi nhận lists can say so
            hits = [h for h in hits if h.chunk.section_kind == block] or hits
        evidence = Evidence(query=query, hits=hits, question=question, effective_question=effective,
                            history=history, continues=continues, within=list(within or []))
        composer = self.composer
        if hasattr(composer, "content_tokens"):
            evidence.tokens = composer.content_tokens(question, query, self.index)
            evidence.units = composer.content_units(question, self.index)
            asked = _without_descriptors(question, own.doc_ids, self.index)
            if asked != question and has_diacritics(question):
                evidence.asked_units = composer.content_units(asked, self.index)
            if not has_diacritics(question):
                # segmented with diacritics put back ("si so hoc sinh" -> "sĩ số | học sinh"), then
                # matched bare as typed, so a wrongly restored tone costs nothing
                units = composer.content_units(restored(question, self.index), self.index)
                evidence.units = list(dict.fromkeys(tuple(strip_diacritics(t) for t in u) for u in units))
            if effective != question:
                evidence.context_tokens = composer.content_tokens(effective[len(question):], query, self.index)
                evidence.context_units = composer.content_units(effective[len(question):], self.index)
            evidence.hits = composer.rerank(evidence, self.index, self.rerank_weight)
        return evidence

    def ask(self, question: str, history: list[str] | None = None) -> Answer:
        return self.answer(self.evidence(question, history))

    def stream(self, question: str, history: list[str] | None = None):
        """Like ``ask``, for showing an answer as it is written: yields the checked sentences of
        a generated answer as they come (nothing with no LLM), then the final Answer."""
        evidence = self.evidence(question, history)
        composed = self.respond(evidence)
        if self.llm is None:
            yield composed
            return
        from .generation import Generated, generate_stream

        try:
            for part in generate_stream(self.llm, evidence, self.index, composed):
                if isinstance(part, Generated):
                    self.last_generation = part
                    yield part.answer
                else:
                    yield part
        except Exception as exc:  # noqa: BLE001 - the endpoint failed mid-way: the quoted answer stands
            self.last_generation = Generated(answer=composed, dropped=[("", phrases.LLM_FAILED.format(error=exc))])
            yield composed

    def answer(self, evidence: Evidence) -> Answer:
        """The composer's answer, or, with an LLM configured, the model's answer as checked by code."""
        answer = self.respond(evidence)
        if self.llm is None:
            return answer
        from .generation import Generated, generate

        try:
            self.last_generation = generate(self.llm, evidence, self.index, answer)
        except Exception as exc:  # noqa: BLE001 - an endpoint down or a model error: the quoted answer stands
            self.last_generation = Generated(answer=answer, dropped=[("", phrases.LLM_FAILED.format(error=exc))])
        return self.last_generation.answer

    def respond(self, evidence: Evidence) -> Answer:
        """The answer to gathered evidence: a table/checklist from the records, else quoted passages,
        checked by the fitted sentence scorer where one is configured. A question naming a place two
        plans share is answered from the plan that answers it best, and from the other too when
        that one answers it as well ("Lục Ngạn" has a plan of 2022 and one of 2025)."""
        answer = self._respond_one(evidence)
        if not evidence.query.shared_with or evidence.query.about_assistant:
            return answer
        answers = [answer]
        for other in evidence.query.shared_with:
            more = self._respond_one(self.evidence(evidence.question, evidence.history, evidence.continues, within=[other]))
            answers.append(more)
        said = [a for a in answers if not a.abstained]
        if len(said) <= 1:
            return said[0] if said else answer
        pieces: list[str] = []
        citations: list[Citation] = []
        for a in said:
            offset = len(citations)
            renumber = {c.id: str(offset + i + 1) for i, c in enumerate(a.citations)}
            pieces.append(_REF_RE.sub(lambda m: f"[{renumber.get(m.group(1), m.group(1))}]", a.answer))
            citations += [c.model_copy(update={"id": renumber[c.id]}) for c in a.citations]
        return Answer(answer="\n\n".join(pieces), abstained=False, citations=citations, reason="plans sharing a name")

    def _respond_one(self, evidence: Evidence) -> Answer:
        if evidence.query.about_assistant:
            return Answer(answer=phrases.ABOUT_ASSISTANT, abstained=True, citations=[])
        answer = None
        unknown = bool(evidence.hits) and unknown_place(evidence.query.text, self.index)
        if self.structured and evidence.hits and not unknown:
            answer = self.structured.answer(evidence, self.index)
        from_records = answer is not None
        if answer is None:
            answer = self.composer.compose(evidence, self.index)
            if self.scorer is not None and evidence.hits and not unknown and isinstance(self.composer, ExtractiveComposer):
                answer = self.checked(answer, evidence)
        listed = from_records and not evidence.query.doc_ids and len({c.doc_id for c in answer.citations}) >= 2
        if evidence.hits and not unknown and not listed:
            # (a list over the plans, naming none, "Những KH nào giao nhiệm vụ cho Phòng Nội vụ?
            # Nhiệm vụ là gì?", is answered whole by the records: its parts are no questions of one plan)
            answer = self._by_parts(answer, evidence)
        return consolidate_answer(answer, self.index)

    def _by_parts(self, answer: Answer, evidence: Evidence) -> Answer:
        """A question that joins two ("cử bao nhiêu GV đi học, và bao nhiêu người đã ra trường?")
        quoted from one plan: each part answered in the context of the whole, the answers in
        order, when every part has one. The whole's abstention stands."""
        parts = evidence.query.parts
        if len(parts) < 2 or all(_shapes_asked(part) for part in parts):
            return answer  # "ký ngày nào và ai ký?": the header and the signature are quoted together
        pieces: list[str] = []
        citations: list[Citation] = []
        subs = []
        for part in parts:
            # quoted by the composer: the records' follow-up and verdict routes read a part as a
            # follow-up to the whole, which it is not
            # (the plan the whole was narrowed to, among plans sharing its name, is the parts' plan too)
            narrowed = evidence.query.doc_ids if evidence.query.shared_with or evidence.within else None
            part_evidence = self.evidence(part, [part_context(evidence.effective_question, part)], continues=True,
                                          within=narrowed)
            sub = self.composer.compose(part_evidence, self.index)
            if self.scorer is not None and part_evidence.hits and isinstance(self.composer, ExtractiveComposer):
                sub = self.checked(sub, part_evidence)
            subs.append((part_evidence, sub))
        quoted = [c for _, sub in subs if not sub.abstained for c in sub.citations]
        for part_evidence, sub in subs:
            if sub.abstained and not any(self._answers_part(c, part_evidence) for c in quoted):
                # the whole's quotes may hold this part too ("38/41 GV …, trong đó 04 GV thạc sĩ"):
                # a part without an answer of its own, nor one in another part's quote, leaves
                # the whole's answer as it is
                return answer
        for part_evidence, sub in subs:
            if sub.abstained:
                continue  # answered by the quote of another part ("lấy chứng chỉ gì và hạn chót khi nào")
            offset = len(citations)
            renumber = {c.id: str(offset + i + 1) for i, c in enumerate(sub.citations)}
            pieces.append(_REF_RE.sub(lambda m: f"[{renumber.get(m.group(1), m.group(1))}]", sub.answer))
            citations += [c.model_copy(update={"id": renumber[c.id]}) for c in sub.citations]
        if len({c.text for c in citations}) <= len({c.text for c in answer.citations}) \
                and {c.text for c in citations} <= {c.text for c in answer.citations}:
            return answer  # the parts found nothing the whole had not quoted
        return Answer(answer="\n\n".join(pieces), abstained=False, citations=citations, reason="by parts")

    def _answers_part(self, citation: Citation, part_evidence: Evidence) -> bool:
        """Does a passage another part quotes state what this part asks, of the plan it asks
        about ("… chứng chỉ kế toán trưởng trước ngày 30/6/2025" for "hạn chót khi nào?")?"""
        if not isinstance(self.composer, ExtractiveComposer) or not part_evidence.hits:
            return False
        if not _WHEN_WHERE_PART.search(_question_key(part_evidence.question)):
            return False  # only a time or a place rides on another part's quote; a figure needs its own
        if citation.doc_id != part_evidence.hits[0].chunk.doc_id:
            return False
        chunk = next((c for c in self.index.chunks_of(citation.doc_id) if c.section == citation.section
                      and citation.text in c.text), None)
        if chunk is None:
            return False
        plan = self.index.plans[citation.doc_id]
        return self.composer.answer_type_ok(part_evidence.effective_question, citation.text, chunk, own_period=plan.period,
                                            own_number=plan.number, roles=part_evidence.query.roles,
                                            now=part_evidence.question)

    def checked(self, answer: Answer, evidence: Evidence) -> Answer:
        """The composer's quote, or abstention, weighed by the fitted scorer: a sentence it rates
        above `rescue` is quoted where the composer abstained; a quote it rates below `veto`,
        with nothing rated better, becomes an abstention; a quote it rates far below (by `margin`)
        another sentence of the same plan rated above `switch` gives way to that sentence."""
        from .scoring import candidates

        scorer = self.scorer
        if answer.reason == SHAPED:
            return answer  # the plan's own header or signature, asked for by what it is: no sentence weighing
        single = not answer.abstained and answer.table is None and len({q.doc_id for q in answer.citations}) == 1
        if not (answer.abstained and scorer.rescue <= 1) and not (single and (scorer.veto >= 0 or scorer.switch <= 1)):
            return answer  # the calibration chose not to overrule this kind of answer: nothing to score
        scored = candidates(evidence, self.index, self.composer, self.index.embedder, limit=scorer.max_candidates,
                            dense=scorer.uses_dense)
        if not scored:
            return answer
        for c in scored:
            c.probability = scorer.probability(c.features)
        question = evidence.effective_question

        def typed_ok(c) -> bool:
            plan = self.index.plans[c.chunk.doc_id]
            return self.composer.answer_type_ok(question, c.text, c.chunk, own_period=plan.period, own_number=plan.number,
                                                roles=evidence.query.roles, now=evidence.question)

        if answer.abstained:
            best = max(scored, key=lambda c: c.probability)
            # only a threshold call is overruled: a period, number or field the plan lacks stays a no
            if answer.reason not in RESCUABLE or best.probability < scorer.rescue or not typed_ok(best):
                return answer
            return self._quoting(best, "scorer: rescued")
        quoted = [c for c in scored if any(fold(c.text) in fold(q.text) for q in answer.citations)]
        if single and quoted and max(scored, key=lambda c: c.probability).probability < scorer.veto:
            return abstain("scorer: every sentence below the veto threshold")
        if single and scorer.switch <= 1:
            plan = answer.citations[0].doc_id
            mine = [c for c in scored if c.chunk.doc_id == plan and typed_ok(c)]
            best = max(mine, key=lambda c: c.probability, default=None)
            kept = max((c.probability for c in quoted), default=0.0)
            if best is not None and best.probability >= scorer.switch and kept < best.probability - scorer.margin:
                return self._quoting(best, "scorer: switched")
        return answer

    def _quoting(self, best, reason: str) -> Answer:
        plan = self.index.plans[best.chunk.doc_id]
        # a sentence that announces a list or a table ("… qua 03 năm học:") comes with its items
        sentences = self.composer._with_announced_items([Sentence(best.text, best.chunk, best.probability)])
        citations = [_cite(str(i + 1), s.chunk, s.text, self.index) for i, s in enumerate(sentences)]
        text = " ".join([phrases.PLAN_SAYS.format(plan=plan.label, section=section_ref(citations[0], self.index),
                                                  quote=f"“{best.text}”", ref="1")]
                        + [f"“{c.text}” [{c.id}]" for c in citations[1:]])
        return Answer(answer=text, abstained=False, citations=citations, reason=reason)


_REF_RE = re.compile(r"\[(\d+)\]")


def _headed(citation: Citation, index: PlanIndex) -> Citation:
    section = index.parsed(citation.doc_id).find(citation.section)
    if section is None or section.kind in SKIPPED_KINDS:
        return citation
    return with_heading(citation, section.title, section.start, index.text(citation.doc_id))


def consolidate_answer(answer: Answer, index: PlanIndex) -> Answer:
    """One citation per passage: quotes close together in one section share one reference, and
    a passage starts at its section's short heading when that lies just above it."""
    citations, mapping = consolidate(answer.citations, index.text)
    citations = [_headed(c, index) for c in citations]
    if len(citations) == len(answer.citations):
        return answer.model_copy(update={"citations": citations})
    text = _REF_RE.sub(lambda m: f"[{mapping.get(m.group(1), m.group(1))}]", answer.answer)
    # a line that quoted two sentences of one passage now reads "… [1] … [1]": keep both marks,
    # each quote still points at the passage that holds it
    table = None
    if answer.table is not None:
        table = [{**row, "ref": mapping.get(row["ref"], row["ref"])} if row.get("ref") else row for row in answer.table]
    return answer.model_copy(update={"answer": text, "citations": citations, "table": table})
