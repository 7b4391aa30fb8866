"""Answers from the structured layer: comparison tables, plan lists and role checklists.

Officials compare the same metric across plans; teachers ask what their role needs. Passages
answer these badly, so when a question names a metric (with a comparison or list cue, or two
plans) or a role (asking for certificates, qualifications, training), the answer is built
from the extracted records: a short Vietnamese lead, then a markdown table or a per-plan
checklist whose every cell or line carries a citation to the verbatim quote. Anything else
(or a question the records do not cover) goes back to the passage composer.
"""

from __future__ import annotations

import re

from . import phrases
from .citations import Citation, cite as _cite, section_ref
from .evidence import Answer
from .index import PlanIndex
from .question import _without_descriptors, analyze_plans, asks_only_when_or_where, plan_clauses, restored
from .parsing import _BASES_RE
from .targets import (RequirementRecord, TargetRecord, _key, _period, _roles_and_requirements, _spans, applies_to, body_sentences, lexicon,
                      plan_requirements, plan_targets, resolve_role, targets_of_metrics)
from .synthesis import outline, verdict
from .text import expand_abbreviations, has_diacritics, strip_diacritics

# question cues, matched on the folded diacritic-free question
_COMPARE_CUE = re.compile(r"\b(so sanh|khac nhau|giong nhau|hon|cao hon|thap hon|ben canh|doi chieu)\b")
_LIST_CUE = re.compile(r"\b(nhung|cac|bao nhieu) (ke hoach|de an|dia phuong|noi|truong|don vi)\b|\b(ke hoach|de an|dia phuong|noi) nao\b")
# a teacher asking what a role needs ("cần", "phải", "bắt buộc"); on text with diacritics, so
# that "cán bộ" is not "cần"
_NEED_CUE = re.compile(r"\b(cần|phải|yêu cầu|bắt buộc|khuyến khích|tiêu chuẩn|điều kiện)\b")
_NEED_CUE_BARE = re.compile(r"\b(can(?! bo)|phai|yeu cau|bat buoc|khuyen khich|tieu chuan|dieu kien)\b")
_QUANTITY_CUE = re.compile(r"\b(bao nhieu|ty le|ti le|phan tram|so luong|may (?:mo dun|tiet|nguoi|giao vien|lop|khoa|dot|lan|buoi))\b|%")
# what a role must have or do ("phải có / đạt / học …", "cần chứng chỉ gì", "yêu cầu", "bắt buộc"),
# read bare: "phải cam kết điều gì", "có phải đóng học phí không" ask no qualification
_REQUIRES_CUE = re.compile(r"\b(yeu cau|bat buoc|tieu chuan|dieu kien)\b|\b(can|phai)(?: phai)? (co|dat|hoc|di|duoc|boi duong|"
                           r"hoan thanh|lam|lay|tham gia|dap ung|chung chi|trinh do|bang|gi|nhung|them)\b")
_MENTION_CUE = re.compile(r"\b(de cap|noi ve|nhac den|nhac toi|co noi dung|co neu|neu)\b")
_STATUS_CUE = re.compile(r"\b(hien co|hien nay|thuc trang|hien tai|dang co)\b")
_TARGET_CUE = re.compile(r"\b(muc tieu|chi tieu|phan dau|dat muc tieu|den nam|ke hoach dat)\b")
# "do một trường học ban hành", "do UBND huyện ban hành": the kind of body that issued a plan
_ISSUER_CUE = re.compile(r"\bdo (?:mot |cac |nhung )?(\w+(?: \w+){0,5}?) (?:ban hanh|ky ban hanh|xay dung)\b")
_YEAR_ASKED = re.compile(r"\b(?:19|20)\d{2}\b")
_VALUE_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _bare(text: str) -> str:
    return " " + re.sub(r"[^\w%]+", " ", strip_diacritics(_key(expand_abbreviations(text, keep_original=False, lenient=True)))) + " "


def asked_metrics(question: str) -> list[str]:
    """Metrics a question names: a group name ("trình độ đào tạo"), else metric phrases."""
    lex = lexicon()
    bare = _bare(question)
    key = _key(expand_abbreviations(question, keep_original=False, lenient=True))
    # the longest phrase first: "thiếu GV/VC so với biên chế" asks the shortage before "số GV"
    named = list(dict.fromkeys(n for _, _, n in sorted(_spans(lex["metrics"], key), key=lambda s: s[0] - s[1])))
    for group, members in lex.get("metric_groups", {}).items():
        if f" {strip_diacritics(_key(group))} " in bare:
            return [m for m in named if m in members] + [m for m in members if m not in named]
    return named


def asked_requirements(question: str) -> list[str]:
    key = _key(expand_abbreviations(question, keep_original=False, lenient=True))
    return list(dict.fromkeys(n for _, _, tag, n in _roles_and_requirements(key) if tag == "requirement"))


def asked_roles(question: str) -> list[str]:
    key = _key(expand_abbreviations(question, keep_original=False, lenient=True))
    if not any(tag == "role" for _, _, tag, _ in _roles_and_requirements(key)) and not _roles_named_in(question):
        return []
    return resolve_role(question)


def _without_plan_names(question: str, named: list[str], index: PlanIndex) -> str:
    """The question's folded key minus the names of the plans it names, school kind included
    ("trường TH Cao Dương" names a plan; it does not ask about tiểu học)."""
    key = _key(expand_abbreviations(question, keep_original=False, lenient=True))
    levels = "|".join(f"(?:{p})" for lv in lexicon()["levels"] for p in lv["patterns"])
    for doc_id in named:
        for alias in sorted(index.plans[doc_id].aliases, key=len, reverse=True):
            key = re.sub(rf"(?:trường\s+)?(?:(?:{levels})\s+)?{re.escape(_key(alias))}", " ", key)
    return key


_MENTION_TAIL = re.compile(r"\b(?:de cap|noi ve|nhac den|nhac toi|co noi dung ve|co noi dung|co neu|neu)\b(?:\s+(?:den|toi|ve|viec|van de))*\s+(.+)$")


