"""Synthesis without a model: answers that put several places of the plans together.

- A summary or "các giải pháp / nhiệm vụ chính" question about one named plan: the plan's own
  outline of that part — the headings under it, each quoted and cited at its own section.
- "… cao nhất / thấp nhất" and "A hay B cao hơn": from the extracted records, a verdict sentence
  and the compared figures, each cited; or, when the figures differ in kind (target vs status),
  level, population, unit or period, a sentence saying they are not comparable, with the figures.
Nothing here knows a plan: the outline follows the parsed section tree, the verdict the records.
"""

from __future__ import annotations

import re

from . import phrases
from .chunking import Chunk
from .citations import Citation, make_citation
from .evidence import Answer
from .index import PlanIndex
from .parsing import CLOSING_RE
from .targets import TargetRecord, lexicon, targets_of_metrics
from .text import clean_display, expand_abbreviations, fold, strip_diacritics

_SUMMARY_CUE = re.compile(
    r"\b(?:tom tat|tom luoc|khai quat|noi dung chinh|y chinh)\b"
    r"|\b(?:cac|nhung) (?:giai phap|nhiem vu|muc tieu|noi dung)(?: (?:va|,) (?:giai phap|nhiem vu))?"
    r"(?: (?:chinh|chu yeu|trong tam|co ban|chu chot))\b")
_PARTS = ("giai phap", "nhiem vu", "muc tieu", "noi dung", "to chuc thuc hien", "thuc trang")
_SUPERLATIVE = re.compile(r"\b(cao nhat|lon nhat|nhieu nhat|thap nhat|nho nhat|it nhat)\b")
_HIGHER = re.compile(r"\b(cao hon|lon hon|nhieu hon|thap hon|nho hon|it hon)\b")
_LOW_WORDS = ("thap", "nho", "it")
_STATUS_ASKED = re.compile(r"\b(hien co|hien nay|thuc trang|hien tai|dang co|da dat|tinh den|thoi diem|so lieu moi nhat)\b")
# a day the figures are taken at ("ở quận A (31/5/2024)"), not a deadline ("đến 31/12/2025")
_AS_OF = re.compile(r"(?<!đến )(?<!trước )(?<!hết )(?<!đến ngày )(?<!trước ngày )(?<!hạn )\(?\b\d{1,2}/\d{1,2}/\d{4}\b")
_TARGET_ASKED = re.compile(r"\b(chi tieu|muc tieu|phan dau|den nam|ke hoach dat)\b")
MAX_OUTLINE = 12
# "những kiến nghị gì", "các cơ quan, đơn vị nào": the kind of item a list question asks for
_LIST_OF = re.compile(r" (?:nhung|cac) ((?:\w+ ){1,4}?)(?:nao|gi) ")
# "đề xuất UBND huyện những gì": the verb names the part listed (its heading "Đề xuất, kiến nghị")
_PROPOSED = re.compile(r" (de xuat|kien nghi|de nghi) (?:\w+ ){0,6}?(?:nhung|cac) (?:gi|viec gi|noi dung gi|van de gi) ")
_BODIES = re.compile(r" (?:co quan|don vi|phong ban|ban nganh) ")
_GENERIC_LISTS = {"ke hoach", "de an", "van ban", "noi dung", "van de", "viec", "yeu cau", "truong", "nam", "cap hoc"}


def _bare(text: str) -> str:
    return " " + re.sub(r"[^\w%]+", " ", strip_diacritics(fold(expand_abbreviations(text, keep_original=False,
                                                                                      lenient=True)))) + " "


