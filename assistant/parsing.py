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

_ARTIFACT_RE = re.compile(
    r"^(?:PAGE\s*\d*|Trang\s*\d+(?:\s*/\s*\d+)?|\d{1,3}|[-–]\s*\d{1,3}\s*[-–]|[_=\-–—.·*|:]+)$", re.IGNORECASE
)
# A page header glued to the text that follows it: "Trang 1SỞ GIÁO DỤC VÀ ĐÀO TẠO".
_GLUED_PAGE_RE = re.compile(rf"^(?:PAGE|Trang)\s*\d{{1,3}}(?=[{UPPER}])")
_PART_RE = re.compile(
    r"^(PHẦN|Phần)\s+((?:THỨ|[Tt]hứ)\s+\w+|\d+|[IVX]+|MỞ ĐẦU|KẾT LUẬN|[Mm]ở đầu|[Kk]ết luận)\b[.:]?\s*(.*)$"
)
_CHAPTER_RE = re.compile(r"^(CHƯƠNG|Chương)\s+([IVX]+|\d{1,2})\b[.:]?\s*(.*)$")
_ARTICLE_RE = re.compile(r"^(ĐIỀU|Điều)\s+(\d{1,2})\s*[.:]\s*(.*)$")
_MUC_RE = re.compile(r"^(MỤC|Mục)\s+(\d{1,2}|[IVX]+)\s*[.:]\s*(.*)$")
_ALPHA_RE = re.compile(rf"^([A-HJ-UWYZ])\s*[.)]\s+([{UPPER}].*)$")  # "A. SỰ CẦN THIẾT…" (not roman I, V, X)
_ROMAN_RE = re.compile(r"^([IVX]{1,5})\s*(?:[.)]|[-–](?=\s*\w))\s*(.*)$")  # "II.", "II)", "II- MỤC TIÊU"
_DECIMAL_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(\S.*)$")
_ARABIC_RE = re.compile(rf"^(\d{{1,2}})\s*(?:[.)](?!\d)|[-–](?=\s*[{UPPER}]))\s*(\S.*)?$")  # "1.", "1)", "2-Những…"; not "1.250"
_LETTER_RE = re.compile(rf"^([a-zđ])\s*(?:\)|\.(?=\s+[{UPPER}\d]))\s*(\S.*)$")  # "a)" and "a. Ít nhất…"
_BULLET_RE = re.compile(r"^[-–—•+*]\s*(\S.*)$")
_BASES_RE = re.compile(r"^(Căn cứ|Thực hiện|Xét|Theo|Để|Nhằm)\b")
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_SIGNATURE_RE = re.compile(
    r"^(?:(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S|(?:PHÓ\s+)?(?:CHỦ TỊCH|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|GIÁM ĐỐC)\s*$)"
)
CLOSING_RE = re.compile(r"^Trên đây\b")  # the closing formula ("Trên đây là kế hoạch …")
_ENDS_BODY_RE = re.compile(r"\./\.\s*$")  # "… căn cứ Quyết định thi hành./.": the mark that ends a text
# A personal name line: two to six capitalised syllables ("Nguyễn Thị Kim Loan").
_PERSON_RE = re.compile(rf"^[{UPPER}][a-zà-ỹđ']+(?:\s+[{UPPER}][a-zà-ỹđ']+){{1,5}}$")
# A column of someone who approves or confirms a plan ("DUYỆT CỦA PHÒNG GD&ĐT"), beside its signer's.
APPROVAL_RE = re.compile(r"^(?:\*\*)?(?:DUYỆT|PHÊ DUYỆT|XÁC NHẬN|NGƯỜI DUYỆT)\b")
_TERMINAL = (".", ";", ":", "!", "?", "…", "”", '"', ")")
_BOLD_RE = re.compile(r"\*\*|__")
_AWAITS_NUMBER_RE = re.compile(r"\b(?:năm|tháng|ngày|số|là|đạt|đến|vào|khoảng|trên|dưới|tổng cộng)$", re.IGNORECASE)

# How deep each kind of heading sits; a heading closes every open one of its rank or deeper.
KIND_RANK = {"part": 0, "chapter": 0.5, "alpha": 0.7, "article": 0.8, "roman": 1, "muc": 1.5, "arabic": 2, "letter": 9}
# Kinds whose label starts a path segment of its own ("Chương II › Điều 5 › 1.a").
PREFIX_KINDS = ("part", "chapter", "muc", "alpha", "article")