def _mention_phrases(question: str) -> list[str]:
    """The topic a "kế hoạch nào nhắc đến …" question names, as printed after the cue (with
    diacritics where they were typed or restored), split at "hoặc" / "hay" / commas into
    alternatives; question words at the ends are dropped. The cue is found bare, since a
    restored "noi ve" may read "nội về"."""
    from .question import question_stopwords as _stopwords

    # the sentence that holds the cue: "…nhắc đến Nghị quyết 29-NQ/TW? Có phải cùng một…" asks
    # about that resolution, not about "cùng một nghị quyết"
    clauses = [c for c in re.split(r"[?!]|\.(?=\s|$)", question) if c.strip()]
    question = next((c for c in clauses if _MENTION_TAIL.search(_bare(c).strip())), question)
    # "…về xã hội hóa giáo dục, và mỗi kế hoạch đặt vấn đề đó ra sao?": a comma and a conjunction
    # start another clause
    question = re.split(r",\s*(?:và|còn|đồng thời|rồi|nhưng|va|con|dong thoi|roi|nhung)\s", question)[0]
    shown = re.sub(r"[^\w,;]+", " ", _key(expand_abbreviations(question, keep_original=False, lenient=True))).split()
    bare = [strip_diacritics(w) for w in shown]
    m = _MENTION_TAIL.search(" ".join(w for w in bare if w not in ",;"))
    if not m:
        return []
    words_ = [w for w in shown if w not in ",;"]
    tail = words_[len(words_) - len(m.group(1).split()):]
    stop = _stopwords() | {strip_diacritics(w) for w in _stopwords()}
    out, part = [], []
    for w in tail + ["hoặc"]:
        if strip_diacritics(w) in ("hoac", "hay"):
            while part and part[-1] in stop:
                part.pop()
            while part and part[0] in stop:
                part.pop(0)
            if len(part) >= 2:
                out.append(" ".join(part))
            part = []
        else:
            part.append(w)
    return out


def _cue(cues: list[str], question: str) -> bool:
    """Does the question (diacritics restored) hold one of these cue phrases? Matched with
    diacritics: "giao" (assign) is not "giáo" (of giáo viên)."""
    key = " " + re.sub(r"[^\w]+", " ", _key(expand_abbreviations(question, keep_original=False, lenient=True))) + " "
    return any(f" {_key(c)} " in key for c in cues)


def agency_generic(index: PlanIndex) -> set[str]:
    """Words naming a kind of body or a place level, not one body."""
    return index.derived("agency_generic", lambda: {
        w for phrase in lexicon()["agency_generic_words"] for w in strip_diacritics(_key(phrase)).split()})


def _agency_words(text: str, index: PlanIndex) -> list[str]:
    """The words that tell one body from another ("Phòng Nội vụ quận" -> ["noi", "vu"]): no
    words for a kind of body or a place level."""
    skip = agency_generic(index)
    return [w for w in _bare(text).split() if w not in skip and w != "%"]


def _is_name(chunk) -> bool:
    """Is the section's heading the name of a body, with its duties below it (rather than an
    item that names its body and says the duty in one line)?"""
    return any(line.strip() for line in chunk.text.split("\n")[1:])


def _name_match(asked: list[str], heading: list[str], is_name: bool) -> int:
    """How many leading words of a section's heading stand together in the question: all of a
    heading that is a name ("Phòng Nội vụ quận"), or the start of an item that names its body
    first ("Phòng Nội vụ tham mưu tuyển dụng…"); 0 for a name the question only half says."""
    best = 0
    for i in range(len(asked)):
        n = 0
        while n < len(heading) and i + n < len(asked) and asked[i + n] == heading[n]:
            n += 1
        best = max(best, n)
    return 0 if is_name and best < len(heading) else best


def _body_kind(question: str) -> tuple[str, list[str]]:
    """A kind of body the question names instead of one body: (the lexicon's words for it as
    asked, the printed forms of a heading for it, bare); ("", []) when it names none."""
    bare = _bare(question)
    for kind in lexicon().get("body_kinds", []):
        asked = next((a for a in kind["asked"] if f" {strip_diacritics(_key(a))} " in bare), "")
        if asked:
            return asked, [strip_diacritics(_key(f)) for f in kind["forms"]]
    return "", []


def _body_name(heading: str, matched: int, index: PlanIndex) -> str:
    """The body an item is about: its printed words up to the last one the question matched
    ("Phòng Nội vụ tham mưu tuyển dụng…" -> "Phòng Nội vụ")."""
    tokens = heading.strip(" :.").split()
    count = 0
    for i, token in enumerate(tokens):
        count += len(_agency_words(token, index))
        if count >= matched:
            return " ".join(tokens[: i + 1]).strip(" ,:;.")
    return " ".join(tokens)


def task_sections(index: PlanIndex) -> dict[str, dict[str, list[tuple[str, tuple[str, ...], bool]]]]:
    """For "task_headings" and "implementation_headings": each plan's sections under such a
    heading as (chunk id, the heading's distinguishing words, is it a name) — computed at index
    time, so a question about every plan's duties reads a table, not every plan's text."""
    def compute():
        out: dict[str, dict] = {}
        for kind in ("task_headings", "implementation_headings"):
            out[kind] = {d: [(c.chunk_id, tuple(_agency_words(c.heading, index)), _is_name(c))
                             for c in _task_sections(index, d, kind)] for d in index.plans}
        return out

    return index.derived("task_sections", compute)


def _task_sections(index: PlanIndex, doc_id: str, headings: str = "task_headings") -> list:
    """Chunks of the sections under a "Tổ chức thực hiện" / "Nhiệm vụ" heading, one per section."""
    heads = [strip_diacritics(_key(h)) for h in lexicon()[headings]]
    out, seen = [], set()
    for chunk in index.chunks_of(doc_id):
        above = strip_diacritics(_key(" ".join(chunk.trail[:-1])))
        if len(chunk.trail) >= 2 and any(h in above for h in heads) and chunk.section not in seen:
            seen.add(chunk.section)
            out.append(chunk)
    return out


def _strip_label(line: str) -> str:
    from .text import clean_display

    return re.sub(r"^(?:[a-zđ][).]|\d+\)|\d+(?:\.\d+)*\.|[-–+•])\s*", "", clean_display(line)).strip()


def _record_passage(rec: TargetRecord | RequirementRecord, index: PlanIndex) -> tuple | None:
    """(chunk that holds a record's quote, the quote), or None if its section has no chunk."""
    chunks = [c for c in index.chunks_of(rec.doc_id) if c.section == rec.section]
    holder = next((c for c in chunks if c.start <= rec.start < c.end), chunks[0] if chunks else None)
    return (holder, rec.quote) if holder is not None else None


def _cite_record(ref: str, rec: TargetRecord | RequirementRecord, index: PlanIndex) -> Citation | None:
    """A citation for a record's quote, through the chunk that holds it."""

    passage = _record_passage(rec, index)
    return _cite(ref, *passage, index) if passage else None


def bare_passages(index: PlanIndex) -> list[str]:
    """Every passage folded, abbreviations spelled out, without diacritics, words single-spaced
    (computed at index time: counting the plans that print a phrase reads these)."""
    return index.derived("bare_passages", lambda: [
        " " + re.sub(r"[^\w]+", " ", strip_diacritics(_key(c.text))) + " " for c in index.chunks])


def _bare_passage(chunk, index: PlanIndex) -> str:
    return bare_passages(index)[index.by_id[chunk.chunk_id]]


