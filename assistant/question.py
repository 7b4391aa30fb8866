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
from .manifest import DOC_CODES, PlanInfo
from .parsing import DOC_TYPES
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
    # bytes that were not UTF-8 reach Python as lone surrogates (argv's surrogateescape, a bad
    # JSON "\\udc80"): refuse them here, before they break printing, tokenizing or the store
    if any("\ud800" <= ch <= "\udfff" for ch in q):
        raise QuestionError(phrases.BAD_QUESTION_BYTES)
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

# "Lớp đó học vào buổi nào?", "kế hoạch này": a thing named by pointing back at the last turn
_ANAPHOR_RE = re.compile(r"\w+ (đó|ấy|này)\b")


def resolve_followup(question: str, history: list[str]) -> str:
    """An elliptic follow-up ("Còn Ba Đình thì sao?") joined with the question it continues."""
    if not history:
        return question
    content = [w for w in words(question) if w not in question_stopwords()]
    if _FOLLOWUP_RE.search(fold(question)) or _ANAPHOR_RE.search(fold(question)) or len(content) <= 3:
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
_NUMBER_REF_RE = re.compile(
    r"(ke hoach|de an|quyet dinh|chuong trinh|bao cao|cong van|to trinh|huong dan|kh|da|qd|bc|cv|ctr|so)"
    r"\s*(?:so\s*)?(\d{1,5})\b"
)
# the document type a reference or a number's code names ("đề án 52" is not "kế hoạch 52/KH-…"),
# read without diacritics, from the document types and number codes the manifest knows
_CODE_TYPES = {strip_diacritics(fold(c)): strip_diacritics(fold(n)) for c, n in DOC_CODES.items()} | {"cv": "cong van"}
_REF_TYPES = _CODE_TYPES | {strip_diacritics(fold(n)): strip_diacritics(fold(n)) for n in DOC_TYPES.values()}
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class Query:
    text: str  # as typed
    expanded: str  # abbreviations spelled out
    doc_ids: list[str] = field(default_factory=list)  # plans the question names
    wants: set[str] = field(default_factory=set)  # target | status | signature | header | bases
    cross_plan: bool = False
    focus: str = ""  # in a follow-up, the question asked now (its words count double)
    about_assistant: bool = False  # asks about the assistant itself (its prompt, maker, rules), not the plans
    open_ended: bool = False  # asks for an account ("những gì", "như thế nào", "tóm tắt"), not one fact
    # "cử bao nhiêu GV đi học, và bao nhiêu người đã ra trường?": the questions it joins, each
    # with its own question word (one part: a single question)
    parts: list[str] = field(default_factory=list)
    # the roles asked about ("CBQL", "kế toán"), read from the words asked now before the context
    # (in a part or a follow-up, another part's "GV" is not who this part asks about)
    roles: set[str] = field(default_factory=set)
    # what a search within the named plans embeds: the question without the names it names them
    # by ("Quyết định 1968 của Sở GD&ĐT Đà Nẵng"), which every passage of those plans shares and
    # which otherwise pull their header, legal bases and recipients to the top; "" = `expanded`
    unnamed: str = ""
    # "Tuần Giáo …" when two plans bear the name and nothing tells them apart: the other plans of
    # that name, asked the same question after the one whose passages answer best
    shared_with: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " " + strip_diacritics(fold(text)) + " "


def _mentions(key: str, words: tuple[str, ...]) -> bool:
    padded = re.sub(r"[^\w]+", " ", key)
    return any(f" {strip_diacritics(fold(w))} " in f" {padded} " for w in words)


def _plan_types(plan: PlanInfo, carried: bool = False) -> set[str]:
    """The document types a plan may be referred to by: its own and its number's code ("…/KH-…");
    `carried`: for a decision, also those of the plan it may carry."""
    code = strip_diacritics(fold(plan.number.split("/")[-1])).split("-")[0] if "/" in plan.number else ""
    types = {strip_diacritics(fold(plan.doc_type))} | ({_CODE_TYPES[code]} if code in _CODE_TYPES else set())
    if carried and "quyet dinh" in types:
        types |= {"ke hoach", "de an", "chuong trinh"}
    return types


