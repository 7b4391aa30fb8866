"""Quantified targets, status figures and role requirements, extracted from a plan's section tree.

Officials compare what districts promised; teachers ask what they need. Both need the facts
lined up as records that carry their plan, section and verbatim quote. Extraction is rules
over the genre's shape plus the lexicons in `data/targets.json` (metrics, populations,
levels, roles, requirement kinds, cue words); nothing here names a plan.

A *figure* is a percentage, a percentage range, a count with its unit, or (for a target
with nothing else to count) the year it is due. Each figure becomes one `TargetRecord`; its
metric, population and level come from the clause around it, then the sentence, then the
section's heading trail; its period from the clause, the sentence, the trail, and for
targets the plan's own period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
import json

from pydantic import BaseModel, Field

from .chunking import SENTENCE_END
from .manifest import PlanInfo
from .parsing import ParsedDocument, Section
from .text import clean_display, expand_abbreviations, fold, locate, strip_diacritics, speaks_to_the_assistant

SKIPPED_KINDS = {"header", "bases", "recipients", "signature"}
OTHER_METRIC = "chỉ tiêu khác"  # a figure whose notion the metric vocabulary does not name


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = resources.files("assistant").joinpath("data/targets.json").read_text("utf-8")
    raw = json.loads(data)
    compiled = dict(raw)
    for key in ("metrics", "populations", "levels", "roles", "requirements", "comparators"):
        compiled[key] = [
            {**entry, "regex": [re.compile(p) for p in entry["patterns"]]} for entry in raw[key]
        ]
    # a metric named half by the heading, half by the sentence ("1. Trình độ đào tạo của giáo
    # viên" over "- Mầm non: 402/482 giáo viên đạt chuẩn trở lên (83,4%)")
    compiled["headed_metrics"] = [
        (m["name"], [re.compile(h) for h in m["under_heading"]["heading"]], [re.compile(c) for c in m["under_heading"]["cue"]])
        for m in raw["metrics"] if "under_heading" in m
    ]
    return compiled


def metric_names() -> list[str]:
    return [m["name"] for m in lexicon()["metrics"]]


def metric_choices() -> list[str]:
    """What the compare picker offers: the group names users type ("trình độ đào tạo",
    "chuẩn nghề nghiệp") first, then every metric."""
    groups = list(lexicon().get("metric_groups", {}))
    return groups + [n for n in metric_names() if n not in groups]


def role_names() -> list[str]:
    return [r["name"] for r in lexicon()["roles"]]


def requirement_names() -> list[str]:
    return [r["name"] for r in lexicon()["requirements"]]


def level_names() -> list[str]:
    return [lv["name"] for lv in lexicon()["levels"]] + [lexicon()["whole_sector"]]


class TargetRecord(BaseModel):
    """One quantified target or status figure of one plan, with its provenance."""

    doc_id: str
    number: str = ""
    locality: str = ""
    plan_label: str = ""
    section: str = Field(description='section path as printed, e.g. "II.2.b"')
    heading: str = Field("", description="heading trail of the section")
    kind: str = Field(description="target | status | requirement")
    level: str = Field(description="mầm non, tiểu học, THCS, THPT, GDNN-GDTX or toàn ngành")
    population: list[str] = Field(default_factory=list)
    metric: str = Field(description="name from the metric vocabulary (data/targets.json)")
    value: str = Field(description='"94,5%", "50%–55%", "461", "2023"')
    unit: str = Field(description="%, người, trường, lớp, học sinh, năm…")
    count: str = Field("", description="the count that comes with a percentage, if any")
    comparator: str = Field("=", description="=, ≥, >, ≤")
    period: str = Field("", description='"2021–2025", "2025", or "" (status with no year)')
    when: str = Field("", description="the printed phrase that scopes it (giai đoạn…, đến năm…)")
    quote: str = Field(description="the clause as printed in the plan")
    start: int = -1
    end: int = -1
    source: str = ""

    @property
    def numeric(self) -> float | None:
        """The value as a number (the upper end of a range), for charts and sorting."""
        nums = re.findall(r"\d+(?:,\d+)?", self.value)
        return float(nums[-1].replace(",", ".")) if nums else None


class RequirementRecord(BaseModel):
    """A certificate, qualification or training a role must (or is encouraged to) have."""

    doc_id: str
    number: str = ""
    locality: str = ""
    plan_label: str = ""
    section: str
    heading: str = ""
    roles: list[str]
    level: str
    requirement: str = Field(description="name from the requirement vocabulary (data/targets.json)")
    detail: str = Field(description="the requirement as printed")
    strength: str = Field(description="bắt buộc | khuyến khích")
    when: str = ""
    quote: str
    start: int = -1
    end: int = -1
    source: str = ""


# ----------------------------------------------------------------------------- figures
_NUM = r"\d+(?:[.,]\d+)?"
_PCT_RANGE = re.compile(rf"({_NUM})\s*%?\s*[-–]\s*({_NUM})\s*%")
_PCT = re.compile(rf"({_NUM})\s*%")
_COUNT_UNITS = ("người", "trường", "trung tâm", "học sinh", "lớp", "viên chức", "công chức", "giáo viên", "cán bộ",
                "nhân viên", "đảng viên", "phó hiệu trưởng", "hiệu trưởng", "phó trưởng phòng", "trưởng phòng",
                "trẻ", "em", "GV", "NV", "CBQL")
_COUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*(" + "|".join(_COUNT_UNITS) + r")(?!\w)", re.IGNORECASE)
_BARE_COUNT = re.compile(r"\b(hiện có|thiếu|có|là|hợp đồng|tổng số)\s+(\d{1,3}(?:\.\d{3})+|\d+)(?!\d|[.,]\d|\s*%|\s*/(?!\s*\d+\s*lớp)|\s*(?:tháng|năm)\b)")
_LEADING_YEAR = re.compile(r"^(?:trong |vào |đến )?(?:năm học|năm|giai đoạn) \d{4}(?:\s*[-–]\s*\d{4})?")
_DUE_YEAR = re.compile(r"\b(?:vào|đến|trong) năm (\d{4})\b", re.IGNORECASE)
_CONTINUATION = re.compile(r"^\s*(?:\(?\s*(?:chiếm\s*)?(?:tỷ|tỉ) lệ|\(?\s*chiếm)", re.IGNORECASE)


@dataclass
class Figure:
    start: int  # offsets in the sentence
    end: int
    value: str
    unit: str
    kind: str  # pct | count | year


def _pct(text: str) -> str:
    return text.replace(".", ",").lstrip("0") or "0"


def _int(text: str) -> str:
    return str(int(text.replace(".", "")))


_FRACTION = re.compile(r"(?<![\d.,])(\d+)\s*/\s*(\d+)(?:\s*([^\W\d]+(?:\s[^\W\d]+)?))?\s*\(?\s*(?:chiếm\s*)?(?:(?:tỷ|tỉ) lệ\s*)?(\d+(?:[.,]\d+)?)\s*%")


def _fractions(sentence: str) -> list[re.Match]:
    """"24/26 giáo viên (92,3%)": a part over a total whose share is printed beside it (checked)."""
    out = []
    for m in _FRACTION.finditer(sentence):
        part, total = int(m.group(1)), int(m.group(2))
        if total and abs(100 * part / total - float(m.group(4).replace(",", "."))) < 0.6:
            out.append(m)
    return out


def _figures(sentence: str) -> list[Figure]:
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _fractions(sentence):  # the part is the count; the total is no figure of its own
        unit = _key(m.group(3) or "").split(" ")[0] if m.group(3) else ""
        out.append(Figure(m.start(1), m.end(1), _int(m.group(1)), unit if unit in _UNIT_WORDS else "", "count"))
        taken.append((m.start(1), m.end(2)))

    for m in _PCT_RANGE.finditer(sentence):
        out.append(Figure(m.start(), m.end(), f"{_pct(m.group(1))}%–{_pct(m.group(2))}%", "%", "pct"))
        taken.append(m.span())
    for m in _PCT.finditer(sentence):
        if free(*m.span()):
            out.append(Figure(m.start(), m.end(), f"{_pct(m.group(1))}%", "%", "pct"))
            taken.append(m.span())
    for m in _COUNT.finditer(sentence):
        if free(*m.span()):
            unit = fold(expand_abbreviations(m.group(2), keep_original=False))
            out.append(Figure(m.start(), m.end(), _int(m.group(1)), unit, "count"))
            taken.append(m.span())
    for m in _BARE_COUNT.finditer(sentence):
        if free(*m.span(2)):
            # "19.317/454 lớp": pupils over classes
            unit = "học sinh" if re.match(r"\s*/\s*\d+\s*lớp", sentence[m.end(2):]) else \
                "hợp đồng" if m.group(1) == "hợp đồng" else ""
            out.append(Figure(m.start(2), m.end(2), _int(m.group(2)), unit, "count"))
            taken.append(m.span(2))
    return sorted(out, key=lambda f: f.start)


def _in_parentheses(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    return before.count("(") > before.count(")")


# ----------------------------------------------------------------------------- clauses
_UNIT_WORDS = {"người", "trường", "giáo", "học", "lớp", "viên", "cán", "nhân", "trẻ", "em"}
_HARD = re.compile(r";\s*")
_SOFT = re.compile(r",\s+|\s+và\s+|\s+trong đó:?\s*|\s*/\s*(?=\d)")


def _pieces(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, after_hard_boundary) pieces between separators outside parentheses."""
    cuts = []
    fractions = [(m.start(1), m.end(2)) for m in _fractions(sentence)]
    for rx, hard in ((_HARD, True), (_SOFT, False)):
        cuts += [(m.start(), m.end(), hard) for m in rx.finditer(sentence)
                 if not _in_parentheses(sentence, m.start()) and not any(a <= m.start() < b for a, b in fractions)]
    cuts.sort()
    pieces, pos, hard_before = [], 0, True
    for a, b, hard in cuts:
        if a < pos:
            continue
        pieces.append((pos, a, hard_before))
        pos, hard_before = b, hard
    pieces.append((pos, len(sentence), hard_before))
    return [p for p in pieces if sentence[p[0]:p[1]].strip()]


