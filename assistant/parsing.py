"""Parse a Vietnamese administrative document into a section tree with printed labels.

Shape of the genre: header (issuer, "Số: …", place and date, title), legal bases
("Căn cứ…", "Thực hiện…"), a body labelled Phần 1 / I. / 1. / 1.1. / a) / - , the closing
"Trên đây là…", "Nơi nhận:" and the signature block. Real files add page artifacts
("PAGE 7"), lines broken across page ends, tab columns, skipped numbers and **bold** markers.

Every block and section keeps character offsets into the document text, so a citation can
point at (and highlight) the exact passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import phrases
from .text import UPPER, clean_display

PATH_SEP = " › "

_ARTIFACT_RE = re.compile(r"^(?:PAGE\s*\d*|Trang\s*\d+(?:\s*/\s*\d+)?|\d{1,3}|[_=\-–—.·*]+)$", re.IGNORECASE)
_PART_RE = re.compile(r"^(PHẦN|Phần)\s+((?:THỨ|[Tt]hứ)\s+\w+|\d+|[IVX]+)\b[.:]?\s*(.*)$")
_ROMAN_RE = re.compile(r"^([IVX]{1,5})\s*(?:[.)]|[-–](?=\s*\w))\s*(.*)$")  # "II.", "II)", "II- MỤC TIÊU"
_DECIMAL_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(\S.*)$")
_ARABIC_RE = re.compile(r"^(\d{1,2})\s*[.)](?!\d)\s*(\S.*)?$")  # not "1.250 giáo viên"
_LETTER_RE = re.compile(rf"^([a-zđ])\s*(?:\)|\.(?=\s+[{UPPER}\d]))\s*(\S.*)$")  # "a)" and "a. Ít nhất…"
_BULLET_RE = re.compile(r"^[-–—•+*]\s*(\S.*)$")
_BASES_RE = re.compile(r"^(Căn cứ|Thực hiện|Xét|Theo|Để|Nhằm)\b")
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_SIGNATURE_RE = re.compile(
    r"^(?:(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S|(?:PHÓ\s+)?(?:CHỦ TỊCH|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|GIÁM ĐỐC)\s*$)"
)
_CLOSING_RE = re.compile(r"^Trên đây\b")
_TERMINAL = (".", ";", ":", "!", "?", "…", "”", '"', ")")
_BOLD_RE = re.compile(r"\*\*|__")
_AWAITS_NUMBER_RE = re.compile(r"\b(?:năm|tháng|ngày|số|là|đạt|đến|vào|khoảng|trên|dưới|tổng cộng)$", re.IGNORECASE)

KIND_RANK = {"part": 0, "roman": 1, "arabic": 2, "letter": 9}


@dataclass
class Block:
    """A logical paragraph: one or more physical lines joined (page breaks healed)."""

    start: int
    end: int
    text: str  # as printed, layout noise removed
    kind: str = "text"  # text | bullet | part | roman | arabic | decimal | letter
    label: str = ""

    @property
    def is_heading(self) -> bool:
        return self.kind not in ("text", "bullet")


@dataclass
class Section:
    label: str  # as printed: "Phần 2", "I", "1.2", "a", or a special name ("Căn cứ")
    kind: str  # part | roman | arabic | decimal | letter | header | bases | recipients | signature | body
    title: str  # heading text without its label
    path: str = ""  # "Phần 2 › I.1.2.b"
    trail: list[str] = field(default_factory=list)  # headings from the top down to this one
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    @property
    def rank(self) -> int:
        if self.kind == "decimal":
            return 2 + self.label.count(".")
        return KIND_RANK.get(self.kind, -1)

    @property
    def start(self) -> int:
        spans = [b.start for b in self.blocks] + [c.start for c in self.children]
        return min(spans) if spans else 0

    @property
    def end(self) -> int:
        spans = [b.end for b in self.blocks] + [c.end for c in self.children]
        return max(spans) if spans else 0

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedDocument:
    header: Section
    bases: Section
    body: list[Section]
    recipients: Section
    signature: Section

    def sections(self) -> list[Section]:
        """All sections in reading order, special ones included (empty ones skipped)."""
        out = [s for s in (self.header, self.bases) if s.blocks]
        for top in self.body:
            out.extend(top.walk())
        out.extend(s for s in (self.recipients, self.signature) if s.blocks)
        return out

    def find(self, path: str) -> Section | None:
        return next((s for s in self.sections() if s.path == path), None)


def _physical_lines(text: str):
    """(start, end, content) of each non-empty line, content stripped of bold markers."""
    pos = 0
    for raw in text.split("\n"):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end + 1
        stripped = raw.strip()
        if not stripped:
            yield None
            continue
        lead = len(raw) - len(raw.lstrip())
        content = _BOLD_RE.sub("", stripped).strip()
        if not content:
            yield None
            continue
        yield (line_start + lead, line_start + lead + len(stripped), content)


def _classify(content: str) -> tuple[str, str, str]:
    """(kind, label, rest) for one line."""
    if m := _PART_RE.match(content):
        return "part", f"Phần {m.group(2)}", m.group(3).strip()
    if m := _DECIMAL_RE.match(content):
        return "decimal", m.group(1), m.group(2).strip()
    if m := _ROMAN_RE.match(content):
        return "roman", m.group(1), m.group(2).strip()
    if m := _ARABIC_RE.match(content):
        return "arabic", m.group(1), (m.group(2) or "").strip()
    if m := _LETTER_RE.match(content):
        return "letter", m.group(1), m.group(2).strip()
    if m := _BULLET_RE.match(content):
        return "bullet", "", m.group(1).strip()
    return "text", "", content


def _continues(prev: Block, content: str, kind: str) -> bool:
    """Is this line the rest of a paragraph broken at a line or page end?"""
    if kind != "text" or not prev.text:
        return False
    first = content[0]
    if first.islower():
        return True
    # "…đạt chuẩn quốc gia vào năm" | page break | "2026." : a number completes the phrase
    if first.isdigit() and prev.kind in ("text", "bullet") and _AWAITS_NUMBER_RE.search(prev.text):
        return True
    return prev.text.endswith(("-", "–", ",")) and not prev.text.endswith(_TERMINAL)


def split_blocks(text: str) -> list[Block]:
    """Physical lines -> logical paragraphs, dropping page artifacts."""
    blocks: list[Block] = []
    for line in _physical_lines(text):
        if line is None:
            continue
        start, end, content = line
        if _ARTIFACT_RE.match(content):
            continue
        kind, label, _rest = _classify(content)
        if blocks and _continues(blocks[-1], content, kind):
            prev = blocks[-1]
            prev.end = end
            prev.text = clean_display(prev.text + " " + content)
            continue
        blocks.append(Block(start=start, end=end, text=clean_display(content), kind=kind, label=label))
    return blocks


def _heading_title(block: Block) -> str:
    kind, _label, rest = _classify(block.text)
    return rest if kind == block.kind else block.text


def _short(title: str, limit: int = 90) -> str:
    """A heading for the trail: a long item's first clause."""
    title = title.rstrip(":").strip()
    if len(title) <= limit:
        return title
    cut = re.split(r"[:;.]\s", title, maxsplit=1)[0]
    return cut if len(cut) <= limit else title[:limit].rsplit(" ", 1)[0] + "…"