def _period_years(plan: PlanInfo) -> tuple[int, int] | None:
    """First and last year of a plan's period ("2022–2025" -> (2022, 2025)), None without one."""
    span = [int(y) for y in _YEAR_RE.findall(plan.period)]
    return (min(span), max(span)) if span else None


@dataclass
class _AliasTable:
    """The plans' aliases as lookups: a question's runs of words are looked up, so naming a plan
    costs the same with 5 plans or 5,000."""

    typed: dict[str, list[str]]  # folded alias phrase -> plans (questions typed with diacritics)
    bare: dict[str, list[str]]  # the same without diacritics
    numbers: dict[str, list[str]]  # a bare number alias ("118") -> plans
    longest: int
    order: dict[str, int]  # manifest position of each plan


_ALIAS_TABLES: dict[int, tuple[dict, _AliasTable]] = {}
_CITED_KIND_RE = re.compile(r"\b(?:nghi quyet|thong tu|chi thi|nghi dinh|luat|cong dien|thong bao|ket luan)\s*$")


def _qualified_names(plan: PlanInfo) -> list[str]:
    """A plan's place names with the unit the plan gives them ("huyện Phong Điền", "Trường THPT
    Phong Điền", spelled out too): the longer name tells two places of one name apart."""
    out = []
    parts = [p.strip() for p in plan.locality.split(",")] + [plan.school, plan.issuer]
    for alias in plan.aliases:
        a = strip_diacritics(fold(alias))
        if not a or a.isdigit() or "/" in a:
            continue
        for part in parts:
            if part and strip_diacritics(fold(part)).endswith(" " + a):
                out += [part, expand_abbreviations(part, keep_original=False)]
    return list(dict.fromkeys(out))


def _alias_table(plans: dict[str, PlanInfo]) -> _AliasTable:
    cached = _ALIAS_TABLES.get(id(plans))
    if cached is not None and cached[0] is plans:
        return cached[1]
    typed: dict[str, list[str]] = {}
    bare: dict[str, list[str]] = {}
    numbers: dict[str, list[str]] = {}
    for doc_id, plan in plans.items():
        for alias in plan.aliases + _qualified_names(plan):
            for folded, table in ((fold(alias), typed), (strip_diacritics(fold(alias)), bare)):
                if not re.sub(r"[^\w]+", "", folded):
                    continue  # empty once punctuation is gone: names nothing
                if folded.isdigit():
                    if table is bare:
                        numbers.setdefault(folded, []).append(doc_id)
                    continue
                table.setdefault(re.sub(r"[^\w/]+", " ", folded).strip(), []).append(doc_id)
    longest = max((len(p.split()) for p in list(typed) + list(bare)), default=0)
    if len(_ALIAS_TABLES) > 8:  # one per opened index; a long-running app reopens after uploads
        _ALIAS_TABLES.clear()
    _ALIAS_TABLES[id(plans)] = (plans, _AliasTable(typed, bare, numbers, longest, {d: i for i, d in enumerate(plans)}))
    return _ALIAS_TABLES[id(plans)][1]


def named_apart(question: str, plans: dict[str, PlanInfo], doc_ids: list[str]) -> bool:
    """Are the plans a question names told apart by its words: a number, or a name only some of
    them bear ("Ba Đình và Tuần Giáo")? Not when one name they share names them all ("Tuần Giáo"
    for the district's plan of 2020 and its report of 2024): then the question is about one of
    them, the one whose passages answer it."""
    if len(doc_ids) < 2:
        return False
    typed = has_diacritics(question)
    key = re.sub(r"[^\w/]+", " ", " " + fold(question) + " " if typed else _key(question))
    bare = strip_diacritics(fold(question))
    if any(m.group(2) in _alias_table(plans).numbers for m in _NUMBER_REF_RE.finditer(bare)):
        return True
    table = _alias_table(plans)
    phrases_ = table.typed if typed else table.bare
    tokens = key.split()
    wanted = set(doc_ids)
    for n in range(1, min(table.longest, len(tokens)) + 1):
        for i in range(len(tokens) - n + 1):
            phrase = " ".join(tokens[i : i + n])
            if phrase in phrases_ and (set(phrases_[phrase]) & wanted) not in (set(), wanted):
                return True  # a name of some of them only
    return False