def _clauses(sentence: str, figures: list["Figure"]) -> list[tuple[tuple[int, int], list["Figure"]]]:
    """Clauses with their figures.

    A piece with a figure starts a clause ("…94,5% giáo viên…, 80% giáo viên…"), except a
    "tỷ lệ X%" piece, which completes the count before it; a piece without one belongs to
    the clause it continues ("100% giáo viên và cán bộ quản lý … được bồi dưỡng"), or leads
    into the next one after a hard break (";").
    """
    clauses: list[list] = []  # [start, end, figures]
    for a, b, hard in _pieces(sentence):
        figs = [f for f in figures if a <= f.start < b]
        current = clauses[-1] if clauses else None
        if figs:
            if current and current[2] and _CONTINUATION.match(sentence[a:b]):
                current[1], current[2] = b, current[2] + figs
            elif current and not current[2] and not hard:
                current[1], current[2] = b, figs  # lead-in joins its figure
            else:
                clauses.append([a, b, figs])
        elif current and not hard:
            current[1] = b
        else:
            clauses.append([a, b, []])
    return [((a, b), figs) for a, b, figs in clauses if figs]


def _key(text: str) -> str:
    return fold(expand_abbreviations(text, keep_original=False))


def _first(entries: list[dict], text: str) -> str:
    for entry in entries:
        if any(rx.search(text) for rx in entry["regex"]):
            return entry["name"]
    return ""


def _last_named(entries: list[dict], text: str) -> list[str]:
    """The entry named last in the text (as a list of one), or []."""
    found = [(m.start(), e["name"]) for e in entries for rx in e["regex"] for m in rx.finditer(text)]
    return [max(found)[1]] if found else []


def _all(entries: list[dict], text: str) -> list[str]:
    return [e["name"] for e in entries if any(rx.search(text) for rx in e["regex"])]


_PERIOD_PATTERNS = [
    (re.compile(r"(?:giai đoạn|từ năm|năm học|năm)\s*(\d{4})\s*(?:[-–]|đến(?: năm)?)\s*(\d{4})"), "range"),
    (re.compile(r"(?:đến|vào|trong) năm (\d{4})"), "year"),
    (re.compile(r"^năm (\d{4})\b"), "year"),
]