def _body_start(blocks: list[Block]) -> int:
    for kinds in (("part", "roman"), ("arabic", "decimal")):
        for i, b in enumerate(blocks):
            if b.kind in kinds and not _BASES_RE.match(b.text):
                return i
    return len(blocks)


def _special(kind: str, label: str) -> Section:
    return Section(label=label, kind=kind, title=label, path=label, trail=[label])


def parse(text: str) -> ParsedDocument:
    """Section tree of a plan's text. Labels stay as printed; skipped numbers are kept."""
    blocks = split_blocks(text)
    header = _special("header", phrases.SECTION_HEADER)
    bases = _special("bases", phrases.SECTION_BASES)
    recipients = _special("recipients", phrases.SECTION_RECIPIENTS)
    signature = _special("signature", phrases.SECTION_SIGNATURE)

    body_at = _body_start(blocks)
    # Header, then legal bases (from the first "Căn cứ / Thực hiện" paragraph on).
    in_bases = False
    for b in blocks[:body_at]:
        in_bases = in_bases or bool(_BASES_RE.match(b.text)) or len(b.text) > 200
        (bases if in_bases else header).blocks.append(b)

    body: list[Section] = []
    stack: list[Section] = []
    tail: Section | None = None  # recipients / signature once the body has ended
    closing_seen = False
    for b in blocks[body_at:]:
        if _RECIPIENTS_RE.match(b.text):
            tail = recipients
        elif _SIGNATURE_RE.match(b.text) and (closing_seen or tail is not None):
            tail = signature
        elif tail is recipients and b.kind == "text" and recipients.blocks and len(recipients.blocks) > 1:
            tail = signature  # first non-bullet line after the list of recipients
        if tail is not None:
            tail.blocks.append(b)
            continue
        if _CLOSING_RE.match(b.text):
            closing_seen = True

        if b.is_heading and not (closing_seen and b.kind != "part"):
            section = Section(label=b.label, kind=b.kind, title=_heading_title(b), blocks=[b])
            while stack and stack[-1].rank >= section.rank:
                stack.pop()
            parent = stack[-1] if stack else None
            (parent.children if parent else body).append(section)
            stack.append(section)
            _name(section, stack)
            continue
        if stack:
            top = stack[-1]
            # "Phần 1" on its own line: the next short line is its title.
            if not top.title and len(top.blocks) == 1 and b.kind == "text" and len(b.text) < 200:
                top.title = b.text
                top.trail[-1] = _short(b.text)
            top.blocks.append(b)
        else:
            loose = _special("body", phrases.SECTION_BODY)
            body.append(loose)
            stack.append(loose)
            loose.blocks.append(b)
    return ParsedDocument(header=header, bases=bases, body=body, recipients=recipients, signature=signature)


def _name(section: Section, stack: list[Section]) -> None:
    """Fill path and trail from the open ancestors on the stack."""
    part = next((s for s in stack if s.kind == "part"), None)
    segments: list[str] = []
    for s in stack:
        if s.kind in ("part", "body"):
            continue
        # "1.2" already carries its parent "1": replace instead of appending.
        while segments and s.kind == "decimal" and s.label.startswith(segments[-1] + "."):
            segments.pop()
        segments.append(s.label)
    label_path = ".".join(segments)
    if part is not None:
        section.path = part.label + (PATH_SEP + label_path if label_path else "")
    else:
        section.path = label_path
    section.trail = [_short(s.title) if s.title else s.label for s in stack]