def named_plans(question: str, plans: dict[str, PlanInfo]) -> list[str]:
    """Plans a question names specifically (its number, or its place or school name as a whole
    phrase), from the plans' own distinctive aliases. Only such a match may restrict a search to
    a plan: a name that is empty or generic once punctuation is gone never counts. A question
    typed with diacritics matches names with their diacritics ("cho mỗi" is not "Chợ Mới");
    one typed without them matches the bare names.

    The most specific reading wins: a number read with the type before it ("Đề án 52" is not
    "Kế hoạch 52/KH-…"); a place two plans share ("Lục Ngạn") names only the one whose number
    the question also gives, else those whose period holds the years the question names."""
    typed = has_diacritics(question)
    key = re.sub(r"[^\w/]+", " ", " " + fold(question) + " " if typed else _key(question))
    bare = strip_diacritics(fold(question))
    # "Nghị quyết số 29-NQ/TW" cites a document of a kind no plan is: its number names no plan
    refs = [(_REF_TYPES.get(m.group(1)), m.group(2)) for m in _NUMBER_REF_RE.finditer(bare)
            if not (m.group(1) == "so" and _CITED_KIND_RE.search(bare[: m.start()]))]
    table = _alias_table(plans)
    by_number: dict[str, list[str]] = {}  # number asked -> plans with that number, of the type asked if any
    by_name: dict[str, list[str]] = {}  # name (alias) asked -> plans it names
    for _kind, number in refs:
        if number in table.numbers:
            by_number.setdefault(number, []).extend(table.numbers[number])
    # every run of the question's words that is some plan's name: a lookup per run, not a scan per plan
    tokens = key.split()
    phrases_ = table.typed if typed else table.bare
    matches = [(i, i + n, " ".join(tokens[i : i + n]))
               for n in range(1, min(table.longest, len(tokens)) + 1) for i in range(len(tokens) - n + 1)
               if " ".join(tokens[i : i + n]) in phrases_]
    # a name inside a longer name the question also matches is no name of its own: "Phú Thành"
    # in "Trường Mầm non Phú Thành B", "Phong Điền" in "huyện Phong Điền" when a school of
    # another district is called Phong Điền too
    matches = [m for m in matches if not any(o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in matches)]
    for _start, _end, phrase in matches:
        for doc_id in phrases_[phrase]:
            if "/" in phrase:  # a full number "146/KH-UBND" is as specific as it gets
                by_number.setdefault(phrase, []).append(doc_id)
            else:
                by_name.setdefault(strip_diacritics(phrase), []).append(doc_id)
    # "Kế hoạch 127/KH-MNPTB": the full number, not every plan numbered 127
    for full in [k for k in by_number if "/" in k]:
        by_number.pop(full.split("/")[0], None)
    order = table.order
    by_number = {k: sorted(dict.fromkeys(v), key=order.get) for k, v in by_number.items()}
    by_name = {k: sorted(dict.fromkeys(v), key=order.get) for k, v in by_name.items()}
    named = {d for docs in by_name.values() for d in docs}
    numbered: list[str] = []
    for number, docs in by_number.items():
        kinds = {k for k, n in refs if n == number and k}
        if kinds:  # of the type asked; else of a decision that may carry it; else any
            docs = ([d for d in docs if kinds & _plan_types(plans[d])]
                    or [d for d in docs if kinds & _plan_types(plans[d], carried=True)] or docs)
        # "KH 18 Lục Ngạn": of the plans numbered 18, the one of the place also named
        numbered += [d for d in docs if d in named] or docs
    # the years a question is set in; "đến (năm) 2025" is an end point any longer plan may share
    years = {int(y) for y in _YEAR_RE.findall(re.sub(r"\b(?:den|truoc|toi)\s+(?:nam\s+)?(?:19|20)\d{2}", " ", bare))}
    found = list(dict.fromkeys(numbered))
    # the document types the question calls a plan ("đề án", "quyết định"); "kế hoạch" is also
    # how users call any plan, so it narrows only among plans that are Kế hoạch by type or code
    asked_types = {t for w, t in _REF_TYPES.items() if len(w) > 3 and re.search(rf"\b{re.escape(w)}\b", bare)}
    for name, docs in by_name.items():
        docs = list(dict.fromkeys(docs))
        # "Trường THCS An Hiệp (Châu Thành, Bến Tre)": a place said of a plan that another name
        # of the question names alone is where that plan is, not a name of other plans there
        placed = [d for other, ds in by_name.items() if other != name and len(set(ds)) == 1 for d in ds
                  if name in strip_diacritics(fold(plans[d].locality))]
        if placed:
            found += [d for d in placed if d not in found]
            continue
        if len(docs) > 1:
            if any(d in numbered for d in docs):
                continue  # "KH 18 Lục Ngạn": the number says which of the Lục Ngạn plans

            # "Đề án Ba Đình": of the plans of that place, those of the type the question names
            typed_docs = [d for d in docs if asked_types & _plan_types(plans[d])]
            if asked_types and typed_docs:
                docs = typed_docs
            spans = {d: _period_years(plans[d]) for d in docs}
            covering = [d for d in docs if years and spans[d] and all(spans[d][0] <= y <= spans[d][1] for y in years)]
            if covering:  # "kế hoạch năm 2025" fits the plan of 2025 better than the one of 2022–2025
                width = {d: spans[d][1] - spans[d][0] for d in covering}
                docs = [d for d in covering if width[d] == min(width.values())]
        found += [d for d in docs if d not in found]
    return [d for d in plans if d in found]


