"""Loading plan files (.txt, .md, .docx, .pdf) into text, with named errors for bad input."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import phrases

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# Files the corpus folder holds that are not plans.
IGNORED_NAMES = {"README.md", "manifest.json", "manifest.overrides.json"}


class DocumentError(Exception):
    """A plan file that cannot be read. str() is one line: file, problem, what to do."""

    def __init__(self, path: Path | str, problem: str, hint: str = "", web_problem: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.hint = hint
        self.web_problem = web_problem  # the problem without server details (paths, library errors)
        message = f"{self.path.name}: {problem}"
        if hint:
            message += f" — {hint}"
        super().__init__(message)


def web_message(err: DocumentError) -> str:
    """What a web user is told about a file that cannot be read: no server path or library
    error, and what to do in the web app rather than on the server."""
    problem = err.web_problem or err.problem
    hint = phrases.WEB_HINTS.get(err.hint, err.hint)
    return problem + (f" — {hint}" if hint else "")


@dataclass(frozen=True)
class Document:
    """A plan's text as extracted; every character offset in the pipeline points into `text`."""

    doc_id: str
    path: Path
    text: str
    sha256: str


def doc_id_for(path: Path) -> str:
    """Stable slug from the file name: "Kế hoạch 118.docx" -> "ke-hoach-118"."""
    from .text import strip_diacritics

    stem = strip_diacritics(unicodedata.normalize("NFC", path.stem)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or "plan"


def list_plan_files(corpus_dir: Path) -> list[Path]:
    """Every file in the corpus folder that could be a plan (hidden files and notes skipped)."""
    return sorted(
        p
        for p in corpus_dir.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in IGNORED_NAMES
    )


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: NULs fill one byte position of most pairs, not the other."""
    head = data[:2000]
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return False
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if not (max(even_nul, odd_nul) > 0.4 and min(even_nul, odd_nul) < 0.05):
        return False
    text = head[: len(head) // 2 * 2].decode("utf-16-le" if odd_nul > even_nul else "utf-16-be", errors="replace")
    return sum(c.isspace() for c in text) / len(text) > 0.05  # real text has spaces between words


def _decode_text(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise DocumentError(path, phrases.ERR_UTF16, phrases.HINT_SAVE_UTF8)
    if b"\x00" in data[:4096]:
        raise DocumentError(path, phrases.ERR_BINARY, phrases.HINT_SUPPORTED)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            path, phrases.ERR_NOT_UTF8.format(offset=exc.start), phrases.HINT_SAVE_UTF8
        ) from None


def _docx_text(path: Path) -> str:
    """Paragraphs and table cells in document order (document.paragraphs skips tables)."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise DocumentError(path, phrases.ERR_BROKEN_DOCX.format(error=exc), phrases.HINT_RESAVE,
                            web_problem=phrases.ERR_BROKEN_DOCX_WEB) from None
    lines: list[str] = []
    # a table above the first paragraph lays out the header; one further down holds data, whose
    # cells' lines (a header cell "Năm 2023" / "(thực hiện)") stay one cell
    heading_table = True
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            # rows framed by pipes, one cell per column: a cell merged across columns ("100%"
            # for every level) stands under each of them; a row merged whole is one line
            for row in block.rows:
                # (a cell's lines: its paragraphs, and the line breaks inside them)
                stacks = [[" ".join(line.split()).replace("|", "/") for p in cell.paragraphs
                           for line in p.text.split("\n") if line.strip()] for cell in row.cells]
                cells = [" ".join(stack) for stack in stacks]
                while len(cells) > 2 and cells[1] == cells[0]:
                    del cells[1], stacks[1]  # a row label merged over two columns is one label
                if not any(cells):
                    continue
                if len(set(cells)) == 1:
                    lines.append(cells[0])
                elif (heading_table or len(block.rows) == 1) and max(len(stack) for stack in stacks) > 1:
                    # a header laid out in a table: each cell a stack of lines ("ỦY BAN NHÂN DÂN
                    # HUYỆN X" / "———" / "Số: 03/ĐA-UBND"), read line by line across the columns
                    # as a web copy prints it, never one cell's lines run together; so is a
                    # signature block in one row ("Nơi nhận: …" | "TRƯỞNG PHÒNG" / name): data
                    # has a header row above its rows
                    for i in range(max(len(stack) for stack in stacks)):
                        lines.append("| " + " | ".join(stack[i] if i < len(stack) else "" for stack in stacks) + " |")
                else:
                    lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        else:
            lines.append(block.text)
        heading_table = heading_table and not any(line.strip() for line in lines)
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    import pypdf

    try:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise DocumentError(path, phrases.ERR_BROKEN_PDF.format(error=exc), phrases.HINT_RESAVE,
                            web_problem=phrases.ERR_BROKEN_PDF_WEB) from None
    return "\n\n".join(pages)


def load_document(path: Path) -> Document:
    """Read one plan file; raises DocumentError with a one-line reason for bad input."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(path, phrases.ERR_SUFFIX.format(suffix=suffix or "(không có)"), phrases.HINT_SUPPORTED)
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(path, phrases.ERR_EMPTY, phrases.HINT_EMPTY)
    if suffix == ".docx":
        text = _docx_text(path)
    elif suffix == ".pdf":
        text = _pdf_text(path)
    else:
        text = _decode_text(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text.strip()) < 20:
        raise DocumentError(path, phrases.ERR_NO_TEXT, phrases.HINT_EMPTY)
    return Document(doc_id=doc_id_for(path), path=path, text=text, sha256=hashlib.sha256(data).hexdigest())