# a table's total row: "Toàn quận: …", "Cộng: …", "Tổng cộng: …"
TOTAL_ROW = re.compile(r"^(?:toàn (?:quận|huyện|thị xã|thành phố|tỉnh|phường|xã|trường|ngành)|tổng cộng|tổng số|cộng|tổng)\s*:", re.IGNORECASE)
# a table row as the chunker renders it: "Label: Header: value; Header: value; …"
_ROW_CELLS = re.compile(r"^[^:;]{1,60}:\s*[^:;]{1,60}:\s*[\d.,]+\s*%?\s*;")
# a column header right before a cell's value: "năm 2023: ", "năm học 2023-2024: "
# a cell of a table row read as a clause: "Năm 2025: 90%", "Năm học 2023-2024 (chỉ tiêu): 100%"
_BARE_CELL = re.compile(r"^\s*(?:năm học|năm|giai đoạn)\s*\d{4}(?:\s*[-–]\s*\d{4})?(?:\s*\([^)]*\))?\s*:\s*[\d.,]+\s*%?\s*\.?\s*$")
# a column of present figures: "Năm 2021 (hiện trạng)", "Năm học 2022-2023 (thực hiện)"
_STATUS_CELL = re.compile(r"(?:năm học|năm)\s*\d{4}(?:\s*[-–]\s*\d{4})?\s*\((?:hiện trạng|thực trạng|thực hiện|hiện nay|đã đạt|kết quả)\)\s*:")
_CELL_HEAD = re.compile(r"((?:năm học|năm)\s*\d{4}(?:\s*[-–]\s*\d{4})?(?:\s*\([^)]*\))?)\s*:\s*$")


def _period(text: str, loose: bool = False) -> tuple[str, str]:
    """(normalized period, printed phrase) of the first scope phrase in a folded text; loose
    also takes a bare "năm 2023" (for a lead-in that dates what follows)."""
    for rx, kind in _PERIOD_PATTERNS + ([(re.compile(r"\bnăm (\d{4})\b"), "year")] if loose else []):
        m = rx.search(text)
        if m:
            value = f"{m.group(1)}–{m.group(2)}" if kind == "range" else m.group(1)
            return value, m.group(0)
    return "", ""