# which part of a plan each group of cue words asks for
_WANTS = (("target", TARGET_WORDS), ("status", STATUS_WORDS), ("signature", SIGNATURE_WORDS),
          ("header", HEADER_WORDS), ("bases", BASES_WORDS), ("amount", AMOUNT_WORDS))


# Questions about the assistant itself, in the words people use (lowercase, no diacritics):
# its prompt or instructions, who made it, what model it is, orders to drop its rules.
_ABOUT_ASSISTANT_RE = re.compile(
    r"\bprompt\b|\bban la (?:ai|gi|mo hinh|model|chatgpt|gpt)\b|\bai (?:da )?(?:tao|lam|phat trien|xay dung|lap trinh|huan luyen)(?: ra)? ban\b"
    r"|\bban (?:duoc|do) ai\b|\bban (?:dung|chay tren|su dung) (?:mo hinh|model|llm|ai) (?:gi|nao)\b"
    r"|\b(?:huong dan|chi dan|quy tac|cau hinh|lenh) (?:he thong|cua ban)\b|\bcach ban (?:hoat dong|duoc lap trinh)\b"
    r"|\b(?:who|what) are you\b|\bwho (?:made|created|built|trained) you\b|\byour (?:instructions|rules)\b"
)


def about_assistant(question: str) -> bool:
    """A question about the assistant (or an order to it), not about the plans."""
    from .text import speaks_to_the_assistant

    key = strip_diacritics(question.lower())
    return bool(_ABOUT_ASSISTANT_RE.search(key)) or speaks_to_the_assistant(question)


# An open question wants an account put together from several sentences; a specific one (a
# number, a date, a person, a yes/no) is best answered by the plan's own sentence, quoted.
_OPEN_RE = re.compile(r"\b(?:nhung gi|(?:nhung|cac) (?:\w+ ){1,3}gi|nhu the nao|the nao|ra sao|tom tat|tom luoc|khai quat|nhung noi dung|"
                      r"(?:giai phap|nhiem vu|bien phap|hoat dong|noi dung|dinh huong) (?:gi|nao|chinh)|"
                      r"co nhung|neu nhung|de cap (?:gi|nhung))\b")