def _plan_list(index: PlanIndex, picks: list[tuple[str, list[tuple]]], lead, with_heading: bool = False,
               beyond: int = 0):
    """A list answer: `lead(doc_ids listed)` then one cited line per plan, or None if no plan has
    a passage. `picks` is [(doc_id, [(chunk, passage), …])]; a line quotes its first passage with
    plan and section, then the others, each with its [n]."""

    citations: list[Citation] = []
    lines: list[str] = []
    # a list of thousands of plans answers nobody; `beyond`: plans the caller counted past the cap
    more = max(0, len(picks) - _cap(index)) + beyond
    for doc_id, passages in picks[: len(picks) - more]:
        mine = []
        for chunk, passage in passages:
            mine.append(_cite(str(len(citations) + 1), chunk, passage, index))
            citations.append(mine[-1])
        if not mine:
            continue
        first = mine[0]
        section = section_ref(first, index) if with_heading else f"mục {first.section}"
        more = "".join(f" “{c.text}” [{c.id}]" for c in mine[1:])
        lines.append(phrases.PER_PLAN_LINE.format(plan=index.plans[doc_id].label, section=section,
                                                  quote=f"“{first.text}”", ref=first.id) + more)
    if not citations:
        return None
    listed = list(dict.fromkeys(c.doc_id for c in citations))
    if more:
        lines.append(phrases.MORE_PLANS.format(n=more))
    return Answer(answer=lead(listed) + "\n" + "\n".join(lines), abstained=False, citations=citations)


def _cap(index: PlanIndex) -> int:
    """Plans an answer about all plans lists at most."""
    return index.settings.cross_plan_max_plans


def _labels(index: PlanIndex, doc_ids: list[str]) -> str:
    return "; ".join(index.plans[d].label for d in doc_ids)


_UNIT_ASKED = (("tiết", re.compile(r"\bbao nhieu tiet\b|\bmay tiet\b|\bso tiet\b")),
               ("đồng", re.compile(r"\bbao nhieu (tien|dong|trieu)\b|\bkinh phi\b|\bmuc ho tro\b")),
               ("%", re.compile(r"\bty le\b|\bti le\b|\bphan tram\b|%")),
               ("count", re.compile(r"\bbao nhieu (nguoi|giao vien|can bo|nhan vien|truong|lop)\b")),
               # a span of time or a count of things no record counts ("trong bao lâu", "mấy mô
               # đun", "bao nhiêu lượt"): the records state shares and head counts, never these
               ("thời gian", re.compile(r"\bbao lau\b|\b(bao nhieu|may) (thang|tuan|ngay|gio|buoi)\b")),
               ("mô đun", re.compile(r"\b(bao nhieu|may) (mo dun|mo-dun|module|modun)\b")),
               ("lượt", re.compile(r"\b(bao nhieu|may) (luot|lan|dot|khoa|tin chi)\b")))


def _asked_unit(bare: str) -> str:
    """The kind of figure a question asks for, read bare: "tiết", "đồng", "%", "count", or ""."""
    found = [name for name, rx in _UNIT_ASKED if rx.search(bare)]
    return found[0] if len(found) == 1 else ""


def _unit_fits(unit: str, asked: str) -> bool:
    unit = strip_diacritics(unit.lower())
    if asked == "%":
        return unit == "%"
    if asked == "count":
        return unit not in ("%", "nam", "tiet", "dong") and "dong" not in unit
    if asked == "thời gian":
        return unit in ("nam", "thang", "tuan", "ngay")
    return strip_diacritics(asked) in unit


def _value(rec: TargetRecord) -> str:
    value = ("" if rec.comparator == "=" else rec.comparator + " ") + rec.value
    if rec.unit not in ("%", "năm", ""):
        value += " " + rec.unit
    return value


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _focus(lines: list[RequirementRecord], named: list[str]) -> tuple[list, list]:
    """Split a checklist into the lines quoted and the lines only pointed to. For each role the
    user named, a plan's answer is its lines written for that role; where it has none, its lines
    for a group the role belongs to (nhân viên for văn thư); where it has none of those either,
    its lines for a narrower role (hiệu trưởng when cán bộ quản lý is asked), which name who they
    bind. Lines beyond that hold for some of the people asked, not all of them: the answer points
    to their sections instead of quoting them as what the user needs."""
    if not named:
        return lines, []
    wider = lexicon().get("role_includes", {})
    quoted: list[RequirementRecord] = []
    taken: set[int] = set()  # by identity: comparing records field by field made this quadratic
    by_plan: dict[str, list[RequirementRecord]] = {}
    for r in lines:
        by_plan.setdefault(r.doc_id, []).append(r)
    for mine in by_plan.values():
        for role in named:
            groups = {role, *wider.get(role, [])}
            own = ([r for r in mine if role in r.roles] or [r for r in mine if set(r.roles) & groups]
                   or [r for r in mine if applies_to({role}, r.roles)])
            for r in own:
                if id(r) not in taken:
                    taken.add(id(r))
                    quoted.append(r)
    # a line for a sibling role (văn thư when kế toán is asked) came in through the group both
    # belong to: it binds nobody asked
    groups = set(named) | {g for role in named for g in wider.get(role, [])}
    related = [r for r in lines if id(r) not in taken and (set(r.roles) & groups or applies_to(set(named), r.roles))]
    return quoted, related


def _dedicated(lines: list[RequirementRecord], wanted: set[str],
               every: list[RequirementRecord]) -> list[RequirementRecord]:
    """Drop a sentence that names the requirement asked in passing, among others ("…chứng chỉ
    QLGD, QLNN, trình độ Trung cấp LLCT, chứng chỉ ngoại ngữ…"), where the same plan has a
    sentence about that requirement alone for the same people: that one is the plan's word on it."""
    by_quote: dict[tuple, list[RequirementRecord]] = {}
    for r in lines:
        by_quote.setdefault((r.doc_id, r.quote), []).append(r)
    stated: dict[tuple, set[str]] = {}
    for r in every:
        if (r.doc_id, r.quote) in by_quote:
            stated.setdefault((r.doc_id, r.quote), set()).add(r.requirement)
    quotes_of: dict[str, list[str]] = {}
    for doc_id, quote in by_quote:
        quotes_of.setdefault(doc_id, []).append(quote)
    keep = []
    for (doc_id, quote), recs in by_quote.items():
        roles = set(recs[0].roles)
        broad = not stated[(doc_id, quote)] <= wanted
        covered = any(q != quote and stated[(doc_id, q)] <= wanted and roles <= set(by_quote[(doc_id, q)][0].roles)
                      for q in quotes_of[doc_id])
        if not (broad and covered):
            keep += recs
    return keep