# The type line of a document ("KẾ HOẠCH", "QUYẾT ĐỊNH"): in the header it names the document;
# after the body has begun it starts a document carried by this one (a decision's plan).
DOC_TYPES = {
    "KẾ HOẠCH": "Kế hoạch",
    "ĐỀ ÁN": "Đề án",
    "QUYẾT ĐỊNH": "Quyết định",
    "QUY HOẠCH": "Quy hoạch",
    "CHIẾN LƯỢC": "Chiến lược",
    "CHƯƠNG TRÌNH": "Chương trình",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "Chương trình",  # the kind's full name, not the start of its title
    "KẾ HOẠCH HÀNH ĐỘNG": "Kế hoạch",
    "TỜ TRÌNH": "Tờ trình",
    "BÁO CÁO": "Báo cáo",
    "HƯỚNG DẪN": "Hướng dẫn",
    "THÔNG BÁO": "Thông báo",
    "CÔNG VĂN": "Công văn",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
}
_DOC_TYPE_RE = re.compile(rf"^({'|'.join(sorted(DOC_TYPES, key=len, reverse=True))})(?:\s+([{UPPER}].*))?$")


def doc_type_line(text: str) -> tuple[str, str] | None:
    """("Kế hoạch", rest of the title on that line) when a line names a document type in capitals."""
    m = _DOC_TYPE_RE.match(text.strip().replace("UỶ", "ỦY"))
    if not m:
        return None
    rest = (m.group(2) or "").strip()
    if rest and rest.isupper() and len(rest.split()) < 2:
        return None
    return DOC_TYPES[m.group(1)], rest


# Lines a web copy adds around the document (site banners, metadata tables, sharing links):
# kept in the file, never content, never a heading, never quoted.
_WEB_JUNK_PREFIX = (
    "để sử dụng toàn bộ tiện ích", "bạn đang xem bản rút gọn", "tải bản đầy đủ", "tải về", "văn bản này chưa cập nhật",
    "đăng nhập", "đăng ký tài khoản", "quên mật khẩu", "số hiệu:", "loại văn bản:", "nơi ban hành:", "người ký:",
    "ngày ban hành:", "ngày hiệu lực:", "ngày công báo:", "số công báo:", "tình trạng:", "lĩnh vực:",
    "văn bản liên quan", "bài viết liên quan", "văn bản được hướng dẫn", "văn bản hợp nhất", "trang chủ",
    "tin tức", "xem thêm", "bản in", "bạn chưa xem được", "mọi chi tiết xin liên hệ", "hotline",
    "ngày đăng tải", "ngày đăng:", "ngày cập nhật:", "lượt xem", "lượt tải", "số trang:", "định dạng:",
    "cổng thông tin điện tử", "cập nhật:", "cập nhật lúc", "in trang", "số/ký hiệu", "ký hiệu:", "cỡ chữ",
)
_WEB_JUNK_LINES = {
    "lưu trữ", "ghi chú", "ý kiến", "facebook", "email", "in", "chia sẻ", "đăng nhập", "đăng ký", "tiếng anh",
    "văn bản gốc", "thuộc tính", "nội dung", "lược đồ", "tải về", "theo dõi", "zalo", "twitter", "mục lục",
    "đăng nhập | đăng ký", "print", "share", "top",
}


@dataclass
class Block:
    """A logical paragraph: one or more physical lines joined (page breaks healed)."""

    start: int
    end: int
    text: str  # as printed, layout noise removed
    kind: str = "text"  # text | bullet | row | part | chapter | muc | alpha | article | roman | arabic | decimal | letter
    label: str = ""

    @property
    def is_heading(self) -> bool:
        return self.kind not in ("text", "bullet", "row")


@dataclass
class Section:
    label: str  # as printed: "Phần 2", "I", "1.2", "a", or a special name ("Căn cứ")
    kind: str  # part | roman | arabic | decimal | letter | header | bases | recipients | signature | body
    title: str  # heading text without its label
    path: str = ""  # "Phần 2 › I.1.2.b"
    trail: list[str] = field(default_factory=list)  # headings from the top down to this one
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    level: float = -1  # depth set by the parser for numbering styles whose depth varies by document

    @property
    def rank(self) -> float:
        if self.level >= 0:
            return self.level
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
    junk: list[Block] = field(default_factory=list)  # web-copy banners and footers, kept apart

    def sections(self) -> list[Section]:
        """All sections in reading order, special ones included (empty ones skipped)."""
        out = [s for s in (self.header, self.bases) if s.blocks]
        for top in self.body:
            out.extend(top.walk())
        out.extend(s for s in (self.recipients, self.signature) if s.blocks)
        return out

    def find(self, path: str) -> Section | None:
        return next((s for s in self.sections() if s.path == path), None)