_SPECIFIC_RE = re.compile(r"\b(?:bao nhieu|may|nam nao|khi nao|ngay nao|thang nao|ty le|ti le|phan tram|ai|"
                          r"o dau|co phai|co khong|so hieu|so luong)\b|%")


def open_ended(question: str) -> bool:
    key = strip_diacritics(fold(question))
    return bool(_OPEN_RE.search(key)) and not _SPECIFIC_RE.search(key)


# a word that asks something: each part of a joined question holds one (a part pointing back,
# "kế hoạch nào …, kế hoạch đó ra ngày nào?", leans on the other and stays one question with it)
_ASKING = re.compile(r"\b(bao nhieu|may|nao|gi|ai|bao gio|bao lau|ra sao|o dau|co(?: \w+){1,6} khong)\b")


def asks_something(question: str) -> bool:
    """Does the question hold a word that asks ("bao nhiêu", "nào", "ai", "có … không")? A
    follow-up without one ("Còn của Lục Ngạn?") asks again what the turn before asked."""
    return bool(_ASKING.search(strip_diacritics(fold(question))))


# where two questions are joined: ", và", "; ", ", còn", " và ", or one ends and the next begins ("…? Riêng …")
_JOINS = re.compile(r"\s*[,;]\s*(?:và|còn|va|con)?\s+|\s+(?:và|còn|va|con)\s+|\?\s+")


# a part that weighs the others ("…, nơi nào cao hơn?", "khác nhau thế nào") asks nothing of its own
_WEIGHS = re.compile(r"\b(hon|nhat|khac nhau|giong nhau|so sanh|doi chieu|co cung)\b")


# the words that only ask when ("trước mấy giờ, ngày nào?", "từ khi nào?"): a part made of them
# alone asks more of the part before it, not a question of its own
_WHEN_ONLY = {"ngay", "thang", "nam", "gio", "khi", "luc", "bao", "nao", "may", "gi", "tu", "den", "truoc", "sau",
              "han", "thoi", "gian", "diem", "la", "vao", "trong", "hoc", "va", "con"}


def _says_something(part: str) -> bool:
    return any(w not in _WHEN_ONLY for w in re.findall(r"\w+", part))


def _points_at_asked(left: str, right: str) -> bool:
    # "kế hoạch nào …, kế hoạch đó ra ngày nào?": the right part points at the thing the left
    # part asks for ("năm 2021 … bao nhiêu, kinh phí năm đó …" points at a thing given, not asked)
    asked = {m.group(1) for m in re.finditer(r"(\w+) nào\b", left)}
    return any(m.group(0).split()[0] in asked for m in _ANAPHOR_RE.finditer(right))


def question_parts(question: str) -> list[str]:
    """The questions a question joins ("Năm học 2020-2021 tỷ lệ … là bao nhiêu, và đề án muốn đạt
    mức nào vào năm 2024?"): split where the words before and after each ask something of their
    own; a list of one when nothing asks twice ("giáo viên và CBQL … bao nhiêu" is one question).
    A join said with a word ("và", "còn", ";") is a stronger seam than a bare comma, which also
    lists things ("cho kế hoạch nâng chuẩn, bồi dưỡng 2024 - 2026, và riêng năm 2024 …")."""
    text = question.strip()
    seams = []
    for m in _JOINS.finditer(text):
        left, right = text[: m.start()], text[m.end():]
        before, after = strip_diacritics(fold(left)), strip_diacritics(fold(right))
        if _ASKING.search(before) and _ASKING.search(after) and not _WEIGHS.search(after) \
                and not _points_at_asked(fold(left), fold(right)) and _says_something(after):
            seams.append(m)
    if not seams:
        return [text]
    # the seam just before the second question word: "… ký Quyết định ban hành Kế hoạch đào tạo,
    # bồi dưỡng GV và CBQL …, ký với chức vụ gì?" joins at the last comma, not inside the title
    key = strip_diacritics(fold(text))
    asks = list(_ASKING.finditer(key)) if len(key) == len(text) else []
    second = next((a.start() for a in asks[1:] if a.start() >= asks[0].end()), None) if asks else None
    before = [m for m in seams if second is not None and asks[0].end() <= m.start() and m.end() <= second]
    # (where one question ends and the next begins is the seam, before any "còn" inside the next)
    ends = [m for m in before if m.group(0).strip() == "?"]
    seam = (ends or before)[-1] if before else next((m for m in seams if m.group(0).strip(" ,")), seams[0])
    left, right = text[: seam.start()], text[seam.end():]
    return question_parts(left.strip(" ,;") + "?") + question_parts(right)