# ----------------------------------------------------------------------------- outlines
def outline(question: str, named: list[str], index: PlanIndex) -> Answer | None:
    """The named plan's outline of the part asked (or of the whole plan for "tóm tắt"); asked
    "những kiến nghị gì" / "những cơ quan nào", the items of the part whose heading names them."""
    bare = _bare(question)
    listed = _LIST_OF.search(bare) or _PROPOSED.search(bare)
    if len(named) != 1 or not (_SUMMARY_CUE.search(bare) or listed):
        return None
    doc_id = named[0]
    parsed = index.parsed(doc_id)
    part = next((p for p in _PARTS if f" {p} " in bare), None)
    listing = not _SUMMARY_CUE.search(bare)
    if listing:
        # "phân công cho những cơ quan, đơn vị nào": the bodies a plan tasks are its "Tổ chức
        # thực hiện"; any other kind asked is the part whose heading names it ("V. KIẾN NGHỊ",
        # "5) Nhân viên" for "những vị trí nhân viên nào"), or a part the question names by its
        # heading ("Kinh phí … được phân bổ cho những khoản nào" under "VI. KINH PHÍ THỰC HIỆN")
        noun = listed.group(1).strip()
        part = "to chuc thuc hien" if _BODIES.search(f" {noun} ") else noun
        if len(part) < 4 or part in _GENERIC_LISTS or any(noun.startswith(p) for p in _PARTS):
            return None  # "những mục tiêu gì về …": a topic within the part, not the part's outline
    if part:
        body = [s for s in parsed.sections() if s.kind not in ("header", "bases", "recipients", "signature")]
        # a heading that names the part (a numbered paragraph that happens to hold the words is none)
        matches = [(len(s.trail), n, s) for n, s in enumerate(body) if f" {part} " in _bare(s.title) and s.children
                   and (not listing or len(_bare(s.title).split()) <= 8)]
        if listing and not matches:
            # the noun ends with a heading's words ("vị trí nhân viên" / "Nhân viên"), or the
            # question holds a short heading's words whole ("kinh phí thực hiện" / "kinh phí")
            matches = [(len(s.trail), n, s) for n, s in enumerate(body) if _heads_list(s, part, bare)]
        if not matches:
            return None
        top = min(matches, key=lambda m: m[:2])[2]  # the highest such part, the first of equals
        items, where = top.children, top
        if not items:  # a part whose items are its lines ("- Hỗ trợ học phí …: 1.068 triệu đồng")
            items = [_Item(b, top) for b in top.blocks[1:] if b.kind in ("text", "bullet", "row")
                     and not CLOSING_RE.match(b.text.lstrip("-–•+ "))]
    else:
        items, where = [s for s in parsed.body if s.title], None
    items = [s for s in items if s.title and s.blocks][:MAX_OUTLINE]
    # "những kiến nghị gì với Sở GD&ĐT Thái Bình" under "1. Đối với UBND huyện / 2. Đối với Sở
    # GD&ĐT Thái Bình": the items of the heading the question names
    aimed = [s for s in items if _names_heading(bare, s.title) and len(s.blocks) > 1]
    if len(aimed) == 1:
        where = aimed[0]
        items = [_Item(b, where) for b in where.blocks[1:]
                 if b.kind in ("text", "bullet") and not CLOSING_RE.match(b.text.lstrip("-–•+ "))][:MAX_OUTLINE]
    if len(items) < 2:
        return None
    plan = index.plans[doc_id]
    text = index.text(doc_id)
    citations: list[Citation] = []
    lines = []
    for s in items:
        head = s.blocks[0]
        quote = clean_display(head.text).lstrip("-–•+ ").strip()
        if len(quote) > 220:  # a numbered item whose heading is a paragraph: its first sentence
            quote = re.split(r"(?<=[.;:])\s", quote, maxsplit=1)[0]
        chunk = Chunk(chunk_id=f"{doc_id}#{s.path}", doc_id=doc_id, section=s.path, section_kind=s.kind,
                      heading=s.title, trail=s.trail, text=quote, start=s.start, end=s.end, order=0)
        ref = str(len(citations) + 1)
        citations.append(make_citation(ref, chunk, plan, quote, text, plan.source))
        lines.append(f"- {quote} [{ref}]")
    lead = (phrases.OUTLINE_LEAD.format(part=where.title.strip().rstrip(":"), plan=plan.label, section=where.path)
            if where is not None else phrases.OUTLINE_PLAN_LEAD.format(plan=plan.label))
    return Answer(answer=lead + "\n" + "\n".join(lines), abstained=False, citations=citations)


class _Item:
    """One line of a section, cited like a section of its own (its section's path and trail)."""

    def __init__(self, block, section) -> None:
        self.blocks, self.path, self.kind, self.title = [block], section.path, section.kind, section.title
        self.trail, self.start, self.end = section.trail, block.start, block.end


_HEADING_FRAME = {"doi", "voi", "cua", "cac", "va", "tai"}