def _plan_period(plan: PlanInfo) -> str:
    m = re.search(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", plan.period or "")
    if not m:
        return ""
    return f"{m.group(1)}–{m.group(2)}" if m.group(2) else m.group(1)


def _comparator(before: str, after: str = "") -> str:
    tail = fold(before[-24:])
    if re.search(r"\btừ\s*$", tail) and re.match(r"\s*trở lên", fold(after)):
        return "≥"  # "từ 35% trở lên"
    for entry in lexicon()["comparators"]:
        for rx in entry["regex"]:
            if re.search(rf"(?:{rx.pattern})\s*$", tail):
                return entry["symbol"]
    return "="


@dataclass
class _Context:
    """What a section's place in the plan says about the figures in it."""

    hint: str  # status | target | ""
    task: bool  # under a "nhiệm vụ, giải pháp" heading
    period: str
    when: str
    level: str
    trail_key: str


def _full_trails(parsed: ParsedDocument) -> dict[int, list[str]]:
    """Each section's ancestor titles in full (the parser's trail shortens long headings)."""
    trails: dict[int, list[str]] = {}

    def walk(section: Section, above: list[str]) -> None:
        here = above + [section.title or section.label]
        trails[id(section)] = here
        for child in section.children:
            walk(child, here)

    for top in parsed.body:
        walk(top, [])
    return trails


def trail_tense(trail: list[str]) -> str:
    """"status" under a heading of present figures (Thực trạng, Kết quả thực hiện nhiệm vụ…),
    "target" under one of goals or tasks (Mục tiêu, Phương hướng, nhiệm vụ năm 2024), "" under
    neither: the nearest heading decides."""
    lex = lexicon()
    heads = [_key(t) for t in trail]
    # a lettered item's own text is content, not a heading ("a) Phấn đấu … được đánh giá …")
    for head in reversed(heads[:-1] if heads and len(heads[-1]) > 60 else heads):
        if any(w in head for w in lex["status_headings"]):
            return "status"
        if any(w in head for w in lex["target_headings"]):
            return "target"
    return ""


def _context(section: Section, plan: PlanInfo, trail: list[str] | None = None) -> _Context:
    lex = lexicon()
    trail = trail or section.trail
    heads = [_key(t) for t in trail]
    hint = trail_tense(trail)
    period, when = "", ""
    for head, printed in zip(reversed(heads), reversed(trail)):
        period, when = _period(head)
        if period:
            when = printed
            break
    trail_key = " ".join(heads)
    level = _first(lex["levels"], " ".join(heads[:-1]) if section.kind == "letter" else trail_key)
    task = any(w in trail_key for w in lex["task_headings"])
    return _Context(hint, task, period, when, level, trail_key)


def _plan_level(plan: PlanInfo) -> str:
    return plan.levels[0] if len(plan.levels) == 1 else lexicon()["whole_sector"]


def _kind(clause: str, sentence: str, ctx: _Context) -> str:
    lex = lexicon()
    if _REQUIRE_CUE.search(sentence) and ctx.hint != "status":
        return "requirement"
    if ctx.hint == "status":
        return "status"
    if any(c in sentence for c in lex["target_cues"]):
        return "target"
    if ctx.hint == "target":
        return "target"
    if any(c in clause for c in lex["status_cues"]):
        return "status"
    return "target"


def _strip_label(text: str, block_label: str, kind: str) -> str:
    if kind in ("text", "bullet") or not block_label:
        return re.sub(r"^[-–+•*]\s*", "", text)
    return re.sub(rf"^\s*(?:Phần\s+)?{re.escape(block_label)}\s*[.)]?\s*", "", text, flags=re.IGNORECASE)


# sentences end at . ! ? … (";" separates clauses of one sentence, which share its lead-in
# "Chuẩn nghề nghiệp năm học 2023 - 2024: Tốt …; Khá …")
_SENTENCE = re.compile(SENTENCE_END.pattern.replace("(?=[", "(?=[\\d").replace("[.;!?…]", "[.!?…]"))


def _sentences(section: Section, with_block: bool = False):
    """The section's sentences (with the index of their paragraph when asked)."""
    for n, block in enumerate(section.blocks):
        if speaks_to_the_assistant(block.text):  # planted orders to an assistant are no target (see chunking)
            continue
        for sentence in _block_sentences(block):
            yield (n, sentence) if with_block else sentence


def _block_sentences(block):
    text = _strip_label(block.text, block.label, block.kind)
    pending = ""
    for sentence in _SENTENCE.split(text):
        sentence = (pending + " " + sentence).strip() if pending else sentence
        if sentence.count("(") > sentence.count(")"):
            pending = sentence  # "(01 Hiệu trưởng; 03 Phó Hiệu trưởng)" is one sentence
            continue
        pending = ""
        sentence = re.sub(r"^[-–+•*]\s*", "", sentence.strip())
        if sentence:
            yield sentence
    if pending:
        yield re.sub(r"^[-–+•*]\s*", "", pending.strip())


def _clean_quote(text: str) -> str:
    return clean_display(text).strip(" ,;:.-–")


_REQUIRE_CUE = re.compile(r"\byêu cầu:?\s*(?:\d|có|đạt|phải|tất cả)|\bphải (?:có|đạt|hoàn thành|tham gia)\b|\bbắt buộc\b")
_GENERIC = ("số lượng đội ngũ", "số trường", "số lớp", "số học sinh")


def extract_targets(doc_id: str, raw: str, parsed: ParsedDocument, plan: PlanInfo) -> list[TargetRecord]:
    """Every quantified target, status figure and figure-bearing requirement of one plan."""
    lex = lexicon()
    records: list[TargetRecord] = []
    trails = _full_trails(parsed)
    for section in parsed.sections():
        if section.kind in SKIPPED_KINDS:
            continue
        ctx = _context(section, plan, trails.get(id(section)))
        for sentence in _sentences(section):
            figures = _figures(sentence)
            year_only = not figures
            if year_only:
                m = _DUE_YEAR.search(sentence)
                if not m:
                    continue
                figures = [Figure(m.start(1), m.end(1), m.group(1), "năm", "year")]
            sent_key = _key(sentence)
            clauses = _clauses(sentence, figures)
            row_key = ""  # a table row's label clause: the cells after it ("Năm 2025: 90%") are its
            for n, ((a, b), figs) in enumerate(clauses):
                clause = sentence[a:b]
                # "100% hiệu trưởng và 60% - 65% phó hiệu trưởng có trình độ trung cấp LLCT":
                # a bare subject shares the predicate of the clause after it
                next_key = _key(sentence[clauses[n + 1][0][0]:clauses[n + 1][0][1]]) if n + 1 < len(clauses) else ""
                # "…đạt chuẩn quốc gia, nâng tổng số lên 11/14 trường (78,6%)": or the one before
                prev_key = _key(sentence[clauses[n - 1][0][0]:clauses[n - 1][0][1]]) if n > 0 else ""
                clause_key = _key(clause)
                if _BARE_CELL.match(clause_key) and row_key:
                    prev_key = row_key
                elif not row_key:
                    row_key = clause_key
                kind = _kind(clause_key, sent_key, ctx)
                if _STATUS_CELL.search(clause_key):
                    kind = "status"  # "Năm 2021 (hiện trạng): 72,8%": the column of the present figures
                if year_only and kind != "target":
                    continue
                pct = next((f for f in figs if f.kind == "pct"), None)
                counts = [f for f in figs if f.kind == "count"]
                if pct:
                    count = counts[0].value if counts and counts[0].start < pct.start else ""
                    chosen = [(pct, count, (a, b))]
                else:
                    chosen = [(f, "", _window(figs, i, a, b)) for i, f in enumerate(figs)]
                parent: TargetRecord | None = None
                for fig, count, window in chosen:
                    inner = fig.kind == "count" and _in_parentheses(sentence, fig.start)
                    if inner and parent is not None:
                        # a breakdown of the figure before it ("thiếu 49 viên chức (32 GV, 17NV)")
                        metric = parent.metric
                    else:
                        metric = _metric(sentence, window, fig, clause_key, sent_key)
                        # only a bare subject ("100% hiệu trưởng") shares a neighbour's predicate;
                        # "1.182 em (64,0%) vào học lớp 10 THPT" says its own
                        bare = len(re.findall(r"\w+", sentence[fig.end:window[1]])) <= 3
                        if not metric and fig.kind == "pct" and next_key and bare:
                            metric = _first([m for m in lex["metrics"] if m["name"] not in _GENERIC], next_key)
                        if not metric and fig.kind == "pct" and prev_key and bare:
                            metric = _first([m for m in lex["metrics"] if m["name"] not in _GENERIC], prev_key)
                        if not metric and fig.kind == "pct" and _ROW_CELLS.match(sentence):
                            # a table row read with its headers ("Mầm non: Tổng số GV: 1.846; Đạt
                            # chuẩn trình độ: 1.702; Tỷ lệ: 92,2%"): a share headed "Tỷ lệ" is of
                            # the count the columns before it name
                            metric = _first([m for m in lex["metrics"] if m["name"] not in _GENERIC],
                                            _key(sentence[:fig.start]))
                        if not metric and fig.kind == "pct":
                            metric = next((name for name, heads, cues in lex["headed_metrics"]
                                           if any(h.search(ctx.trail_key) for h in heads)
                                           and any(c.search(_key(sentence[:fig.end + 40])) for c in cues)), "")
                        if not metric and fig.kind == "pct" and _first(lex["populations"], _key(sentence[window[0]:window[1]])):
                            metric = OTHER_METRIC  # a share of people the vocabulary has no name for
                    if not metric or (fig.kind == "year" and metric not in lex["year_metrics"]):
                        continue
                    cued = any(c in clause_key for c in lex["target_cues"])
                    if metric in lex["count_metrics"] and kind != "status" and not cued:
                        continue  # "chuẩn bị điều kiện cho 3 lớp cuối cấp" is no target
                    rec = _record(doc_id, raw, section, plan, ctx, kind, metric, fig, count,
                                  clause, sentence[window[0]:window[1]], sent_key, sentence)
                    if inner and parent is not None:
                        rec.period, rec.when = parent.period, parent.when
                    else:
                        parent = rec
                    records.append(rec)
    return records


def _record(doc_id, raw, section, plan, ctx, kind, metric, fig, count, clause, window, sent_key, sentence):
    lex = lexicon()
    clause_key = _key(clause)
    cell = _CELL_HEAD.search(_key(sentence[max(fig.start - 32, 0):fig.start]))
    if fig.kind == "year":
        period, when = fig.value, sentence[max(fig.start - 9, 0):fig.end]
    elif cell:
        # a table cell read with its column header ("…: Năm 2023: 82%; Năm 2025: 97%"): the
        # column names the cell's period
        period, when = _period(cell.group(1), loose=True)
    else:
        if kind == "status":
            # a status figure is dated by its own words ("thiếu 49 … năm học 2020-2021"), else
            # by its heading; never by another figure's year in the same sentence
            period, when = _period(_key(window))
            if not period:  # "Năm học 2023 - 2024, toàn huyện có…" scopes the whole sentence
                period, when = _period(_LEADING_YEAR.match(sent_key).group(0) if _LEADING_YEAR.match(sent_key) else "")
            if not period and ":" in sent_key[:100]:  # "Chuẩn nghề nghiệp năm học 2023 - 2024: Tốt …"
                period, when = _period(sent_key.split(":", 1)[0], loose=True)
            if not period:
                period, when = ctx.period, ctx.when
        else:
            # the nearest dated heading scopes its items ("b) Giai đoạn 2021-2025"), then the
            # clause's own deadline, the sentence's, and last the plan's own period
            period, when = ctx.period, ctx.when
            if not period:
                period, when = _period(clause_key)
            if not period:
                period, when = _period(sent_key)
        if not period and kind != "status":
            period = _plan_period(plan)
    # the head noun right after a percentage is who it counts ("10% giáo viên được luân chuyển")
    after = _key(sentence[fig.end:fig.end + 40]) if fig.kind == "pct" else ""
    population = _all(lex["populations"], after[:after.find(" đạt ")] if " đạt " in after else after) \
        or _all(lex["populations"], clause_key)
    if not population and _ROW_CELLS.match(sentence):
        # a table row ("Mầm non: Số trường: 11; CBQL: 29; Giáo viên: 298; Đạt chuẩn: 271; Tỷ lệ:
        # 90,9%") counts the people of the last column named before its share, not all it names
        population = _last_named(lex["populations"], _key(sentence[:fig.start]))
    population = population or _all(lex["populations"], sent_key) or _all(lex["populations"], ctx.trail_key)
    levels = _all(lex["levels"], clause_key) or _all(lex["levels"], sent_key)
    if not levels and TOTAL_ROW.match(sentence):
        level = lex["whole_sector"]  # the row "Toàn quận: …; Tỷ lệ: 95,6%" sums the levels above it
    else:
        level = (levels[0] if len(levels) == 1 else lex["whole_sector"]) if levels else (ctx.level or _plan_level(plan))
    # a table row is quoted whole: "Tỷ lệ: 92,2%" alone says neither the level nor the measure
    quote = _clean_quote(sentence if _ROW_CELLS.match(sentence) else clause)
    span = locate(raw, quote, section.start, section.end) or locate(raw, quote)
    return TargetRecord(
        doc_id=doc_id, number=plan.number, locality=plan.locality, plan_label=plan.label,
        section=section.path, heading=" › ".join(section.trail), kind=kind, level=level,
        population=population, metric=metric, value=fig.value,
        unit=fig.unit or ("%" if fig.kind == "pct" else ""), count=count,
        comparator=_comparator(sentence[:fig.start], sentence[fig.end:fig.end + 12]) if fig.kind != "year" else "=",
        period=period, when=clean_display(when), quote=quote,
        start=span[0] if span else -1, end=span[1] if span else -1, source=plan.source,
    )


def _window(figs: list[Figure], i: int, a: int, b: int) -> tuple[int, int]:
    """The stretch of a clause that belongs to its i-th figure (between its neighbours)."""
    lo = figs[i - 1].end if i > 0 else a
    hi = figs[i + 1].start if i + 1 < len(figs) else b
    return lo, hi


def _nearest(entries: list[dict], text: str, pos: int) -> str:
    """The entry whose match lies closest to a position (ties: vocabulary order)."""
    best, best_d = "", None
    for entry in entries:
        for rx in entry["regex"]:
            for m in rx.finditer(text):
                d = 0 if m.start() <= pos <= m.end() else min(abs(m.start() - pos), abs(m.end() - pos))
                if best_d is None or d < best_d:
                    best, best_d = entry["name"], d
    return best


def _metric(sentence: str, window: tuple[int, int], fig: Figure, clause_key: str, sent_key: str) -> str:
    """Metric of a figure: the nearest metric phrase in its own stretch of text, then in its
    clause; headcounts ("74 người") only when nothing more specific is said."""
    lex = lexicon()
    lo, hi = window
    if re.search(r"thiếu\s*$", _key(sentence[max(lo, fig.start - 16):fig.start])):
        return "thiếu so với biên chế"
    specific = [m for m in lex["metrics"] if m["name"] not in _GENERIC]
    generic = [m for m in lex["metrics"] if m["name"] in _GENERIC]
    if fig.kind == "count":
        by_unit = {"trường": "số trường", "trung tâm": "số trường", "lớp": "số lớp", "học sinh": "số học sinh",
                   "trẻ": "số học sinh", "em": "số học sinh"}
        if fig.unit in by_unit:
            # "9 trường đạt chuẩn quốc gia" says more than "9 trường"
            tail = _key(sentence[fig.start:hi])
            if fig.unit in ("trường", "trung tâm") and _first(specific, tail):
                return _nearest(specific, tail, 0)
            return by_unit[fig.unit]
    lead = sentence[lo:fig.start]
    if ":" in lead:  # "Kết quả xếp loại: Tốt 99 người (21,47%)"
        focus = _key(lead.rsplit(":", 1)[-1] + sentence[fig.start:hi])
        metric = _first(specific, focus)
        if metric:
            return metric
    window_key = _key(sentence[lo:hi])
    pos = len(_key(sentence[lo:fig.start]))
    clause_pos = clause_key.find(window_key) + pos if window_key in clause_key else pos
    counting = fig.kind == "count"  # a headcount name never names a percentage
    return (_nearest(specific, window_key, pos) or (counting and _nearest(generic, window_key, pos))
            or _nearest(specific, clause_key, clause_pos) or (counting and _nearest(generic, clause_key, clause_pos))
            or ("số lượng đội ngũ" if fig.kind == "count" and fig.unit else ""))


# ----------------------------------------------------------------------------- requirements
_ROLE_PREFIX = re.compile(r"^(?:đối với\s+)?([^:]{2,160}):\s*(.+)$", re.IGNORECASE | re.DOTALL)


def _spans(entries: list[dict], text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, name) matches, longest first (the specific phrase wins)."""
    found = [(m.start(), m.end(), e["name"]) for e in entries for rx in e["regex"] for m in rx.finditer(text)]
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    chosen: list[tuple[int, int, str]] = []
    for s in found:
        # a phrase several entries share ("cán bộ, giáo viên, nhân viên") counts for each
        if all(s[1] <= c[0] or s[0] >= c[1] or (s[0], s[1]) == (c[0], c[1]) for c in chosen):
            chosen.append(s)
    return sorted(chosen)


@lru_cache(maxsize=1)
def _role_and_requirement_entries() -> list[dict]:
    lex = lexicon()
    return [{**e, "name": ("role", e["name"])} for e in lex["roles"]] + \
        [{**e, "name": ("requirement", e["name"])} for e in lex["requirements"]]


def _roles_and_requirements(key: str) -> list[tuple[int, int, str, str]]:
    """Role and requirement phrases of a sentence, matched together so the longer phrase wins
    ("Chuẩn hiệu trưởng" is a standard, not the role "hiệu trưởng")."""
    return [(a, b, tag, name) for a, b, (tag, name) in _spans(_role_and_requirement_entries(), key)]


def _strength(key: str, weak_ok: bool = True) -> str:
    """khuyến khích / bắt buộc from the sentence's cue words; "đảm bảo…" in a list of tasks
    ("Nhiệm vụ và giải pháp") is an intention, not a requirement, so only strong cues count there."""
    table = lexicon()["strength"]
    key = re.sub(r"đáp ứng (được |tốt )?(các )?yêu cầu", " ", key)  # "meets the demands" is no demand
    if any(re.search(rf"\b{re.escape(w)}\b", key) for w in table["khuyến khích"]):
        return "khuyến khích"
    cues = table["bắt buộc"] if weak_ok else table["bắt buộc (strong)"]
    if any(w in key for w in cues):
        return "bắt buộc"
    return ""


def _detail(sentence: str, phrase: str) -> str:
    """The printed list item ("chứng chỉ ngoại ngữ") holding a matched (folded) phrase."""
    for piece in re.split(r"[,;:](?=\s)", sentence):
        if phrase in _key(piece):
            return _clean_quote(piece)
    return phrase


def extract_requirements(doc_id: str, raw: str, parsed: ParsedDocument, plan: PlanInfo) -> list[RequirementRecord]:
    """Per role, the certificates/qualifications/training a plan demands or encourages."""
    lex = lexicon()
    records: list[RequirementRecord] = []
    seen: set[tuple] = set()
    trails = _full_trails(parsed)
    for section in parsed.sections():
        if section.kind in SKIPPED_KINDS:
            continue
        ctx = _context(section, plan, trails.get(id(section)))
        if ctx.hint == "status":
            continue
        item_roles: dict[int, list[str]] = {}
        # "3) Tổng phụ trách Đội" over "a. Bắt buộc: có chứng chỉ …": a short heading that names
        # roles says whom the items under it bind (the nearest such heading)
        heading_roles: list[str] = []
        for head in reversed(trails.get(id(section)) or section.trail):
            if len(head) <= 60:
                heading_roles = list(dict.fromkeys(n for _, _, tag, n in _roles_and_requirements(_key(head)) if tag == "role"))
                if heading_roles:
                    break
        for block_no, sentence in _sentences(section, with_block=True):
            text = clean_display(sentence)
            key = _key(text)
            strength = _strength(key, weak_ok=not ctx.task)
            found = _roles_and_requirements(key)
            # "Đối với X: …" or "- Văn thư: …" names the roles before the colon
            m = _ROLE_PREFIX.match(key)
            prefix_end = m.start(2) if m else 0
            roles = [n for a, b, tag, n in found if tag == "role" and b <= prefix_end]
            prefixed = bool(roles)  # "Tổng phụ trách Đội: có trình độ chuẩn của GV …": whom it binds
            if roles:  # "a) Hiệu trưởng: … . Khuyến khích theo học thạc sĩ…": the item's role carries on
                item_roles[block_no] = roles
            body_from = prefix_end if roles else 0
            if not roles:
                roles = [n for a, b, tag, n in found if tag == "role"] or item_roles.get(block_no, []) \
                    or heading_roles
            roles = list(dict.fromkeys(roles))
            named_item = prefix_end and item_roles.get(block_no) == roles
            if not strength and (heading_roles or not ctx.task) and (named_item or (heading_roles and roles == heading_roles)):
                # "- Kế toán: có chứng chỉ bồi dưỡng kế toán trưởng", or "+ Hoàn thành chứng chỉ …"
                # under "a) Kế toán:": an item of a role that states a qualification demands it, cue
                # word or not (among tasks only under a heading that names roles: "5. Đối với nhân
                # viên và tổng phụ trách Đội")
                strength = "bắt buộc"
            if not strength:
                continue
            reqs = [(a, b, n) for a, b, tag, n in found if tag == "requirement" and a >= body_from]
            if not roles or not reqs:
                continue
            # "100% giáo viên đạt Cao đẳng … và 100% cán bộ quản lý đạt Đại học": each clause
            # with its own subject keeps its own roles
            bounds = [0] + [mm.start() for mm in re.finditer(r";\s|\svà\s(?=\d+(?:,\d+)?\s*%)|,?\strong đó\b", key)] + [len(key)]
            clause_roles = []
            for lo, hi in zip(bounds, bounds[1:]):
                here = list(dict.fromkeys(n for a, b, tag, n in found if tag == "role" and lo <= a < hi and a >= body_from))
                clause_roles.append((lo, hi, here))
            level = _first(lex["levels"], key) or ctx.level or _plan_level(plan)
            when_m = next((re.search(p, key) for p in lex["appointment_cues"] if re.search(p, key)), None)
            if when_m:
                when = next((_clean_quote(p) for p in re.split(r"[,;]\s", text) if when_m.group(0) in _key(p)), "")
                when = when[when.lower().find("trước"):] if "trước" in when.lower() else when
            else:
                period, phrase = _period(key)
                when = phrase if period else ctx.when
            clauses = [c for c in re.split(r";\s+", text) if c.strip()]
            for a, b, name in reqs:
                # a share short of everyone ("60% - 65% phó hiệu trưởng có…") is a target, not a demand
                # on each person; a 100% subject before it ("100% hiệu trưởng và …") keeps the demand
                lo, hi, here = next(((lo, hi, r) for lo, hi, r in clause_roles if lo <= a < hi), (0, len(key), roles))
                shares = [float(x.replace(",", ".")) for x in re.findall(r"(\d+(?:,\d+)?)\s*%", key[lo:hi])]
                partial = shares and max(shares) < 100 and not _strength(key[lo:hi].replace("%", ""), weak_ok=False)
                whole = [r for l2, h2, r in clause_roles
                         if h2 == lo and key[lo:lo + 4] == " và " and "100%" in key[l2:h2] and r]
                if partial and not whole:
                    continue
                # strength of the clause that states it ("Văn thư phải có …; khuyến khích học liên thông",
                # "có trình độ sơ cấp … trở lên, khuyến khích học trung cấp …")
                own_clause = next((c for c in clauses if key[a:b] in _key(c)), text)
                piece = next((p for p in re.split(r",\s", own_clause) if key[a:b] in _key(p)), own_clause)
                clause_strength = _strength(_key(piece), weak_ok=not ctx.task) or \
                    _strength(_key(own_clause), weak_ok=not ctx.task) or strength
                # quote the clause that states it ("…trở lên; lý luận chính trị, … đảm bảo theo tiêu chuẩn")
                quote = _clean_quote(next((c for c in clauses if key[a:b] in _key(c)), text))
                span = locate(raw, quote, section.start, section.end) or locate(raw, quote)
                own = whole[-1] if (partial and whole) else roles if prefixed else \
                    next((r for lo, hi, r in clause_roles if lo <= a < hi and r), roles)
                dedup = (section.path, name, tuple(own), quote, clause_strength)
                if dedup in seen:
                    continue
                seen.add(dedup)
                records.append(RequirementRecord(
                    doc_id=doc_id, number=plan.number, locality=plan.locality, plan_label=plan.label,
                    section=section.path, heading=" › ".join(section.trail), roles=own, level=level,
                    requirement=name, detail=_detail(text, key[a:b]), strength=clause_strength, when=clean_display(when),
                    quote=quote, start=span[0] if span else -1, end=span[1] if span else -1, source=plan.source,
                ))
    return records


# ----------------------------------------------------------------------------- over an index
def _over_plans(index, name: str, extract) -> list:
    """Records of every indexed plan, computed once per opened index."""

    def compute():
        out = []
        for doc_id, plan in index.plans.items():
            out += extract(doc_id, index.text(doc_id), index.parsed(doc_id), plan)
        return out

    return index.derived(name, compute)


def plan_targets(index) -> list[TargetRecord]:
    """Target and status records of every indexed plan (computed once per opened index)."""
    return _over_plans(index, "targets", extract_targets)


def targets_of_metrics(index, metrics) -> list[TargetRecord]:
    """The target/status records of these metrics, in `plan_targets` order, through a per-index
    map from metric to record positions (a question reads its metrics' records, not every record)."""
    def build():
        positions: dict[str, list[int]] = {}
        for i, r in enumerate(plan_targets(index)):
            positions.setdefault(r.metric, []).append(i)
        return positions

    positions = index.derived("target_positions_by_metric", build)
    records = plan_targets(index)
    return [records[i] for i in sorted(i for m in set(metrics) for i in positions.get(m, []))]


def plan_requirements(index) -> list[RequirementRecord]:
    """Requirement records of every indexed plan (computed once per opened index)."""
    return _over_plans(index, "requirements", extract_requirements)


def _matches(query: str | None, *values: str) -> bool:
    """Does a filter typed by a user (any case, with or without diacritics) match a field?"""
    if not query:
        return True
    q = strip_diacritics(_key(query))
    return any(q in strip_diacritics(_key(v)) for v in values if v)


def resolve_metrics(query: str) -> list[str]:
    """The vocabulary metrics a user means: a group ("trình độ đào tạo"), an exact name, names
    containing the words, or the metric whose pattern the words hit."""
    q = strip_diacritics(_key(query))
    for group, members in lexicon().get("metric_groups", {}).items():
        if strip_diacritics(_key(group)) == q:
            return list(members)
    names = metric_names()
    exact = [n for n in names if strip_diacritics(_key(n)) == q]
    if exact:
        return exact
    partial = [n for n in names if q in strip_diacritics(_key(n))]
    if partial:
        return partial
    hit = _first(lexicon()["metrics"], _key(query))
    return [hit] if hit else []


def resolve_metric(query: str) -> str | None:
    """A printable name for what the user asked: the group or the single metric."""
    q = strip_diacritics(_key(query))
    for group in lexicon().get("metric_groups", {}):
        if strip_diacritics(_key(group)) == q:
            return group
    found = resolve_metrics(query)
    return found[0] if found else None


def select_targets(records: list[TargetRecord], *, locality: str | None = None, level: str | None = None,
                   metric: str | None = None, kind: str | None = None) -> list[TargetRecord]:
    """Filter records the way the CLI and the web tab do (case/diacritics-insensitive)."""
    wanted = set(resolve_metrics(metric)) if metric else set()
    out = []
    for r in records:
        if not _matches(locality, r.locality, r.plan_label, r.doc_id, r.number):
            continue
        if level and not _matches(level, r.level):
            continue
        if metric and r.metric not in wanted:
            continue
        if kind and r.kind != kind:
            continue
        out.append(r)
    return out


class CompareRow(BaseModel):
    """One plan's line in a comparison: its value for the metric, or "không nêu"."""

    doc_id: str
    plan_label: str
    locality: str = ""
    value: str
    numeric: float | None = None
    period: str = ""
    section: str = ""
    quote: str = ""
    records: list[TargetRecord] = Field(default_factory=list)


def body_sentences(index, doc_id: str, chunks: list | None = None) -> list[tuple]:
    """(chunk, sentence as printed, folded key) of a plan's body, item labels stripped; split and
    folded once per opened index (list and comparison answers scan them on every question).
    `chunks`: only those of the plan's chunks (those a search says may hold what is looked for)."""
    if chunks is not None:
        return [s for c in chunks for s in _chunk_sentences(index, c)]
    return index.derived(f"body_sentences:{doc_id}",
                         lambda: [s for c in index.chunks_of(doc_id) for s in _chunk_sentences(index, c)])


def _chunk_sentences(index, chunk) -> list[tuple]:
    def compute():
        out = []
        if chunk.section_kind in SKIPPED_KINDS:
            return out
        for line in chunk.text.split("\n"):
            for sentence in _SENTENCE.split(line):
                sentence = re.sub(r"^(?:[a-zđ]\)|\d+(?:\.\d+)*\.|[-–+•])\s*", "", sentence.strip())
                if sentence:
                    out.append((chunk, sentence, _key(sentence)))
        return out

    return index.derived(("sentences", chunk.chunk_id), compute)


def compare(index, metric: str, level: str | None = None, kind: str | None = "target") -> list[CompareRow]:
    """One row per indexed plan for a metric (or a group of metrics), values side by side;
    "không nêu" where the plan says nothing."""
    from .phrases import NO_FIGURE, PLAN_SILENT

    names = resolve_metrics(metric)
    records = select_targets(plan_targets(index), level=level, kind=kind) if names else []
    rows = []
    for doc_id, plan in index.plans.items():
        mine = [r for r in records if r.doc_id == doc_id and r.metric in names]
        if not mine:
            # a plan that speaks of the metric without a figure is not silent about it (a sentence
            # with a figure of another kind, a status when targets are compared, is left out)
            wanted = [m for m in lexicon()["metrics"] if m["name"] in names]
            said = sorted(((len(sentence), chunk, sentence) for chunk, sentence, key in body_sentences(index, doc_id)
                           if not re.search(r"\d", sentence)
                           and any(rx.search(key) for m in wanted for rx in m["regex"])), key=lambda f: f[0])
            if said:
                _, chunk, sentence = said[0]
                rows.append(CompareRow(doc_id=doc_id, plan_label=plan.label, locality=plan.locality, value=NO_FIGURE,
                                       section=chunk.section, quote=sentence))
            else:
                rows.append(CompareRow(doc_id=doc_id, plan_label=plan.label, locality=plan.locality, value=PLAN_SILENT))
            continue
        # per metric, the latest deadline is the plan's headline figure; earlier stages stay in `records`
        best: list[TargetRecord] = []
        for name in names:
            same = [r for r in mine if r.metric == name]
            if same:
                top = max(same, key=lambda r: (r.period[-4:] if r.period else "", r.numeric or 0))
                best += [r for r in same if r.period == top.period]
        grouped = len(names) > 1
        cells = [_cell(r, grouped) for r in best]
        rows.append(CompareRow(
            doc_id=doc_id, plan_label=plan.label, locality=plan.locality, value="; ".join(dict.fromkeys(cells)),
            numeric=best[0].numeric if best[0].unit == "%" else None,
            period=", ".join(dict.fromkeys(r.period for r in best if r.period)),
            section=", ".join(dict.fromkeys(r.section for r in best)), quote=best[0].quote, records=best,
        ))
    return rows


def _cell(r: TargetRecord, with_metric: bool) -> str:
    value = ("" if r.comparator == "=" else r.comparator + " ") + r.value
    if r.unit not in ("%", "năm", ""):
        value += " " + r.unit
    who = ", ".join(r.population[:2])
    if with_metric:
        return f"{value} {who}: {r.metric}".replace("  ", " ")
    return f"{value} {who}".strip()


def resolve_role(query: str) -> list[str]:
    """Roles a user means ("giáo viên mầm non" -> giáo viên; "hiệu trưởng" -> hiệu trưởng + CBQL)."""
    key = _key(expand_abbreviations(query, keep_original=False, lenient=True))
    found = [n for a, b, tag, n in _roles_and_requirements(key) if tag == "role"]
    if not found:
        bare = strip_diacritics(key)
        found = [r["name"] for r in lexicon()["roles"] if strip_diacritics(_key(r["name"])) in bare]
    wider = lexicon().get("role_includes", {})
    out = list(found)
    for name in found:
        out += wider.get(name, [])
    return list(dict.fromkeys(out))


def roles_in(text: str) -> set[str]:
    """The roles a text names itself ("Giáo viên được cử đi …", "CBQL học trung cấp LLCT"),
    abbreviations read, none inferred."""
    key = _key(expand_abbreviations(text, keep_original=False, lenient=True))
    return {n for _, _, tag, n in _roles_and_requirements(key) if tag == "role"}


def roles_asked(question: str) -> set[str]:
    """The roles a question asks about: those a plan's line would name (roles_in), and any role
    named as a whole phrase ("Tôi làm kế toán ở trường …", where a plan's line would begin with
    "Kế toán:")."""
    key = " " + re.sub(r"[^\w]+", " ", _key(expand_abbreviations(question, keep_original=False, lenient=True))) + " "
    return roles_in(question) | {r["name"] for r in lexicon()["roles"] if f" {r['name']} " in key}


def requirements_in(text: str) -> set[str]:
    """The qualifications a text names ("chuẩn nghề nghiệp", "bồi dưỡng thường xuyên", "lý luận
    chính trị"), abbreviations read."""
    key = _key(expand_abbreviations(text, keep_original=False, lenient=True))
    return {n for _, _, tag, n in _roles_and_requirements(key) if tag == "requirement"}


def roles_meet(asked: set[str], stated: set[str]) -> bool:
    """Can a passage about the stated roles answer a question about the asked ones? Yes when
    either names none, or one role is the other or holds it ("hiệu trưởng" is a "cán bộ quản
    lý"; "giáo viên" is no "cán bộ quản lý")."""
    if not asked or not stated:
        return True
    wider = lexicon().get("role_includes", {})
    return any(a == s or s in wider.get(a, []) or a in wider.get(s, []) for a in asked for s in stated)


def applies_to(asked: set[str], record_roles: list[str]) -> bool:
    """Does a requirement line written for these roles apply to the roles asked? A line for a
    narrower role counts for the wider one asked ("Hiệu trưởng, Phó hiệu trưởng: …" answers
    "cán bộ quản lý cần gì?"), as the lexicon's role_includes says."""
    wider = lexicon().get("role_includes", {})
    return any(r in asked or asked & set(wider.get(r, [])) for r in record_roles)


def checklist(index, role: str, locality: str | None = None, level: str | None = None) -> dict[str, list[RequirementRecord]]:
    """Per plan (its label), the requirement lines that apply to a role."""
    roles = set(resolve_role(role))
    query_level = _first(lexicon()["levels"], _key(expand_abbreviations(role, keep_original=False, lenient=True)))
    level = level or query_level
    out: dict[str, list[RequirementRecord]] = {}
    for r in plan_requirements(index):
        if roles and not applies_to(roles, r.roles):
            continue
        if not _matches(locality, r.locality, r.plan_label, r.doc_id, r.number):
            continue
        if level and r.level not in (level, lexicon()["whole_sector"]) and not _matches(level, r.level):
            continue
        out.setdefault(r.plan_label, []).append(r)
    return out