# what sets a part's time and tense: a part saying its own ("và năm học 2024-2025 đặt mục tiêu
# bao nhiêu?") does not take those of the part beside it ("hiện có …")
# a time with the words that place it ("cuối năm học 2024 - 2025", "đến năm 2027", "giai đoạn 2024-2026")
_WHEN_RE = re.compile(r"(?:\b(?:(?:cuối|đầu|giữa|hết|trong|đến|vào|từ|sau|trước)\s+)?(?:năm học|năm|giai đoạn)\s+"
                      r"|\b(?:cuối|đầu|hết|đến|vào|từ)\s+)?"
                      r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:(?:19|20)\d{2}|\d{2}))?\b", re.IGNORECASE)
_TENSE_WORDS = tuple(sorted(set(TARGET_WORDS + STATUS_WORDS) | {"đã", "hiện", "muốn đạt", "đặt mục tiêu", "dự kiến",
                                                                 "kế hoạch giao", "được giao"}, key=len, reverse=True))
# ("hiện" of "thực hiện", "xuất hiện" is no tense)
_TENSE_RE = re.compile(r"(?<!thực )(?<!xuất )(?<!thể )(?<!phát )\b(?:" + "|".join(re.escape(w) for w in _TENSE_WORDS) + r")\b",
                       re.IGNORECASE)


def part_context(question: str, part: str) -> str:
    """What one part of a joined question reads from the rest of it: the plan named and the
    topic, but not the rest's period or tense where the part says one of its own."""
    own = part.rstrip("?").strip()
    rest = question.replace(own, " ", 1) if own in question else question
    if _WHEN_RE.search(own) or _TENSE_RE.search(own):
        # the rest's year and its "hiện có" / "mục tiêu" go together: a part saying either is
        # about its own time ("hiện có …, và năm học 2024 - 2025 đặt mục tiêu bao nhiêu?")
        rest = _TENSE_RE.sub(" ", _WHEN_RE.sub(" ", rest))
    return re.sub(r"\s+", " ", re.sub(r"[,;]\s*(?:và|còn)?\s*\?|\b(?:và|còn)\s*\?", "?", rest)).strip(" ,;")


# words that ask when, how long or where ("khi nào", "trong bao lâu", "trước mấy giờ, ngày nào",
# "ở đâu"), matched on a bare padded question key (" … ")
WHEN_WHERE_ASKED = re.compile(r" (?:khi nao|bao gio|luc nao|(?:gio|ngay|thang|nam|thoi han|thoi diem) nao|"
                              r"may gio|ngay may|bao lau|o dau|tai dau|noi nao) ")
_OTHER_ASK = re.compile(r" (?:gi|nao|ai|nhung|bao nhieu|co(?: \w+){1,6} khong|the nao|ra sao) ")


def asks_only_when_or_where(key: str) -> bool:
    """Are the question's only question words ones that ask when, how long or where? (`key`:
    the question bare and padded with spaces.)"""
    if not WHEN_WHERE_ASKED.search(key):
        return False
    rest = key
    while WHEN_WHERE_ASKED.search(rest):  # overlapping phrases ("ngày nào … mấy giờ")
        rest = WHEN_WHERE_ASKED.sub(" ", rest)
    return not _OTHER_ASK.search(rest)


# a document asked for by its number ("kế hoạch số mấy", "tờ trình nào"), of whatever type
# ("kế hoạch bao nhiêu người, thực tế bao nhiêu người": the figure planned, a count, not a number)
NOT_COUNTED = (r"(?!(?:nguoi|giao vien|can bo|nhan vien|vien chuc|truong|lop|hoc sinh|tiet|luot|chi tieu|"
               r"phan tram|dong|trieu|tien)\b)")