def _heads_list(section, noun: str, bare_question: str) -> bool:
    """Is this a short heading over a list ("5) Nhân viên", "VI. KINH PHÍ THỰC HIỆN") that the
    list asked for names: the asked noun ends with its words, or the question names the top part
    it heads?"""
    words_ = [w for w in _bare(section.title).split() if not w.isdigit()]
    if not 1 <= len(words_) <= 5:
        return False
    items = section.children or [b for b in section.blocks[1:] if b.kind in ("text", "bullet", "row")]
    if len(items) < 2:
        return False
    title = " ".join(words_)
    if f" {noun} ".endswith(f" {title} "):
        return True
    # a top part named in the question ("Kinh phí …" for "VI. KINH PHÍ THỰC HIỆN"); the parts
    # a summary asks for ("tổ chức thực hiện", "giải pháp") are no list of this kind
    named = re.sub(r"\s*\bthuc hien\b.*$", "", title).strip()
    return (len(section.trail) == 1 and len(named.split()) >= 2 and f" {named} " in bare_question
            and not any(named.startswith(p) or p.startswith(named) for p in _PARTS))


def _names_heading(bare_question: str, title: str) -> bool:
    """Does the question name this heading ("Đối với Sở GD&ĐT Thái Bình"): all its words but
    the framing ones ("đối với"), three at least?"""
    heading = [w for w in _bare(title).split() if w not in _HEADING_FRAME]
    return len(heading) >= 3 and all(f" {w} " in bare_question for w in heading)


# ----------------------------------------------------------------------------- verdicts
def _levels_asked(bare: str) -> set[str]:
    lex = lexicon()
    found = set()
    for lv in lex["levels"]:
        if any(re.search(strip_diacritics(p), bare) for p in lv["patterns"]):
            found.add(lv["name"])
    return found


def _populations_asked(bare: str) -> set[str]:
    return {p["name"] for p in lexicon()["populations"]
            if any(re.search(strip_diacritics(x), bare) for x in p["patterns"])}


def _end_year(period: str) -> str:
    years = re.findall(r"(?:19|20)\d{2}", period or "")
    return years[-1] if years else ""


def _group_key(r: TargetRecord) -> tuple:
    return (r.kind, r.level, tuple(sorted(r.population)), r.unit)