@dataclass
class _Line:
    start: int
    end: int
    content: str  # stripped, bold markers removed
    cells: list[tuple[int, int, str]] | None = None  # pipe or tab columns, with their spans
    junk: bool = False  # a web copy's banner or metadata line


_CELL_SPLIT_RE = re.compile(r"\||\t+")
# Cells that belong to a header or signature laid out in columns, never to a table.
_LAYOUT_CELL_RE = re.compile(
    r"^(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|Số\s*:|Nơi nhận|Lưu\s*:|(?:TM|KT|Q|TL|TUQ)\s*\.)|ngày[\s.…\d]*tháng",
    re.IGNORECASE,
)
_SEPARATOR_CELL_RE = re.compile(r"^[-:=+ ]*$")


def _cells(raw: str, line_start: int) -> list[tuple[int, int, str]] | None:
    """The columns of a line laid out with pipes or tabs, or None for an ordinary line."""
    body = raw.strip()
    if "|" in body:
        splitter = _CELL_SPLIT_RE
    elif re.search(r"\S\t+\S", body):
        splitter = re.compile(r"\t+")
    elif not raw[:1].isspace() and re.search(r"\S\t+$", raw.rstrip(" ")):
        # "GIÁO DỤC THƯỜNG XUYÊN<tab>": the rest of a left column whose right column is empty here
        splitter = re.compile(r"\t+")
    elif re.search(r"\S {4,}\S", body):
        splitter = re.compile(r" {4,}")  # columns aligned with runs of spaces
    else:
        return None
    # a row framed by pipes keeps its empty cells, so each cell stays under its column's header
    framed = body.startswith("|") and body.endswith("|") and body.count("|") >= 3
    pieces = splitter.split(raw)
    if framed:
        pieces = splitter.split(raw.strip())[1:-1]
        raw, line_start = raw.strip(), line_start + len(raw) - len(raw.lstrip())
    cells, pos = [], 0
    for piece in pieces:
        at = raw.index(piece, pos) if piece else pos
        pos = at + len(piece) + 1
        content = _BOLD_RE.sub("", piece).strip()
        if content or framed:
            lead = len(piece) - len(piece.lstrip())
            cells.append((line_start + at + lead, line_start + at + lead + len(piece.strip()), content))
    return cells


def _physical_lines(text: str):
    """_Line of each non-empty line (None for a blank one), content stripped of bold markers."""
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
        if glued := _GLUED_PAGE_RE.match(content):
            # drop the page marker, keep the text glued to it
            skip = stripped.index(content) + glued.end()
            lead += skip
            stripped = stripped[skip:]
            content = content[glued.end():]
        if not content:
            yield None
            continue
        cells = _cells(raw[lead:], line_start + lead)
        if cells is not None and all(_SEPARATOR_CELL_RE.match(c[2]) for c in cells):
            yield None  # "-------<TAB>---------" under a header laid out in columns
            continue
        if is_web_junk(content) or (cells and len(cells) > 1 and _is_metadata_cell(cells[0][2])):
            # metadata rows ("| Số hiệu: | 45/KH-UBND | Loại văn bản: | Kế hoạch |") are junk whole;
            # a table's own header ("| Nội dung | Năm 2022 | Năm 2023 |") is not
            yield _Line(line_start + lead, line_start + lead + len(stripped), content, junk=True)
            continue
        # (one cell left by a trailing tab stays a cell: it continues the column run around it)
        if cells is not None and len([c for c in cells if c[2]]) == 1 and len(cells) == 1 and \
                not raw.rstrip(" ").endswith("\t"):
            start, end, only = cells[0]
            yield _Line(start, end, only)
            continue
        yield _Line(line_start + lead, line_start + lead + len(stripped), content, cells)


def _junk_key(text: str) -> str:
    return text.strip().lower().replace("uỷ", "ủy")