KIND_BY_NUMBER_Q = re.compile(r" (ke hoach|de an|quyet dinh|chuong trinh|to trinh|bao cao|huong dan|cong van|thong tu|hop dong|"
                              r"nghi dinh|nghi quyet|chi thi) (?:so )?(?:nao|may|bao nhieu) " + NOT_COUNTED)


def analyze(question: str, plans: dict[str, PlanInfo]) -> Query:
    expanded = expand_abbreviations(question, keep_original=True, lenient=True)
    key = _key(expanded)
    wants = {name for name, cues in _WANTS if _mentions(key, cues)}
    doc_ids = named_plans(question, plans)
    asked_kinds = {m.group(1) for m in KIND_BY_NUMBER_Q.finditer(" " + re.sub(r"[^\w]+", " ", strip_diacritics(fold(question))) + " ")}
    if asked_kinds and doc_ids and all(k != strip_diacritics(fold(plans[d].doc_type)) for k in asked_kinds for d in doc_ids):
        # "Báo cáo 38 đánh giá kế hoạch số mấy, kế hoạch đó ban hành ngày nào?": a document it
        # cites, named in its legal bases, not its own header
        wants = (wants - {"header"}) | {"bases"}
    return Query(
        text=question,
        expanded=expanded,
        doc_ids=doc_ids,
        wants=wants,
        cross_plan=_mentions(key, CROSS_PLAN_WORDS),
        about_assistant=about_assistant(question),
        open_ended=open_ended(question),
    )


_CLAUSE_SPLIT = re.compile(r"[,;:?]|\b(?:còn|so với|con|so voi)\b", re.IGNORECASE)


def plan_clauses(question: str, plans: dict[str, PlanInfo]) -> dict[str, str]:
    """For a question that names several plans, the clause that names only one of them
    ("Lục Ngạn (năm 2025) và Mường Khương (năm 2026)": each plan with its own year)."""
    out: dict[str, str] = {}
    pieces = [p for c in _CLAUSE_SPLIT.split(question) if c for p in re.split(r"\s+(?:và|va)\s+", c)]
    for clause in pieces:
        named = named_plans(clause, plans) if clause.strip() else []
        if len(named) == 1 and named[0] not in out:
            out[named[0]] = clause.strip()
    return out


def analyze_plans(text: str, index: PlanIndex) -> list[str]:
    """Plans a piece of text names (for telling what a follow-up names now from what was named before)."""
    return analyze(text, index.plans).doc_ids if text.strip() else []


def diacritic_restorer(index: PlanIndex):
    """The restorer over the plans' own spellings and the lexicons (precomputed at index time)."""
    def build():
        from .text import DiacriticRestorer, lexicon as text_lexicon

        lex = targets_lexicon()
        phrases_ = list(text_lexicon()["question_stopwords"]) + list(text_lexicon()["abbreviations"].values())
        for key in ("metrics", "populations", "levels", "roles", "requirements"):
            for entry in lex[key]:
                phrases_.append(entry["name"])
                phrases_ += [re.sub(r"\\[a-z]|[^\w\s]", " ", p) for p in entry["patterns"]]
        phrases_ += list(lex.get("metric_groups", {}))
        return DiacriticRestorer([index.text(d) for d in index.plans], priority=phrases_)

    return index.derived("diacritic_restorer", build)


def restored(question: str, index: PlanIndex) -> str:
    """A question typed without diacritics, with them put back from the plans' own spellings
    (and the lexicons'), so the metric, role and level lexicons can match it."""
    if has_diacritics(question):
        return question

    return diacritic_restorer(index).restore(question)


# the word that names a document by its type, in full or as its code ("kế hoạch", "hướng dẫn", "HD")
_PLAN_WORD = re.compile(r"\b(?:" + "|".join(sorted({re.escape(t.lower()) for t in DOC_TYPES.values()}
                                                    | {re.escape(c.lower()) for c in DOC_CODES}, key=len, reverse=True))
                        + r")\b", re.IGNORECASE)


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