def verdict(question: str, metrics: list[str], named: list[str], index: PlanIndex, cite_record) -> Answer | None:
    """Which plan's figure is highest/lowest (or which of two named plans is higher), from the
    records, each figure cited; or why the figures cannot be compared."""
    bare = _bare(question)
    # "ít nhất bao nhiêu" asks a minimum, not the lowest plan; a superlative within the one plan
    # named ("cấp học nào thấp nhất") is no comparison of plans
    superlative = _SUPERLATIVE.search(re.sub(r"\b(?:it nhat|toi thieu) (?:la )?(?:bao nhieu|may)\b", " ", bare))
    superlative = superlative if len(named) != 1 else None
    higher = _HIGHER.search(bare)
    if not metrics or not (superlative or (higher and len(named) == 2)):
        return None
    low = any(w in (superlative or higher).group(1) for w in _LOW_WORDS)
    records = [r for r in targets_of_metrics(index, metrics) if r.kind in ("target", "status")
               and r.numeric is not None and (not named or r.doc_id in named)]
    # a metric the question names word for word ("đạt chuẩn trình độ đào tạo") is compared on its
    # own, not with the other members of its group
    said = [m for m in metrics if f" {strip_diacritics(fold(m))} " in bare]
    if said and len({r.doc_id for r in records if r.metric in said}) >= 2:
        records = [r for r in records if r.metric in said]
    populations = _populations_asked(bare)
    if populations:  # "tỷ lệ giáo viên …": the figures about giáo viên, not about CBQL
        records = [r for r in records if populations & set(r.population)]
    levels = _levels_asked(bare)
    other_levels: list[TargetRecord] = []
    if levels:
        other_levels = [r for r in records if r.level not in levels]
        records = [r for r in records if r.level in levels]
    if (_STATUS_ASKED.search(bare) or _AS_OF.search(fold(question))) and not _TARGET_ASKED.search(bare):
        records = [r for r in records if r.kind == "status"]
        other_levels = [r for r in other_levels if r.kind == "status"]
    elif _TARGET_ASKED.search(bare) and not _STATUS_ASKED.search(bare):
        records = [r for r in records if r.kind == "target"]
        other_levels = [r for r in other_levels if r.kind == "target"]
    if not records and other_levels:  # the level asked has no figure: say so, with what there is
        citations_only: list[Citation] = []
        lines = [phrases.VERDICT_NO_LEVEL.format(metric=other_levels[0].metric, level=", ".join(sorted(levels)))]
        for r in other_levels[:8]:
            cite = cite_record(str(len(citations_only) + 1), r, index)
            if cite is not None:
                citations_only.append(cite)
                period = f", {r.period}" if r.period else ""
                lines.append(f"- {phrases.VERDICT_FIGURE.format(plan=index.plans[r.doc_id].label, value=r.value, period=period, ref=cite.id)}"
                             f" ({phrases.KIND_NAMES.get(r.kind, r.kind)}, {r.level})")
        return Answer(answer="\n".join(lines), abstained=False, citations=citations_only) if citations_only else None
    if not records:
        return None
    # one figure per plan and group: the latest period, then the record that comes first
    best: dict[tuple, TargetRecord] = {}
    for r in records:
        k = (r.doc_id,) + _group_key(r)
        if k not in best or _end_year(r.period) > _end_year(best[k].period):
            best[k] = r
    groups: dict[tuple, list[TargetRecord]] = {}
    for r in best.values():
        groups.setdefault(_group_key(r), []).append(r)
    # the group with the most plans is the comparison; the others are listed as not comparable
    key, chosen = max(groups.items(), key=lambda kv: (len({r.doc_id for r in kv[1]}), -len(kv[0][2])))
    plans_in = {r.doc_id for r in chosen}
    citations: list[Citation] = []

    def figure(r: TargetRecord) -> str | None:
        cite = cite_record(str(len(citations) + 1), r, index)
        if cite is None:
            return None
        citations.append(cite)
        period = f", {r.period}" if r.period else ""
        return phrases.VERDICT_FIGURE.format(plan=index.plans[r.doc_id].label, value=r.value, period=period, ref=cite.id)

    metric_name = "; ".join(dict.fromkeys(r.metric for r in chosen))
    kind = phrases.KIND_NAMES.get(key[0], key[0])
    periods = {_end_year(r.period) for r in chosen}
    ordered = sorted(chosen, key=lambda r: r.numeric, reverse=not low)
    if len(plans_in) < 2 or (key[0] == "target" and len(periods) > 1):
        shown = [f for f in (figure(r) for r in ordered) if f]
        if not shown:
            return None
        reason = (phrases.VERDICT_ONLY_ONE if len(plans_in) < 2 else phrases.VERDICT_PERIODS)
        lines = [reason.format(metric=metric_name, kind=kind)] + [f"- {s}" for s in shown]
    else:
        shown = [(r, figure(r)) for r in ordered]
        shown = [(r, f) for r, f in shown if f]
        if len(shown) < 2:
            return None
        top, rest = shown[0], shown[1:]
        tie = [r for r, _ in rest if r.numeric == top[0].numeric]
        word = phrases.VERDICT_LOW if low else phrases.VERDICT_HIGH
        if tie:
            lead = phrases.VERDICT_TIE.format(metric=metric_name, kind=kind, value=top[0].value)
        else:
            lead = phrases.VERDICT_LEAD.format(plan=index.plans[top[0].doc_id].label, word=word, metric=metric_name,
                                               kind=kind, level=top[0].level)
        lines = [lead] + [f"- {f}" for _, f in shown]
    # figures of another group, and those of a named plan at another level than the one asked
    others = [r for k, rs in groups.items() if k != key for r in rs]
    others += [r for r in other_levels if named and r.doc_id in named and r.doc_id not in plans_in
               and r.kind in {x.kind for x in chosen}]
    if others:
        lines.append(phrases.VERDICT_NOT_COMPARABLE)
        lines += [f"- {f} ({phrases.KIND_NAMES.get(r.kind, r.kind)}, {r.level})" for r in others[:6]
                  for f in [figure(r)] if f]
    return Answer(answer="\n".join(lines), abstained=False, citations=citations)