def _is_metadata_cell(cell: str) -> bool:
    """The first cell of a web copy's metadata row ("Số hiệu:", "Loại văn bản:"): a label with a
    colon or a banner phrase; a lone word such as "Nội dung" heads a table column."""
    return _junk_key(cell).startswith(_WEB_JUNK_PREFIX)


def is_web_junk(content: str) -> bool:
    """A banner, metadata or sharing line of a web copy, not the document's own text."""
    key = _junk_key(content)
    return key in _WEB_JUNK_LINES or key.startswith(_WEB_JUNK_PREFIX)


def _classify(content: str) -> tuple[str, str, str]:
    """(kind, label, rest) for one line."""
    if m := _PART_RE.match(content):
        label = m.group(2)
        label = label.capitalize() if label.upper() in ("MỞ ĐẦU", "KẾT LUẬN") else label
        return "part", f"Phần {label}", m.group(3).strip()
    if m := _CHAPTER_RE.match(content):
        return "chapter", f"Chương {m.group(2)}", m.group(3).strip()
    if m := _ARTICLE_RE.match(content):
        return "article", f"Điều {m.group(2)}", m.group(3).strip()
    if m := _MUC_RE.match(content):
        return "muc", f"Mục {m.group(2)}", m.group(3).strip()
    if m := _DECIMAL_RE.match(content):
        return "decimal", m.group(1), m.group(2).strip()
    if m := _ROMAN_RE.match(content):
        return "roman", m.group(1), m.group(2).strip()
    if m := _ALPHA_RE.match(content):
        return "alpha", m.group(1), m.group(2).strip()
    if m := _ARABIC_RE.match(content):
        return "arabic", m.group(1), (m.group(2) or "").strip()
    if m := _LETTER_RE.match(content):
        return "letter", m.group(1), m.group(2).strip()
    if m := _BULLET_RE.match(content):
        return "bullet", "", m.group(1).strip()
    return "text", "", content


def _continues(prev: Block, content: str, kind: str) -> bool:
    """Is this line the rest of a paragraph broken at a line or page end?"""
    if kind != "text" or not prev.text or prev.kind in ("row", "junk"):
        return False
    first = content[0]
    if first.islower():
        return True
    # "…đạt chuẩn quốc gia vào năm" | page break | "2026." : a number completes the phrase
    if first.isdigit() and prev.kind in ("text", "bullet") and _AWAITS_NUMBER_RE.search(prev.text):
        return True
    return prev.text.endswith(("-", "–", ",")) and not prev.text.endswith(_TERMINAL)


_INDEX_COLUMN = {"tt", "stt", "số tt", "số thứ tự"}


def _is_table(rows: list[_Line]) -> bool:
    """A run of column lines is a table (not a header laid out in columns) when it has a header
    row and data rows with figures, and none of its cells is a header or signature element."""
    if len(rows) < 2:
        return False
    if any(_LAYOUT_CELL_RE.search(c[2]) for row in rows for c in row.cells):
        return False
    return any(any(re.search(r"\d", c[2]) for c in row.cells[1:]) for row in rows[1:])


_YEARS_RE = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?\b")  # "Năm 2023", "2021-2025" head a column


_FIGURE_CELL_RE = re.compile(r"[-–+(]?\d[\d.,/]*\)?\s*(?:%|người|GV|lớp|tiết|triệu đồng|đồng|trường)?")


def _table_blocks(rows: list[_Line]) -> list[Block]:
    """Each data row read with its column headers: "Tỷ lệ GV đạt chuẩn: Năm 2023: 82%; Năm 2025: 97%."."""
    rows = [r for r in rows if not all(_SEPARATOR_CELL_RE.match(c[2]) for c in r.cells)]
    head = [c[2] for c in rows[0].cells]
    skip = 1 if head and head[0].lower().rstrip(".") in _INDEX_COLUMN else 0
    out = []
    if any(_FIGURE_CELL_RE.fullmatch(_YEARS_RE.sub(" ", c).strip()) for c in head[skip + 1 :]):
        # no header row (its cells are figures): each row reads "label: value"; a header cell may
        # name a grade ("Có ngoại ngữ bậc 2 trở lên") and still be a column name
        head = [""] * len(head)
        data = rows
    else:
        out.append(Block(start=rows[0].start, end=rows[0].end, text=clean_display(" | ".join(c for c in head if c)), kind="row"))
        data = rows[1:]
    for row in data:
        cells = [c[2] for c in row.cells]
        if skip and len(cells) == len(head):
            cells = cells[1:]
        names = head[skip:]
        label = cells[0] if cells else ""
        pairs = [f"{names[j]}: {cells[j]}" if j < len(names) and names[j] else cells[j]
                 for j in range(1, len(cells)) if cells[j]]
        text = label + (": " + "; ".join(pairs) if pairs else "")
        if not text.endswith(_TERMINAL):
            text += "."
        out.append(Block(start=row.start, end=row.end, text=clean_display(text), kind="row"))
    return out