def _asked_period(key: str) -> str:
    """The period a (folded) question names: "giai đoạn 2021-2025", or a bare "(2021-2025)"."""
    m = re.search(r"\b(\d{4})\s*[-–]\s*(\d{4})\b", key)
    return _period(key)[0] or (f"{m.group(1)}–{m.group(2)}" if m else "")


def _in_period(records: list, period: str, period_of) -> list:
    """"Tuần Giáo (2021-2025)": a plan that has records for the period asked keeps only those;
    a plan without any keeps its own (the question may name the period of another plan)."""
    if not period:
        return records
    hits = {r.doc_id for r in records if period_of(r) == period}
    return [r for r in records if r.doc_id not in hits or period_of(r) == period]


def _roles_named_in(question: str) -> list[str]:
    """Roles a question names, before resolve_role adds the groups they belong to; a bare role
    name counts too ("Còn kế toán?"), as resolve_role allows."""
    key = _key(expand_abbreviations(question, keep_original=False, lenient=True))
    found = list(dict.fromkeys(n for _, _, tag, n in _roles_and_requirements(key) if tag == "role"))
    if found:
        return found
    bare = _bare(question)
    return [r["name"] for r in lexicon()["roles"] if f" {strip_diacritics(_key(r['name']))} " in bare]


class StructuredAnswerer:
    """Tables and checklists from the targets/requirements records, or None to let the composer answer."""

    def __init__(self, composer=None, min_coverage: float = 0.5) -> None:
        self.composer = composer  # for coverage checks and for plans the records say nothing about
        self.min_coverage = min_coverage
        self.bases_coverage = 0.75  # share of the question a legal-basis line must hold

    def answer(self, evidence, index: PlanIndex):
        named = list(evidence.query.doc_ids)
        # "KH đào tạo, bồi dưỡng GV mầm non của Tuần Giáo" names a plan by its title: those words
        # do not ask about giáo viên or bồi dưỡng
        question = _without_descriptors(restored(evidence.effective_question, index), named, index)
        now = _without_descriptors(restored(evidence.question, index), named, index)
        followup = evidence.question != evidence.effective_question
        bare = _bare(question)
        # "khi nào hiệu trưởng phải chuyển trường?" asks a time of a role, not what it must have:
        # a role's checklist states what is required, not a time or a place
        timed = asks_only_when_or_where(_bare(now))
        # in a follow-up ("Thế còn giáo viên bình thường?") the role asked now replaces the earlier one
        roles = asked_roles(now) or asked_roles(question)
        wanted = asked_requirements(question)
        metrics = asked_metrics(question)
        comparing = bool(_COMPARE_CUE.search(bare)) or len(named) >= 2
        listing = bool(_LIST_CUE.search(bare)) and not named
        # "không đáp ứng được yêu cầu" (falls short) asks for no requirement
        key = re.sub(r"đáp ứng (được |tốt )?(các |những )?yêu cầu", " ",
                     _key(expand_abbreviations(question, keep_original=False, lenient=True)))
        needs = _NEED_CUE.search(key) or (not has_diacritics(question) and
                                          _NEED_CUE_BARE.search(re.sub(r"dap ung (duoc |tot )?(cac |nhung )?yeu cau", " ", bare)))
        if roles and wanted and needs and comparing and not _QUANTITY_CUE.search(bare) and not timed:
            # "So sánh yêu cầu bồi dưỡng QLGD, QLNN đối với CBQL ở A, B, C": what each plan asks
            # of that role, side by side, rather than the figures of a metric
            answer = self._checklist(evidence, index, roles, wanted, named, question, now)
            if answer is not None:
                return answer
        # a position named (one within a wider group: kế toán, hiệu trưởng, tổng phụ trách Đội),
        # not only "giáo viên" that nearly every question names
        position = any(r in lexicon()["role_includes"] for r in _roles_named_in(now))
        requires = bool(_REQUIRES_CUE.search(bare))
        if roles and (wanted or position) and needs and requires and not _QUANTITY_CUE.search(bare) and not timed:
            # "Tổng phụ trách Đội bắt buộc phải có chứng chỉ gì?", "Tôi làm tổng phụ trách Đội …
            # phải làm gì?": a requirement of a role, even when the plan also gives that role duties
            answer = self._checklist(evidence, index, roles, wanted, named, question, now)
            if answer is not None:
                return answer
        # a body named with its duties asked ("Phòng Tài chính - Kế hoạch được giao nhiệm vụ gì…")
        # is about that body, whatever metric words the plans' titles add
        if _cue(lexicon()["task_cues"], question) and not _QUANTITY_CUE.search(bare):
            # ("kế hoạch giao bao nhiêu, thực hiện được bao nhiêu": a figure asked, not a body's duties)
            # in a follow-up ("Thế các trường THCS phải báo cáo trước ngày nào?") the body named
            # now replaces the one asked about before
            answer = self._agency_tasks(evidence, index, now, named) if followup else None
            if answer is None:
                answer = self._agency_tasks(evidence, index, question, named)
            if answer is not None:
                return answer
        # synthesis from several places: a plan's own outline of the part asked, or a verdict
        # from the records ("… cao nhất", "A hay B cao hơn")
        answer = outline(question, named, index) if not followup else None
        if answer is None and metrics:
            answer = verdict(question, metrics, named, index, _cite_record)
        if answer is not None:
            return answer
        if metrics and (comparing or listing):
            answer = self._table(evidence, index, metrics, named, question, listing and not comparing)
            if answer is not None:
                return answer
        issued_by = _ISSUER_CUE.search(bare)  # matched bare: a restored "do" may read "độ"
        if listing and issued_by:
            # the same words as the user wrote them (with diacritics where they were restored)
            start = len(bare[: issued_by.start(1)].split())
            shown = re.sub(r"[^\w]+", " ", _key(expand_abbreviations(question, keep_original=False, lenient=True))).split()
            answer = self._issuers(index, " ".join(shown[start : start + len(issued_by.group(1).split())]))
            if answer is not None:
                return answer
        if listing and _cue(lexicon()["bases_cues"], question) and self.composer is not None:
            answer = self._bases(evidence, index)
            if answer is not None:
                return answer
        year = _YEAR_ASKED.search(question)
        if listing and not metrics and year and _TARGET_CUE.search(bare):
            answer = self._year_targets(index, year.group(0))
            if answer is not None:
                return answer
        if listing and not metrics and _MENTION_CUE.search(bare) and self.composer is not None:
            answer = self._mentions(evidence, index, question)
            if answer is not None:
                return answer
        if metrics and followup:
            answer = self._followup(evidence, index, metrics, named)
            if answer is not None:
                return answer
        if roles and needs and requires and not _QUANTITY_CUE.search(bare) and not timed:
            return self._checklist(evidence, index, roles, wanted, named, question, now)
        return None

    # -- role checklists ------------------------------------------------------------------
    def _checklist(self, evidence, index, roles, wanted, named, question, now):

        levels = {lv["name"] for lv in lexicon()["levels"]
                  if any(re.search(p, _without_plan_names(question, named, index)) for p in lv["patterns"])}
        lines = [r for r in plan_requirements(index) if applies_to(set(roles), r.roles)]
        if named:
            lines = [r for r in lines if r.doc_id in named]
        if levels:
            lines = [r for r in lines if r.level in levels or r.level == lexicon()["whole_sector"]]
        if wanted:
            lines = [r for r in lines if r.requirement in wanted]
        elif _cue([lexicon()["certificate_cue"]], question) and not _cue(["trình độ", "bằng cấp"], question):
            # "cần chứng chỉ gì?": the certificates, not every qualification and standard
            certificates = [r for r in lines if r.requirement in lexicon()["certificate_requirements"]]
            lines = certificates or lines
        if not lines:
            return None
        asked = _asked_period(_key(question))
        lines = _in_period(lines, asked, lambda r: _period(_key(r.when))[0])
        role_changed = now != question and asked_roles(now)
        if self.composer is not None and evidence.units and not role_changed:
            text = " ".join(dict.fromkeys(r.quote for r in lines)) + " " + " ".join(roles)
            if self.composer.coverage(evidence.units, text, index) < self.min_coverage:
                return None  # the question asks something the checklist does not say
        named_here = _roles_named_in(now) or _roles_named_in(question)
        lines, pointers = _focus(lines, named_here)
        if wanted:
            lines = _dedicated(lines, set(wanted), plan_requirements(index))
        # one line per printed sentence: the requirements it states, its strength, its quote
        grouped: dict[tuple, list[RequirementRecord]] = {}
        for r in lines:
            grouped.setdefault((r.doc_id, r.section, r.quote, r.strength), []).append(r)
        citations: list[Citation] = []
        table: list[dict] = []
        out = [phrases.CHECKLIST_ANSWER_LEAD.format(role=", ".join(roles[:2]))]
        shown_plans = list(dict.fromkeys(k[0] for k in grouped))
        more = max(0, len(shown_plans) - _cap(index)) if not named else 0
        by_plan: dict[str, list] = {}
        for key, recs in grouped.items():
            by_plan.setdefault(key[0], []).append((key, recs))
        pointers_of: dict[str, list] = {}
        for r in pointers:
            pointers_of.setdefault(r.doc_id, []).append(r)
        for doc_id in shown_plans[: len(shown_plans) - more]:
            out.append("")
            out.append(phrases.CHECKLIST_PLAN.format(plan=index.plans[doc_id].label))
            for (d, section, quote, strength), recs in by_plan[doc_id]:
                cite = _cite_record(str(len(citations) + 1), recs[0], index)
                if cite is None:
                    continue
                citations.append(cite)
                names = ", ".join(dict.fromkeys(r.requirement for r in recs))
                when = next((r.when for r in recs if r.when), "")
                out.append(phrases.CHECKLIST_ANSWER_LINE.format(
                    strength=phrases.STRENGTH_MARK[strength], requirement=names, quote=quote,
                    when=phrases.CHECKLIST_WHEN.format(when=when) if when else "", section=section, ref=cite.id))
                table.append({"plan": index.plans[doc_id].label, "requirement": names, "strength": strength,
                              "when": when, "section": section, "quote": quote, "ref": cite.id})
            others = pointers_of.get(doc_id, [])
            if others:
                shown = [n for r in others for n in r.roles if applies_to(set(roles), [n]) and n not in named_here]
                out.append(phrases.CHECKLIST_SEE_ALSO.format(
                    roles=", ".join(dict.fromkeys(shown)),
                    sections=", ".join(dict.fromkeys(r.section for r in others))))
        if not citations:
            return None
        if more:
            out += ["", phrases.MORE_PLANS.format(n=more)]
        return Answer(answer="\n".join(out), abstained=False, citations=citations, table=table)

    # -- "Kế hoạch nào do một trường học ban hành?" ------------------------------------------------
    def _issuers(self, index, kind):
        """Plans whose issuer (from the manifest, read off each header) is the kind of body asked,
        each cited where its text names the issuer."""
        first = strip_diacritics(kind.split()[0])
        picks = []
        for doc_id, plan in index.plans.items():
            name = _bare(plan.issuer).split()
            if not name or name[0] != first:
                continue
            # where the plan names its issuer: its header, else the line that does (a school's
            # "Trường … xây dựng kế hoạch…"), else the header the manifest read it off
            needle = _bare(plan.issuer)
            chunks = index.chunks_of(doc_id)
            header = next((c for c in chunks if c.section_kind == "header"), None)
            if header is not None and needle in _bare(header.text):
                where = (header, " ".join(header.text.split("\n")))
            else:
                # not a legal basis ("Căn cứ Kế hoạch … của UBND huyện …" names another document's issuer)
                where = next(((c, _strip_label(line)) for c in chunks for line in c.text.split("\n")
                              if needle in _bare(line) and not _BASES_RE.match(_strip_label(line))), None)
            if where is None and header is not None:
                where = (header, " ".join(header.text.split("\n")))
            if where is not None:
                picks.append((doc_id, [where]))
        return _plan_list(index, picks, lambda listed: phrases.ISSUER_LEAD.format(
            kind=kind, plans="; ".join(f"{index.plans[d].label} – {index.plans[d].issuer}" for d in listed)))

    # -- "Kế hoạch nào căn cứ thông tư liên tịch quy định mã số …?" ---------------------------------
    def _bases(self, evidence, index):
        """Plans whose legal bases ("Căn cứ …", "Thực hiện …") cite the document the question
        describes: a basis line must hold most of what the question says of it."""
        cues = [_key(c) for c in lexicon()["bases_cues"]]
        picks = []
        for doc_id in index.plans:
            # the bases block, or a body section headed as one ("I. Căn cứ pháp lý")
            found = [(self.composer.coverage(evidence.units, _strip_label(line), index), chunk, _strip_label(line))
                     for chunk in index.chunks_of(doc_id)
                     if chunk.section_kind == "bases" or any(c in _key(" ".join(chunk.trail)) for c in cues)
                     for line in chunk.text.split("\n") if line.strip()]
            found = [f for f in found if f[0] >= self.bases_coverage]
            if found:
                _, chunk, line = max(found, key=lambda f: f[0])
                picks.append((doc_id, [(chunk, line)]))
        return _plan_list(index, picks, lambda listed: phrases.BASES_LEAD.format(plans=_labels(index, listed)))

    # -- "Những kế hoạch nào đặt mục tiêu phải đạt vào năm 2023?" --------------------------------
    def _year_targets(self, index, year):
        """Every plan with a target sentence that falls due in the asked year ("vào năm 2023",
        "phấn đấu đến năm 2023"), each quoted and cited; a school year ("năm học 2022-2023") is
        no deadline."""
        lex = lexicon()
        due = re.compile(rf"(?<!học )năm\s+{year}\b(?!\s*[-–])")
        # "đến năm" is the deadline itself, not a sign of a target: a reference to another
        # document's horizon ("… đến năm 2030, tầm nhìn 2045") says it too
        cues = [_key(c) for c in lex["target_cues"] if "năm" not in c]
        heads = [_key(h) for h in lex["goal_headings"]]
        picks = []
        due_records: dict[str, list] = {}
        for r in plan_targets(index):
            if r.kind == "target" and re.split(r"[–-]", r.period)[-1].strip() == year:
                due_records.setdefault(r.doc_id, []).append(r)
        # plans with a target due then, or a passage that prints the year
        printed = index.chunks_with([[year]])
        due_bare = re.compile(rf"(?<!hoc )nam {year}\b(?! \d{{4}}\b)")  # the same, on bare passages
        candidates = set(due_records) | set(printed)
        beyond = 0
        for doc_id in (d for d in index.plans if d in candidates):
            if len(picks) >= _cap(index):  # past the listing cap: counted, not quoted
                beyond += bool(due_records.get(doc_id)) or any(
                    due_bare.search(_bare_passage(c, index)) for c in printed.get(doc_id, []))
                continue
            # the plan's targets whose period ends that year ("Năm 2022 đến năm 2025" dates the
            # items under it), then its sentences that name the year as a deadline
            records = due_records.get(doc_id, [])
            found = [(chunk, sentence) for chunk, sentence, key in body_sentences(index, doc_id, printed.get(doc_id, []))
                     if due.search(key) and len(key.split()) >= 6 and _key(chunk.heading) != key
                     and (any(c in key for c in cues) or any(h in _key(" ".join(chunk.trail)) for h in heads))]
            passages = [p for p in (_record_passage(r, index) for r in records) if p] + found
            mine: list[tuple] = []
            for chunk, text in passages:  # two at most, none restating another
                if len(mine) < 2 and not any(text in t or t in text for _, t in mine):
                    mine.append((chunk, text))
            if mine:
                picks.append((doc_id, mine))
        return _plan_list(index, picks, lambda listed: phrases.YEAR_LEAD.format(year=year, plans=_labels(index, listed)),
                          with_heading=True, beyond=beyond)

    # -- "Những kế hoạch nào giao nhiệm vụ cho Phòng Nội vụ?" / "Cơ quan nào chủ trì?" -----------
    def _agency_tasks(self, evidence, index, question, named):
        """The duties a plan's "Tổ chức thực hiện" gives a body the question names, or, asked who
        leads, each named plan's first body that "chủ trì".

        A body is a section there: headed by its name ("3. Phòng Nội vụ", duties below) or named
        at the start of its item ("2. Phòng Nội vụ tham mưu tuyển dụng…"). The sections whose
        name matches the question longest win, so "Phòng Giáo dục và Đào tạo" is not taken for
        "Trung tâm Giáo dục nghề nghiệp" on the strength of "giáo dục".
        """
        asked = _agency_words(question, index)
        # a body's section must name at least one of the asked words: only plans printing one
        plans = named or index.plans_with([[w] for w in asked])
        table = task_sections(index)["task_headings"]
        scored = [(_name_match(asked, list(heading), is_name), doc_id, chunk_id)
                  for doc_id in plans for chunk_id, heading, is_name in table.get(doc_id, [])]
        scored = [(m, d, index.chunks[index.by_id[c]]) for m, d, c in scored]
        best = max((m for m, _, _ in scored), default=0)
        found: dict[str, object] = {}  # the first matching section of each plan
        if best >= 2:
            for m, doc_id, chunk in scored:
                if m == best:
                    found.setdefault(doc_id, chunk)
        kind_name, kind = _body_kind(question)
        if kind:  # "các trường học": every section headed by a body of that kind, in each plan
            by_kind: dict[str, object] = {}
            sections = task_sections(index)["implementation_headings"]
            for doc_id in named or index.plans_with([f.split() for f in kind]):
                for chunk_id, _words, is_name in sections.get(doc_id, []):
                    chunk = index.chunks[index.by_id[chunk_id]]
                    if is_name and any(f" {f} " in _bare(chunk.heading) for f in kind):
                        by_kind.setdefault(doc_id, chunk)
                        break
            if len(by_kind) > len(found):
                found = by_kind
            else:
                kind_name = ""
        lead = not found and _cue(lexicon()["lead_cues"], question)
        cue = re.compile(r"\b(?:" + "|".join(map(re.escape, lexicon()["lead_cues"])) + r")\b")
        if lead:  # no body named: who leads ("chủ trì") in each plan
            for doc_id in named or []:
                first = next((c for c in _task_sections(index, doc_id, "implementation_headings")
                              if cue.search(_key(c.text))), None)
                if first is not None:
                    found[doc_id] = first
        if not found or (lead and len(found) < len(named)):
            return None
        picks, bodies = [], {}
        for doc_id, chunk in found.items():
            body = [line for line in chunk.text.split("\n")[1:] if line.strip()]
            bullets = [line for line in body if re.match(r"\s*[-–+•]", line)]
            # the first duties; a section without bullets says them in its first paragraph, an
            # item that names its body says them itself
            sentences = [s for s in (_strip_label(line) for line in (bullets or body[:1] or chunk.text.split("\n")[:1])) if s][:2]
            if lead:  # the sentence that says it leads
                sentences = [s for s in sentences if cue.search(_key(s))][:1] or sentences[:1]
            if not sentences:
                continue
            picks.append((doc_id, [(chunk, sentence) for sentence in sentences]))
            if _is_name(chunk):
                bodies[doc_id] = chunk.heading.strip(" :.")
            else:  # an item: the words the question matched, or before it says that it leads
                m = cue.search(chunk.heading.lower())
                bodies[doc_id] = (_body_name(chunk.heading, best, index) if not lead
                                  else chunk.heading[: m.start()].strip(" ,:;") if m and m.start() else chunk.heading)
        head = ""
        if lead:
            head = phrases.LEAD_AGENCY_LEAD.format(agencies="; ".join(
                f"{index.plans[d].label}: {name}" for d, name in bodies.items()))
        elif bodies:
            head = phrases.AGENCY_LEAD.format(agency=kind_name or next(iter(bodies.values())),
                                              plans=_labels(index, list(bodies)))
        return _plan_list(index, picks, lambda listed: head, with_heading=True)

    # -- follow-ups that move a figure question to another period or plan ------------------
    def _followup(self, evidence, index, metrics, named):
        """"Thế còn giai đoạn 2021-2025?" / "Còn Phong Điền thì sao?" after a question about a figure."""

        now = _key(expand_abbreviations(evidence.question, keep_original=False, lenient=True))
        period = _period(now)[0]
        now_named = [d for d in named if d not in analyze_plans(evidence.effective_question[len(evidence.question):], index)]
        if not period and not now_named:
            return None
        plans = now_named or named
        records = [r for r in targets_of_metrics(index, metrics) if not plans or r.doc_id in plans]
        if period:
            records = [r for r in records if r.period == period]
        citations: list[Citation] = []
        lines: list[str] = []
        seen = set()
        for r in records:
            if (r.doc_id, r.metric, r.value, r.period) in seen:
                continue
            seen.add((r.doc_id, r.metric, r.value, r.period))
            cite = _cite_record(str(len(citations) + 1), r, index)
            if cite is not None:
                citations.append(cite)
        if not citations and plans:
            for doc_id in plans:
                citations += self._passage_rows(index, doc_id, metrics, len(citations) + 1)
        if not citations:
            return None
        for c in citations[:3]:
            lines.append(phrases.PLAN_SAYS.format(plan=c.plan_label, section=section_ref(c, index), quote=f"“{c.text}”", ref=c.id))
        return Answer(answer="\n".join(lines), abstained=False, citations=citations[:3])

    # -- "Những kế hoạch nào nói về …": which plans mention a topic --------------------------
    def _mentions(self, evidence, index, question: str = ""):
        """Every plan with a sentence that names the topic asked, each quoted and cited.

        The topic is what follows "nhắc đến / nói về / đề cập đến" ("cổng thông tin điện tử hoặc
        trang thông tin điện tử": either phrase); a plan that does not print the whole phrase may
        print its head ("vượt sĩ số học sinh/lớp" for "sĩ số học sinh trên lớp"). Without such a
        phrase, the question's most specific word stands for the topic.
        """
        wanted = _mention_phrases(question) if question else []
        if not wanted:
            units = [u for u in evidence.units if len(u) >= 2]
            if not units:
                return None
            wanted = [" ".join(max(units, key=lambda u: sum(self.composer._idf(index, t) for t in u)))]
        shown = wanted[0]
        wanted = [strip_diacritics(w) for w in wanted]
        # a plan that does not print the whole phrase may print its most specific word
        units = [tuple(strip_diacritics(t) for t in u) for u in evidence.units if len(u) >= 2]
        # (with most of the phrase's words of two syllables or more: "thông tin" alone is no
        # "cổng thông tin điện tử", "đội ngũ cốt cán" is "đội ngũ giáo viên cốt cán")
        heads = [(" ".join(max(inside, key=lambda u: sum(self.composer._idf(index, t) for t in u))),
                  [" ".join(u) for u in inside])
                 for w in wanted if len(w.split()) > 2
                 for inside in [[u for u in units if f" {' '.join(u)} " in f" {w} "]] if inside]
        numbers = {n for w in wanted for n in re.findall(r"\d+", w)}
        picks = []
        beyond = 0  # plans past the listing cap that print the phrase: counted, not quoted
        # only passages holding all words of a phrase (or of a head) can print it
        candidates = index.chunks_with([w.split() for w in wanted] + [h.split() for h, _ in heads])
        for doc_id, chunks in candidates.items():
            if len(picks) >= _cap(index):
                beyond += any(f" {w} " in _bare_passage(c, index) for c in chunks for w in wanted)
                continue
            sentences = [(chunk, sentence, " " + re.sub(r"[^\w]+", " ", strip_diacritics(key)) + " ")
                         for chunk, sentence, key in body_sentences(index, doc_id, chunks)]
            found = [(len(t), c, t) for c, t, bare in sentences if any(f" {w} " in bare for w in wanted)]
            # a number in the phrase ("Nghị quyết số 29") is what names it: a head without it
            # ("nghị quyết") is another document
            found = found or [(len(t), c, t) for c, t, bare in sentences
                              if any(f" {h} " in bare and 2 * sum(f" {u} " in bare for u in inside) > len(inside)
                                     for h, inside in heads)
                              and all(f" {n} " in bare for n in numbers)]
            if found:
                _, chunk, sentence = min(found, key=lambda f: f[0])
                picks.append((doc_id, [(chunk, sentence)]))
        return _plan_list(index, picks, lambda listed: phrases.MENTION_LEAD.format(topic=shown, plans=_labels(index, listed)),
                          beyond=beyond)

    # -- comparison tables and plan lists ---------------------------------------------------
    def _table(self, evidence, index, metrics, named, question, listing):

        lex = lexicon()
        qkey = _key(expand_abbreviations(question, keep_original=False, lenient=True))
        bare = _bare(question)
        populations = [p["name"] for p in lex["populations"] if any(re.search(x, qkey) for x in p["patterns"])]
        levels = [lv["name"] for lv in lex["levels"] if any(re.search(x, qkey) for x in lv["patterns"])]
        kinds = None
        if _STATUS_CUE.search(bare) and not _TARGET_CUE.search(bare):
            kinds = {"status"}
        elif _TARGET_CUE.search(bare) and not _STATUS_CUE.search(bare):
            kinds = {"target", "requirement"}
        values = {v.replace(".", ",") + "%" for v in _VALUE_RE.findall(question)}
        records = targets_of_metrics(index, metrics)
        if levels:
            records = [r for r in records if r.level in levels or r.level == lex["whole_sector"]]
            # a plan's figure for the level asked beats its figure for the whole sector
            at_level = {(r.doc_id, r.metric) for r in records if r.level in levels}
            records = [r for r in records if r.level in levels or (r.doc_id, r.metric) not in at_level]
        if populations:  # (after the level: an exact match at another level is no match)
            records = [r for r in records if set(populations) & set(r.population) or not r.population]
            # "số cán bộ quản lý": a count of managers alone beats one of managers and teachers together
            exact = {(r.doc_id, r.metric) for r in records if set(r.population) == set(populations)}
            records = [r for r in records if (r.doc_id, r.metric) not in exact or set(r.population) == set(populations)]
        if kinds:
            records = [r for r in records if r.kind in kinds]
        if values:
            records = [r for r in records if r.value in values]
        # "Lục Ngạn (năm 2025) và Mường Khương (năm 2026)": each plan in the period of its own clause
        clause_periods = {d: p for d, c in plan_clauses(question, index.plans).items()
                          if (p := _period(_key(c), loose=True)[0] or _asked_period(_key(c)))}
        if len(clause_periods) >= 2:
            of_plan: dict[str, list] = {}
            for r in records:
                of_plan.setdefault(r.doc_id, []).append(r)
            records = [r for d, mine in of_plan.items()
                       for r in _in_period(mine, clause_periods.get(d, ""), lambda r: r.period)]
        else:
            records = _in_period(records, _asked_period(qkey), lambda r: r.period)
        unit = _asked_unit(bare)
        if unit:  # "bao nhiêu tiết" is not answered by a percentage, "tỷ lệ" not by a head count
            records = [r for r in records if _unit_fits(r.unit, unit)]
            if not records and not listing:
                return None  # the composer quotes what each plan says instead
        spans = sorted(_spans(lex["metrics"], qkey), key=lambda s: s[0] - s[1])
        spelled = {n for _, _, n in spans}
        grouped = any(set(m) == set(metrics) for m in lex.get("metric_groups", {}).values())
        searched = metrics  # what a plan without figures is searched for
        if grouped and len(spelled) >= 2 and any(r.metric == spans[0][2] for r in records):
            # "thiếu GV/VC so với biên chế: A thiếu bao nhiêu, còn B … số GV thiếu …": the longest
            # phrase of the group is what every plan is asked; a plan without that figure says
            # so, rather than answering with another figure of the group
            spelled = {spans[0][2]}
            records = [r for r in records if r.metric in spelled]
            searched = list(spelled)
        with_records = list(dict.fromkeys(r.doc_id for r in records))
        # "so sánh … ở Ba Đình với các nơi khác": one named plan compared with every plan that has figures
        if len(named) >= 2 or (named and not _COMPARE_CUE.search(bare)):
            plans = named
        elif listing:
            plans = with_records
        else:  # compared with "các nơi khác": every plan, silent ones marked "không nêu"
            plans = list(dict.fromkeys(named + with_records + list(index.plans)[: _cap(index)]))
        if listing and _MENTION_CUE.search(bare):  # "kế hoạch nào đề cập đến…": a mention without a figure counts
            for d in index.plans:
                if len(plans) > _cap(index):
                    break
                if d not in plans and self._passage_rows(index, d, metrics, 1, limit=1):
                    plans.append(d)
        if not plans:
            return None
        # a table of thousands of plans answers nobody: the first ones, and how many more
        more = max(0, len(plans) - _cap(index)) if len(named) < 2 else 0
        plans = plans[: len(plans) - more]
        by_plan: dict[str, list] = {}
        for r in records:
            by_plan.setdefault(r.doc_id, []).append(r)
        citations: list[Citation] = []
        rows: list[dict] = []
        lines = ["| " + " | ".join(phrases.ANSWER_TABLE_COLUMNS) + " |", "|" + "---|" * len(phrases.ANSWER_TABLE_COLUMNS)]
        for doc_id in plans:
            label = index.plans[doc_id].label
            mine, seen = [], set()
            own = by_plan.get(doc_id, [])
            # a metric the question names in words ("thiếu … so với biên chế") before the rest of
            # its group ("biên chế"): where the plan states it, the group's other figures are not asked
            if any(r.metric in spelled for r in own):
                own = [r for r in own if r.metric in spelled]
            for r in sorted(own, key=lambda r: (metrics.index(r.metric), r.period)):
                if (r.metric, r.value, r.period) not in seen:  # the same figure restated in another section
                    seen.add((r.metric, r.value, r.period))
                    mine.append(r)
            if not mine:
                extras = self._passage_rows(index, doc_id, searched, len(citations) + 1, populations=populations)
                if not extras:
                    lines.append(f"| {_cell(label)} | {phrases.PLAN_SILENT} |  |  |  |  |")
                    rows.append({"plan": label, "value": phrases.PLAN_SILENT})
                    continue
                for extra in extras:  # the plan speaks of it, without a figure
                    citations.append(extra)
                    lines.append(f"| {_cell(label)} | {phrases.NO_FIGURE} |  |  | {extra.section} | “{_cell(extra.text)}” [{extra.id}] |")
                    rows.append({"plan": label, "value": phrases.NO_FIGURE, "section": extra.section, "quote": extra.text,
                                 "ref": extra.id})
                continue
            for r in mine[:4]:
                cite = _cite_record(str(len(citations) + 1), r, index)
                if cite is None:
                    continue
                citations.append(cite)
                lines.append(f"| {_cell(label)} | {_cell(r.metric)} | {_cell(_value(r))} [{cite.id}] | {r.period} "
                             f"| {r.section} | “{_cell(r.quote)}” [{cite.id}] |")
                rows.append({"plan": label, "kind": r.kind, "metric": r.metric, "value": _value(r), "period": r.period,
                             "section": r.section, "quote": r.quote, "ref": cite.id})
        if not citations:
            return None
        if _QUANTITY_CUE.search(bare) and not any(r.get("metric") for r in rows):
            if len(named) >= 2 and any(r.get("quote") for r in rows):
                return None  # the plans named speak of it without a record: their own words are quoted
            # a figure asked and no plan states one: that is the answer, not a table of silences
            return Answer(answer=phrases.NOT_FOUND, abstained=True, citations=[], reason="no plan states the figure asked")
        # the heading names the metric in the user's words: of the groups with these members,
        # the one the question says ("trình độ đào tạo", not its twin "trình độ chuyên môn")
        groups = [g for g, m in lex.get("metric_groups", {}).items() if set(m) == set(metrics)]
        said = [g for g in groups if f" {strip_diacritics(_key(g))} " in bare]
        title = (said or groups or ["; ".join(metrics)])[0]
        if listing:
            with_data = list(dict.fromkeys(r["plan"] for r in rows if r.get("ref")))
            lead = phrases.LIST_ANSWER_LEAD.format(metric=title) + " " + "; ".join(with_data) + "."
        else:
            lead = phrases.COMPARE_ANSWER_LEAD.format(metric=title)
        if more:
            lines.append("\n" + phrases.MORE_PLANS.format(n=more))
        return Answer(answer=lead + "\n\n" + "\n".join(lines), abstained=False, citations=citations, table=rows)

    def _passage_rows(self, index, doc_id, metrics, ref, limit: int = 2, populations: list[str] | None = None):
        """For a plan with no figure: its shortest sentences that name the metric (most focused
        first); those that name a population asked ("CBQL") before those about others."""

        wanted = [m for m in lexicon()["metrics"] if m["name"] in metrics]
        found = [(len(sentence), chunk, sentence, key) for chunk, sentence, key in body_sentences(index, doc_id)
                 if any(rx.search(key) for m in wanted for rx in m["regex"])]
        if populations:
            asked = [p for p in lexicon()["populations"] if p["name"] in populations]
            about = [f for f in found if any(rx.search(f[3]) for p in asked for rx in p["regex"])]
            found = about or found
        found = [f[:3] for f in found]
        found.sort(key=lambda f: f[0])
        return [_cite(str(ref + i), chunk, sentence, index) for i, (_, chunk, sentence) in enumerate(found[:limit])]