def _column_lines(rows: list[_Line]) -> list[_Line]:
    """A header or signature laid out in columns, read column by column (left column first)."""
    width = max(len(r.cells) for r in rows)
    return [_Line(*r.cells[col]) for col in range(width) for r in rows if col < len(r.cells) and r.cells[col][2]]


def _lines(text: str) -> list[_Line | None]:
    """Physical lines with column runs resolved: tables rendered, layout columns read in order."""
    lines = list(_physical_lines(text))
    out: list = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line is None or line.cells is None:
            out.append(line)
            i += 1
            continue
        run, j = [line], i + 1
        while j < len(lines) and (lines[j] is None or lines[j].cells is not None):
            if lines[j] is not None:
                run.append(lines[j])
            j += 1
        if _is_table(run):
            out.append(run)  # a table: rendered by split_blocks
        else:
            out.extend(_column_lines(run))
        i = j
    return out


def split_blocks(text: str) -> list[Block]:
    """Physical lines -> logical paragraphs, dropping page artifacts; web-copy junk becomes
    blocks of kind "junk", table rows blocks of kind "row"."""
    blocks: list[Block] = []
    for line in _lines(text):
        if line is None:
            continue
        if isinstance(line, list):
            blocks.extend(_table_blocks(line))
            continue
        start, end, content = line.start, line.end, line.content
        if _ARTIFACT_RE.match(content):
            continue
        if line.junk or is_web_junk(content):
            blocks.append(Block(start=start, end=end, text=clean_display(content), kind="junk"))
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
    for kinds in (("part", "chapter", "alpha", "article", "roman"), ("muc", "arabic", "decimal")):
        for i, b in enumerate(blocks):
            if b.kind in kinds and not _BASES_RE.match(b.text):
                return i
    return len(blocks)


_MOTTO_RE = re.compile(r"^CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA", re.IGNORECASE)
_STYLE_RE = re.compile(r"^\d{1,2}\s*([.)\-–])")


def _numbering_style(block: Block) -> str | None:
    """How an item numbered 1, 2, 3… is printed ("1.", "1)", "1-", "Mục 1"): a document that uses
    two of them nests the one it uses later under the one it uses first."""
    if block.kind == "muc":
        return "muc"
    if block.kind != "arabic":
        return None
    m = _STYLE_RE.match(block.text)
    return m.group(1).replace("–", "-") if m else "."


def _trailing_issuer_lines(signature: Section) -> list[Block]:
    """Capitalised issuer lines read into the signature after the signer's name: they head the
    next document ("ỦY BAN NHÂN DÂN HUYỆN X" above a decision's plan)."""
    moved: list[Block] = []
    names = [i for i, blk in enumerate(signature.blocks) if not blk.text.isupper()]
    while names and len(signature.blocks) - 1 > names[-1]:
        last = signature.blocks[-1]
        if not last.text.isupper() or _SIGNATURE_RE.match(last.text):
            break
        moved.insert(0, signature.blocks.pop())
    return moved


def _special(kind: str, label: str) -> Section:
    return Section(label=label, kind=kind, title=label, path=label, trail=[label])


def parse(text: str) -> ParsedDocument:
    """Section tree of a plan's text. Labels stay as printed; skipped numbers are kept."""
    all_blocks = split_blocks(text)
    junk = [b for b in all_blocks if b.kind == "junk"]
    blocks = [b for b in all_blocks if b.kind != "junk"]
    header = _special("header", phrases.SECTION_HEADER)
    bases = _special("bases", phrases.SECTION_BASES)
    recipients = _special("recipients", phrases.SECTION_RECIPIENTS)
    signature = _special("signature", phrases.SECTION_SIGNATURE)

    body_at = _body_start(blocks)
    # Header, then legal bases (from the first "Căn cứ / Thực hiện" paragraph on).
    in_bases = False
    previous = None
    for b in blocks[:body_at]:
        # the line under "KẾ HOẠCH" is its title even when it reads "Thực hiện lộ trình…"
        is_title = previous is not None and doc_type_line(previous.text) is not None and not b.text.startswith("Căn cứ")
        in_bases = in_bases or (not is_title and (bool(_BASES_RE.match(b.text)) or len(b.text) > 200))
        previous = b
        (bases if in_bases else header).blocks.append(b)

    body: list[Section] = []
    stack: list[Section] = []
    tail: Section | None = None  # recipients / signature once the body has ended
    closing_seen = False
    styles: dict[str, float] = {}  # "1-" / "1." / "1)" / "Mục 1": deeper in order of first use
    carried_head: list[Block] = []  # header lines of a carried document, before its type line
    rest = blocks[body_at:]

    def signs_soon(i: int) -> bool:
        """A signature title whose signer's name follows within a few lines (a signature laid out
        in columns, with no closing line before it)."""
        return any(_PERSON_RE.match(n.text) for n in rest[i + 1 : i + 6])

    closing_next = False
    for i, b in enumerate(rest):
        closing_seen = closing_seen or closing_next
        ended = tail is not None or closing_seen
        if ended and _MOTTO_RE.match(b.text) and not carried_head:
            # the carried document's own header: issuer lines read into the signature move with it
            carried_head = _trailing_issuer_lines(signature) + [b]
            continue
        carried = doc_type_line(b.text) if b.kind == "text" else None
        if carried and (ended or carried_head):
            # A document carried by this one (the plan a decision issues) starts: its sections
            # stand under a part named for its type ("Kế hoạch › I.2").
            head = carried_head or _trailing_issuer_lines(signature)
            tail, closing_seen, closing_next, carried_head, styles = None, False, False, [], {}
            part = Section(label=carried[0], kind="part", title=carried[1], blocks=head + [b])
            body.append(part)
            stack = [part]
            _name(part, stack)
            continue
        if carried_head:
            carried_head.append(b)
            continue
        if _RECIPIENTS_RE.match(b.text):
            tail = recipients
        elif (_SIGNATURE_RE.match(b.text) or APPROVAL_RE.match(b.text)) and (closing_seen or tail is not None or signs_soon(i)):
            tail = signature
        elif tail is recipients and b.kind == "text" and recipients.blocks and len(recipients.blocks) > 1:
            tail = signature  # first non-bullet line after the list of recipients
        elif tail is signature and b.kind == "bullet" and recipients.blocks:
            recipients.blocks.append(b)  # a recipient line read after the signature column
            continue
        if tail is not None:
            tail.blocks.append(b)
            continue
        if CLOSING_RE.match(b.text):
            closing_seen = True
        # the text that ends with "./." (often a last article, "Điều 3. …") is still body; what follows is not
        closing_next = bool(_ENDS_BODY_RE.search(b.text))

        if b.is_heading and not (closing_seen and b.kind != "part"):
            section = Section(label=b.label, kind=b.kind, title=_heading_title(b), blocks=[b])
            if (style := _numbering_style(b)) is not None:
                section.level = styles.setdefault(style, KIND_RANK["arabic"] + 0.3 * len(styles))
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
    signature.blocks.extend(carried_head)  # a header that never led to a carried document
    return ParsedDocument(header=header, bases=bases, body=body, recipients=recipients, signature=signature, junk=junk)


def _name(section: Section, stack: list[Section]) -> None:
    """Fill path and trail from the open ancestors on the stack: the labels of parts, chapters,
    articles… each start a segment ("Chương II › Điều 5"), numbered items join with dots
    ("II.1.2.b"), and "1.2" replaces its parent "1" instead of repeating it."""
    prefixes: list[str] = []
    segments: list[str] = []
    for s in stack:
        if s.kind == "body":
            continue
        if s.kind in PREFIX_KINDS:
            if segments:
                prefixes.append(".".join(segments))
                segments = []
            prefixes.append(s.label)
            continue
        while segments and s.kind == "decimal" and s.label.startswith(segments[-1] + "."):
            segments.pop()
        segments.append(s.label)
    if segments:
        prefixes.append(".".join(segments))
    section.path = PATH_SEP.join(prefixes)
    section.trail = [_short(s.title) if s.title else s.label for s in stack]
