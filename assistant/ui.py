"""Web chat (Gradio): chat with cited answers, target comparison, requirement checklists, plans.

`build_app(assistant, settings, role=...)` returns the gr.Blocks; `assistant.server` mounts
the reader and editor apps behind its login and serves them. The functions
that produce HTML, CSV and messages are pure (no Gradio) and unit-tested. Plan text is data:
every piece of it is HTML-escaped before it reaches the page, so a plan that contains
"<script>" shows those characters and runs nothing.
"""


import csv
import html
import io
import json
import ipaddress
import os
import re
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

# Nothing may try the internet (offline app): no analytics, no version check.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from . import phrases  # noqa: E402
from .answering import Assistant  # noqa: E402
from .evidence import Answer  # noqa: E402
from .question import QuestionError, check_question  # noqa: E402
from .citations import Citation  # noqa: E402
from .documents import DocumentError, doc_id_for  # noqa: E402
from .feedback import FeedbackStore  # noqa: E402
from .manifest import PlanInfo  # noqa: E402
from .settings import Settings  # noqa: E402

UPLOAD_SUFFIXES = (".txt", ".docx", ".pdf")
MAX_NAME_CHARS = 100
STREAM_STEPS = int(os.environ.get("VP_STREAM_STEPS", "3"))  # yields per streamed answer
ALL = phrases.UI_FILTER_ALL


def esc(text: Any) -> str:
    """Plan text, questions, anything not written by us: shown as text, never as markup."""
    return html.escape("" if text is None else str(text), quote=True)


# ----------------------------------------------------------------------------- citations
def citation_marker_html(c: Citation) -> str:
    """[n] marker; hover or click (focus) shows plan title, number, locality, section and passage."""
    number = c.number or phrases.UI_NUMBER_BLANK
    lines = [
        f'<b>{esc(phrases.UI_CITE_PLAN)}:</b> {esc(c.title or c.plan_label)}',
        f'<b>{esc(phrases.UI_CITE_NUMBER)}:</b> {esc(number)}'
        + (f' · <b>{esc(phrases.UI_CITE_LOCALITY)}:</b> {esc(c.locality)}' if c.locality else ""),
        f'<b>{esc(phrases.UI_CITE_SECTION)}:</b> {esc(c.section)}' + (f" — {esc(c.heading)}" if c.heading else ""),
        f'<span class="vp-quote">“{esc(c.text)}”</span>',
    ]
    return (
        f'<span class="vp-cite" tabindex="0" data-cite="{esc(c.id)}" title="{esc(c.plan_label)}, mục {esc(c.section)}">'
        f'<sup class="vp-ref">[{esc(c.id)}]</sup>'
        f'<span class="vp-pop" role="tooltip">{"<br>".join(lines)}</span></span>'
    )


_MARKER_RE = re.compile(r"\[([^\[\]\s]{1,8})\]")


def _with_markers(text: str, cites: dict[str, Citation]) -> str:
    parts: list[str] = []
    pos = 0
    for m in _MARKER_RE.finditer(text):
        if m.group(1) in cites:
            parts.append(esc(text[pos : m.start()]))
            parts.append(citation_marker_html(cites[m.group(1)]))
            pos = m.end()
    parts.append(esc(text[pos:]))
    return "".join(parts)


_TABLE_SEP_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


# "2021–2025", "127/KH-MNPTB", "13-15%": a browser may break a line after a dash or a slash,
# which splits one token of a table cell over two lines; kept whole (outside tags).
_COMPOUND_RE = re.compile(r"(?<![\w<])(\w+(?:[–\-/]\w+%?)+)(?![^<]*>)")


def _nowrap_compounds(cell_html: str) -> str:
    return _COMPOUND_RE.sub(r'<span class="vp-nowrap">\1</span>', cell_html)


def answer_html(answer: Answer) -> str:
    """The answer as one HTML block (no blank lines, so markdown leaves it alone), markers live.

    A markdown table in the answer (comparisons) becomes an HTML table; every piece is escaped.
    """
    cites = {c.id: c for c in answer.citations}
    out: list[str] = []
    lines = answer.answer.replace("\r", "").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_SEP_RE.match(lines[i + 1].strip()):
            head = "".join(f"<th>{_nowrap_compounds(_with_markers(c, cites))}</th>" for c in _cells(line))
            body = []
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                body.append("<tr>" + "".join(f"<td>{_nowrap_compounds(_with_markers(c, cites))}</td>"
                                             for c in _cells(lines[i])) + "</tr>")
                i += 1
            out.append(f'<div class="vp-table-wrap"><table class="vp-answer-table"><thead><tr>{head}</tr></thead>'
                       f'<tbody>{"".join(body)}</tbody></table></div>')
            continue
        out.append(_with_markers(line, cites) + "<br>")
        i += 1
    body = "".join(out)
    while body.endswith("<br>"):
        body = body[: -len("<br>")]
    cls = "vp-answer vp-abstained" if answer.abstained else "vp-answer"
    by = "" if answer.abstained else (
        f'<div class="vp-answerer" data-answerer="{esc(answer.answerer)}">'
        f'{esc(phrases.ANSWERER_LABEL.get(answer.answerer, answer.answerer))}</div>')
    return f'<div class="{cls}">{body}{by}</div>'


def partial_html(text: str) -> str:
    """A streamed prefix of the answer: plain escaped text."""
    return f'<div class="vp-answer vp-streaming">{esc(text).replace(chr(10), "<br>")}</div>'


def stream_steps(text: str, steps: int = STREAM_STEPS) -> list[str]:
    """Prefixes of the answer, cut at spaces, for streaming (the full text comes last)."""
    cuts = [m.start() for m in re.finditer(r"\s", text)]
    if len(cuts) < steps:
        return [text]
    chosen = [cuts[int(len(cuts) * i / steps)] for i in range(1, steps)]
    return [text[:c] for c in chosen] + [text]


def question_html(question: str) -> str:
    return f'<div class="vp-question">{esc(question)}</div>'


def sources_html(citations: list[Citation]) -> str:
    """The sources panel: every cited section with its passage."""
    if not citations:
        return f'<div class="vp-sources vp-empty">{esc(phrases.UI_SOURCES_EMPTY)}</div>'
    items = []
    for c in citations:
        items.append(
            f'<li data-cite="{esc(c.id)}"><b>[{esc(c.id)}]</b> {esc(c.plan_label)} — mục <b>{esc(c.section)}</b>'
            + (f' <span class="vp-heading">({esc(c.heading)})</span>' if c.heading else "")
            + f'<br><span class="vp-quote">“{esc(c.text)}”</span></li>'
        )
    return f'<ol class="vp-sources">{"".join(items)}</ol>'


def answer_plain(answer: Answer) -> str:
    """The answer with its citations as plain text, for copying."""
    lines = [answer.answer]
    if answer.citations:
        lines += ["", phrases.SOURCES_HEADER]
        for c in answer.citations:
            lines.append(phrases.SOURCE_LINE.format(ref=c.id, plan=c.plan_label, section=c.section, quote=c.text))
    return "\n".join(lines)


def highlight_html(text: str, lo: int, hi: int) -> str:
    """text escaped, with text[lo:hi] marked (ignored when out of range)."""
    if 0 <= lo < hi <= len(text):
        return f'{esc(text[:lo])}<mark id="vp-mark">{esc(text[lo:hi])}</mark>{esc(text[hi:])}'
    return esc(text)


def section_html(plan_label: str, section: str, heading: str, text: str, lo: int = -1, hi: int = -1) -> str:
    """A whole section of a plan, as printed, with the quoted passage (text[lo:hi]) highlighted."""
    head = f'<div class="vp-section-head"><b>{esc(plan_label)}</b> — mục <b>{esc(section)}</b>'
    if heading:
        head += f'<br><span class="vp-heading">{esc(heading)}</span>'
    head += "</div>"
    return f'<div class="vp-section">{head}<div class="vp-section-text">{highlight_html(text, lo, hi)}</div></div>'


def open_section(index, doc_id: str, section: str, quote: str = "", start: int = -1, end: int = -1) -> str:
    """The section a citation (or a table row) points at, from the index, with the passage marked."""
    from .text import locate

    plan = index.plans.get(doc_id)
    label = plan.label if plan else doc_id
    try:
        doc_text = index.text(doc_id)
        sec = index.parsed(doc_id).find(section)
    except (OSError, KeyError):
        sec = None
    if sec is None:
        return f'<div class="vp-section vp-empty">{esc(phrases.UI_SECTION_MISSING.format(section=section, plan=label))}</div>'
    lo, hi = sec.start, sec.end
    text = doc_text[lo:hi]
    if not (lo <= start < end <= hi) and quote:
        span = locate(doc_text, quote, lo, hi)
        start, end = span if span else (-1, -1)
    heading = " › ".join(t for t in sec.trail if t)
    return section_html(label, section, heading, text, start - lo if start >= 0 else -1, end - lo if end >= 0 else -1)


# ----------------------------------------------------------------------------- plans
def plan_rows(plans: dict[str, PlanInfo]) -> list[list[str]]:
    return [
        [p.doc_id, p.doc_type, p.number, p.title, p.locality, ", ".join(p.levels), p.date, p.period, p.signer, p.source]
        for p in plans.values()
    ]


def plan_meta_html(plan: PlanInfo) -> str:
    rows = []
    for key, name in phrases.UI_META_FIELDS.items():
        value = getattr(plan, key, "")
        if isinstance(value, list):
            value = ", ".join(value)
        rows.append(f"<tr><th>{esc(name)}</th><td>{esc(value)}</td></tr>")
    return f'<table class="vp-meta">{"".join(rows)}</table>'


def tree_html(parsed, raw: str) -> str:
    """A plan's section tree as nested <details>, each section's own paragraphs inside."""

    def node(s) -> str:
        title = f"{s.label}. {s.title}" if s.kind not in ("header", "bases", "recipients", "signature", "body") else s.title
        own = "<br>".join(esc(b.text) for b in s.blocks)
        kids = "".join(node(c) for c in s.children)
        return (
            f'<details class="vp-node" data-path="{esc(s.path)}"><summary>{esc(title)}'
            f' <span class="vp-path">[{esc(s.path)}]</span></summary>'
            f'<div class="vp-section-text">{own}</div>{kids}</details>'
        )

    top = [s for s in (parsed.header, parsed.bases) if s.blocks] + list(parsed.body)
    top += [s for s in (parsed.recipients, parsed.signature) if s.blocks]
    return f'<div class="vp-tree">{"".join(node(s) for s in top)}</div>'


def section_list_html(parsed) -> str:
    items = [
        f"<li><b>{esc(s.path)}</b> {esc(s.title if s.title != s.label else '')}</li>"
        for s in parsed.sections()
    ]
    return f'<ul class="vp-section-list">{"".join(items)}</ul>'


# ----------------------------------------------------------------------------- uploads
class UploadError(ValueError):
    """An upload refused before anything is written; str() is the Vietnamese message."""


def sanitize_filename(name: str) -> str:
    """A safe file name for the corpus folder: no folders, no control or shell characters, no leading dot."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]  # drop any folder part, Windows or POSIX
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w\s().,-]+", "_", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    if not stem:
        stem = "ke-hoach"
    limit = MAX_NAME_CHARS - len(suffix) - 1
    stem = stem[:limit].rstrip(" ._-") or "ke-hoach"
    return f"{stem}.{suffix}" if suffix else stem


def check_upload(name: str, size: int, head: bytes, max_mb: float) -> str:
    """Type, size and content-signature checks; returns the sanitized name or raises UploadError."""
    safe = sanitize_filename(name)
    suffix = Path(safe).suffix.lower()
    shown = Path(str(name or "")).name or safe
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadError(phrases.UI_UPLOAD_TYPE.format(name=shown, suffix=suffix or "(không có)"))
    if size > max_mb * 1024 * 1024:
        raise UploadError(phrases.UI_UPLOAD_TOO_BIG.format(name=shown, size=size / 1024 / 1024, limit=max_mb))
    if suffix == ".docx" and size and not head.startswith(b"PK"):
        raise UploadError(phrases.UI_UPLOAD_NOT_DOCX.format(name=shown))
    if suffix == ".pdf" and size and not head.lstrip()[:5].startswith(b"%PDF"):
        raise UploadError(phrases.UI_UPLOAD_NOT_PDF.format(name=shown))
    return safe


def upload_error_message(err: DocumentError) -> str:
    reason = err.problem + (f" — {err.hint}" if err.hint else "")
    return phrases.UI_UPLOAD_BROKEN.format(reason=f"{err.path.name}: {reason}")


# ----------------------------------------------------------------------------- targets layer
def targets_api():
    """assistant.targets if it is there (tabs 3–4 need it), else None."""
    try:
        from . import targets
    except Exception:  # noqa: BLE001 - a missing or broken module only disables two tabs
        return None
    needed = ("plan_targets", "plan_requirements", "metric_names", "role_names", "compare", "checklist")
    return targets if all(hasattr(targets, n) for n in needed) else None


def _get(obj, name: str, default=None):
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def busiest_metric(api, index, metrics: list[str]) -> str | None:
    """The metric most plans set a target for: a useful first choice for the comparison tab."""
    try:
        records = [r for r in api.plan_targets(index) if _get(r, "kind") == "target"]
    except Exception:  # noqa: BLE001 - the tab still works with the first metric
        records = []
    plans_per_metric: dict[str, set] = {}
    for r in records:
        plans_per_metric.setdefault(_get(r, "metric"), set()).add(_get(r, "doc_id"))
    ranked = sorted((m for m in metrics if m in plans_per_metric), key=lambda m: -len(plans_per_metric[m]))
    return ranked[0] if ranked else (metrics[0] if metrics else None)


def compare_rows(rows: Iterable) -> list[list[str]]:
    """CompareRow objects -> table rows: plan, value, deadline, section, quote."""
    return [
        [
            str(_get(r, "plan_label", "")),
            str(_get(r, "value", "")),
            str(_get(r, "period", "")),
            str(_get(r, "section", "")),
            str(_get(r, "quote", "")),
        ]
        for r in rows
    ]


def compare_csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(phrases.UI_COMPARE_HEADERS)
    writer.writerows(rows)
    return buf.getvalue()


def checklist_html(result: dict[str, list]) -> str:
    """plan label -> requirement lines, each with bắt buộc / khuyến khích and its cited passage."""
    if not result:
        return ""
    out = []
    for plan_label, lines in result.items():
        items = []
        ordered = sorted(lines, key=lambda r: _get(r, "strength", "") != phrases.UI_REQUIRED)
        for r in ordered:
            strength = str(_get(r, "strength", ""))
            cls = "vp-required" if strength == phrases.UI_REQUIRED else "vp-encouraged"
            detail = _get(r, "detail", "") or _get(r, "requirement", "")
            when = _get(r, "when", "")
            items.append(
                f'<li class="{cls}"><span class="vp-badge {cls}">{esc(strength)}</span> '
                f'<b>{esc(_get(r, "requirement", ""))}</b>: {esc(detail)}'
                + (f' <i>({esc(when)})</i>' if when else "")
                + f'<br><span class="vp-src">mục {esc(_get(r, "section", ""))}</span> '
                f'<span class="vp-quote">“{esc(_get(r, "quote", ""))}”</span></li>'
            )
        out.append(f'<div class="vp-plan"><h4>{esc(plan_label)}</h4><ul class="vp-checklist">{"".join(items)}</ul></div>')
    return f'<div class="vp-checklists">{"".join(out)}</div>'


def targets_table_html(records: list) -> str:
    if not records:
        return f"<p>{esc(phrases.UI_REVIEW_NO_TARGETS)}</p>"
    rows = "".join(
        f"<tr><td>{esc(_get(r, 'metric'))}</td><td>{esc(_get(r, 'value'))}</td><td>{esc(_get(r, 'period'))}</td>"
        f"<td>{esc(_get(r, 'section'))}</td><td>{esc(_get(r, 'quote'))}</td></tr>"
        for r in records
    )
    head = "".join(f"<th>{esc(h)}</th>" for h in (phrases.UI_METRIC, *phrases.UI_COMPARE_HEADERS[1:]))
    return f'<table class="vp-targets"><tr>{head}</tr>{rows}</table>'


# ----------------------------------------------------------------------------- filters
def filter_choices(plans: dict[str, PlanInfo]) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    localities = sorted({p.locality for p in plans.values() if p.locality})
    plan_choices = [(p.label, d) for d, p in plans.items()]
    levels = sorted({lvl for p in plans.values() for lvl in p.levels})
    return [ALL] + localities, [(ALL, ALL)] + plan_choices, [ALL] + levels


def allowed_plans(plans: dict[str, PlanInfo], locality: str | None, plan: str | None, level: str | None) -> list[str] | None:
    """doc_ids the filters leave (None: no filter set)."""
    if all(v in (None, "", ALL) for v in (locality, plan, level)):
        return None
    return [
        d
        for d, p in plans.items()
        if (locality in (None, "", ALL) or p.locality == locality)
        and (plan in (None, "", ALL) or d == plan)
        and (level in (None, "", ALL) or level in p.levels)
    ]


class FilteredRetriever:
    """The assistant's retriever, restricted to the plans the UI filters leave."""

    def __init__(self, base, allowed: list[str]) -> None:
        self.base = base
        self.allowed = list(allowed)

    def __getattr__(self, name):
        return getattr(self.base, name)

    def search(self, question, k=None, doc_ids=None, **kwargs):
        wanted = doc_ids if doc_ids is not None else (getattr(question, "doc_ids", None) or None)
        ids = self.allowed if wanted is None else [d for d in wanted if d in self.allowed]
        if not ids:
            return []
        return self.base.search(question, k=k, doc_ids=ids, **kwargs)


# ----------------------------------------------------------------------------- app state
@dataclass
class AppState:
    """What the running app answers from; swapped whole after an upload re-indexes."""

    assistant: Assistant
    settings: Settings
    lock: threading.Lock = field(default_factory=threading.Lock)
    jobs: Any = None  # IndexJobs, made on first upload
    in_process_jobs: bool = False  # run jobs in this process with the index's embedder (tests)

    def job_queue(self):
        from .jobs import IndexJobs

        with self.lock:
            if self.jobs is None:
                embedder = self.index.embedder if self.in_process_jobs else None
                self.jobs = IndexJobs(self.settings, embedder=embedder,
                                      on_finish=lambda job, result: self.follow_index(wait=True))
            return self.jobs

    @property
    def index(self):
        return self.assistant.index

    def _assistant(self, allowed: list[str] | None) -> Assistant:
        self.follow_index()
        assistant = self.assistant
        if allowed is not None:
            assistant = Assistant(assistant.index, retriever=FilteredRetriever(assistant.retriever, allowed),
                                  composer=assistant.composer, llm=assistant.llm)
        return assistant

    def ask(self, question: str, history: list[str], allowed: list[str] | None) -> Answer:
        if allowed is not None and not allowed:
            return Answer(answer=phrases.UI_FILTER_EMPTY, abstained=True, citations=[])
        return self._assistant(allowed).ask(question, history)

    def stream(self, question: str, history: list[str], allowed: list[str] | None):
        """Checked sentences of a generated answer as they come, then the Answer."""
        if allowed is not None and not allowed:
            yield Answer(answer=phrases.UI_FILTER_EMPTY, abstained=True, citations=[])
            return
        yield from self._assistant(allowed).stream(question, history)

    def follow_index(self, wait: bool = False) -> None:
        """An `assistant index` run beside the app wrote a newer generation: answer from it now
        (one small file read per question; the old generation stays readable meanwhile)."""
        from .index import current_generation

        latest = current_generation(self.index.settings.index_path)
        if latest is not None and latest != self.index.root and self.lock.acquire(blocking=wait):
            try:
                self.refresh()
            finally:
                self.lock.release()

    def refresh(self) -> None:
        from .index import PlanIndex

        index = PlanIndex(self.index.settings, self.index.embedder)
        self.assistant = Assistant(index, llm=self.assistant.llm)


def _pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:  # noqa: BLE001 - an unreadable PDF is reported by the indexing job, in web words
        return 0


def submit_upload(state: AppState, upload_path: str | Path, *, replace: bool = False, user: str = ""):
    """Check an uploaded plan (type, size, signature, pages), put it in the corpus and queue its
    indexing job; returns the Job at once. Raises UploadError, with nothing changed, when refused.
    A job that fails takes the file out again (or puts back the plan it replaced).
    """
    upload_path = Path(upload_path)
    if not upload_path.is_file():
        raise UploadError(phrases.UI_UPLOAD_NO_FILE)
    settings = state.settings
    with open(upload_path, "rb") as f:
        head = f.read(16)
    safe = check_upload(upload_path.name, upload_path.stat().st_size, head, settings.upload_max_mb)
    shown = Path(str(upload_path.name)).name or safe
    if safe.lower().endswith(".pdf"):
        pages = _pdf_pages(upload_path)
        if pages > settings.upload_max_pages:
            raise UploadError(phrases.UPLOAD_TOO_MANY_PAGES.format(name=shown, pages=pages, limit=settings.upload_max_pages))
    corpus = Path(settings.corpus_dir)
    doc_id = doc_id_for(Path(safe))
    target = corpus / safe
    exists = doc_id in state.index.plans or target.exists()
    if exists and not replace:
        raise UploadError(phrases.UI_UPLOAD_EXISTS.format(name=safe, doc_id=doc_id))
    jobs = state.job_queue()
    if any(j.active and j.doc_id == doc_id for j in jobs.list()):
        raise UploadError(phrases.UI_UPLOAD_PENDING.format(name=safe))
    backup = corpus / f".replaced-{safe}"  # hidden files are never read as plans
    with state.lock:
        if target.exists():
            os.replace(target, backup)
        hidden = corpus / f".upload-{safe}"
        shutil.copyfile(upload_path, hidden)
        os.replace(hidden, target)

    def rollback() -> None:
        target.unlink(missing_ok=True)
        if backup.exists():
            os.replace(backup, target)

    return jobs.submit("replace" if exists else "add", safe, doc_id, user=user, rollback=rollback,
                       cleanup=lambda: backup.unlink(missing_ok=True))


def submit_removal(state: AppState, doc_id: str, *, user: str = ""):
    """Take a plan's file out of the corpus (kept aside until the job is done) and queue the
    index update; returns the Job."""
    plan = state.index.plans.get(doc_id)
    if plan is None:
        raise UploadError(phrases.UI_REMOVE_NONE)
    corpus = Path(state.settings.corpus_dir)
    name = Path(plan.source).name
    target = corpus / name
    aside = corpus / f".removed-{name}"
    with state.lock:
        if target.exists():
            os.replace(target, aside)

    def rollback() -> None:
        if aside.exists():
            os.replace(aside, target)

    return state.job_queue().submit("remove", name, doc_id, user=user, rollback=rollback,
                                    cleanup=lambda: aside.unlink(missing_ok=True))


EDITABLE_FIELDS = ("number", "doc_type", "title", "issuer", "school", "locality", "province", "date", "period", "signer")


def submit_override(state: AppState, doc_id: str, field_name: str, value: str, *, user: str = ""):
    """Correct one manifest field of a plan (corpus/manifest.overrides.json) and queue the index
    update; an empty value removes the correction. A failed job restores the file as it was."""
    from .index import _write_atomic
    from .manifest import load_overrides

    if doc_id not in state.index.plans:
        raise UploadError(phrases.UI_REMOVE_NONE)
    if field_name not in EDITABLE_FIELDS:
        raise UploadError(phrases.UI_EDIT_FIELD_BAD.format(field=field_name))
    value = re.sub(r"\s+", " ", str(value or "")).strip()
    if len(value) > 300 or any(unicodedata.category(ch)[0] == "C" for ch in value):
        raise UploadError(phrases.UI_EDIT_VALUE_BAD)
    corpus = Path(state.settings.corpus_dir)
    path = corpus / "manifest.overrides.json"
    with state.lock:
        before = path.read_text("utf-8") if path.exists() else None
        raw = json.loads(before) if before else {}
        patch = dict(raw.get(doc_id) or {})
        if value:
            patch[field_name] = value
        else:
            patch.pop(field_name, None)
        if patch:
            raw[doc_id] = patch
        else:
            raw.pop(doc_id, None)
        _write_atomic(path, json.dumps(raw, ensure_ascii=False, indent=2) + "\n")
    load_overrides(corpus)  # a file this wrote must read back

    def rollback() -> None:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(before, "utf-8")

    name = Path(state.index.plans[doc_id].source).name
    return state.job_queue().submit("edit", name, doc_id, user=user, rollback=rollback)


def job_done_message(state: AppState, job) -> str:
    """The line shown when a job ends (the plan's label and size when it was added)."""
    if job.status == "failed":
        return job.message
    if job.kind == "remove":
        return phrases.UI_REMOVE_DONE.format(name=job.name, summary=job.message)
    state.follow_index(wait=True)  # the worker may be switching to the new generation right now
    plan = state.index.plans.get(job.doc_id)
    if plan is None:
        return job.message
    sections = len(state.index.parsed(job.doc_id).sections())
    chunks = len(state.index.chunks_of(job.doc_id))
    return phrases.UI_UPLOAD_DONE.format(plan=plan.label, sections=sections, chunks=chunks, summary=job.message)


def add_plan(state: AppState, upload_path: str | Path, progress: Callable[[float, str], None] | None = None,
             *, replace: bool = False, timeout: float = 900.0) -> tuple[str, str]:
    """Upload and wait for the job (scripts and tests); returns (doc_id, message) or raises UploadError."""
    job = submit_upload(state, upload_path, replace=replace)
    deadline = time.monotonic() + timeout
    while job.active and time.monotonic() < deadline:
        if progress:
            progress(job.progress, job.stage)
        time.sleep(0.05)
    if job.status != "done":
        raise UploadError(job.message or phrases.JOB_FAILED.format(reason=phrases.JOB_NOT_INDEXED))
    return job.doc_id, job_done_message(state, job)


def jobs_html(jobs: list) -> str:
    """The job list of the Kế hoạch tab: kind, file, status and a progress bar each (escaped)."""
    if not jobs:
        return f'<p class="vp-jobs-empty">{esc(phrases.JOBS_EMPTY)}</p>'
    rows = []
    for j in jobs:
        pct = round(100 * (1.0 if j.status == "done" else j.progress))
        stage = j.stage if j.status == "running" else phrases.JOB_STATUS[j.status]
        rows.append(
            f'<li class="vp-job vp-job-{esc(j.status)}" data-job="{esc(j.id)}">'
            f'<b>{esc(phrases.JOB_KINDS[j.kind])}</b> {esc(j.name)} — {esc(stage)}'
            f'<progress max="100" value="{pct}" aria-label="{esc(phrases.JOB_STAGE_EMBED)}">{pct}%</progress>'
            f'<span class="vp-job-pct">{pct}%</span>'
            + (f'<div class="vp-job-msg">{esc(j.message)}</div>' if j.status in ("done", "failed") and j.message else "")
            + "</li>"
        )
    return f'<ul class="vp-jobs">{"".join(rows)}</ul>'


# ----------------------------------------------------------------------------- Gradio app
CSS = """
.vp-answer { line-height: 1.55; }
.vp-cite { position: relative; cursor: pointer; color: #1d4ed8; outline: none; }
.vp-cite .vp-ref { font-weight: 600; }
.vp-cite .vp-pop { display: none; position: fixed; z-index: 1000; width: min(34rem, 80vw);
  max-width: calc(100vw - 16px); box-sizing: border-box;
  background: #fffbea; color: #222; border: 1px solid #d6b656; border-radius: 6px; padding: 0.5rem 0.7rem;
  font-size: 0.9em; box-shadow: 0 4px 14px rgba(0,0,0,.18); white-space: normal; }
.vp-cite:hover .vp-pop, .vp-cite:focus .vp-pop, .vp-cite:focus-within .vp-pop { display: block; }
.vp-quote { font-style: italic; }
.vp-table-wrap { max-width: 100%; overflow-x: auto; margin: .4rem 0; }
.vp-answer-table { border-collapse: collapse; font-size: .92em; width: max-content; max-width: 64rem; }
/* a cell breaks between words only (Gradio's chat breaks anywhere); a table too wide scrolls */
.vp-answer-table th, .vp-answer-table td { border: 1px solid #ddd; padding: .2rem .4rem; vertical-align: top;
  word-break: normal !important; overflow-wrap: normal !important; hyphens: none; min-width: 4.5rem; max-width: 22rem; }
.vp-answer-table td:last-child { min-width: 12rem; }
.vp-nowrap { white-space: nowrap; }
.vp-answerer { margin-top: .35rem; font-size: .8em; color: #6b7280; }
.vp-user { text-align: right; font-size: .92em; }
@media (max-width: 640px) { #vp-header { flex-direction: column-reverse; } .vp-user { text-align: left; } }
.vp-jobs { list-style: none; padding-left: 0; }
.vp-job { margin: .35rem 0; }
.vp-job progress { margin: 0 .5rem; vertical-align: middle; width: 12rem; }
.vp-job-msg { font-size: .9em; color: #444; }
.vp-sources { padding-left: 1.2rem; }
.vp-sources li { margin-bottom: .5rem; }
.vp-section-text { white-space: pre-wrap; font-family: inherit; line-height: 1.5; }
.vp-section mark { background: #fde047; padding: 0 .1em; }
.vp-section-head { margin-bottom: .4rem; }
.vp-heading { color: #555; font-size: .92em; }
.vp-badge { display: inline-block; border-radius: 4px; padding: 0 .35em; font-size: .85em; font-weight: 600; }
.vp-badge.vp-required { background: #fee2e2; color: #991b1b; }
.vp-badge.vp-encouraged { background: #dcfce7; color: #166534; }
.vp-checklist li { margin-bottom: .45rem; }
.vp-tree details { margin-left: 1rem; }
.vp-tree summary { cursor: pointer; }
.vp-path { color: #777; font-size: .85em; }
.vp-meta th { text-align: left; padding-right: 1rem; }
.vp-table, .vp-table * { font-family: var(--font) !important; }
.vp-chart { padding: 8px 0; }
.vp-chart-title { font-weight: 600; margin-bottom: 6px; }
.vp-bar-row { display: grid; grid-template-columns: 40% 1fr 90px; gap: 8px; align-items: center; margin: 4px 0; }
.vp-bar-label { font-size: 0.9em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.vp-bar-track { background: #f1f1f1; border-radius: 3px; height: 18px; }
.vp-bar { background: #f97316; height: 100%; border-radius: 3px; }
.vp-bar-value { font-variant-numeric: tabular-nums; }
"""

SECTION_HINT_HTML = f"<p>{esc(phrases.UI_SECTION_HINT)}</p>"

# Page script (in <head>): keeps <html lang="vi"> (Gradio sets the browser's language), puts
# Gradio's few untranslatable messages into Vietnamese, keeps citation popups inside the chat,
# and makes a message's copy button copy the text the reader sees, not its HTML.
HEAD_JS = """
<script>
(() => {
  const fixed = %(fixed)s;
  const attrs = %(attrs)s.map(([p, t]) => [new RegExp(p), t]);
  const NAMES = ["title", "aria-label", "placeholder", "alt"];
  const fixAttrs = (el) => {
    for (const a of NAMES) {
      const v = el.getAttribute && el.getAttribute(a);
      if (!v) continue;
      for (const [re, t] of attrs) { if (re.test(v)) { el.setAttribute(a, t); break; } }
    }
  };
  const copyLabel = %(copy)s;
  const res = fixed.map(([p, t]) => [new RegExp(p), t]);
  const fix = (s) => { for (const [re, t] of res) { const m = s.match(re); if (m) return t.replace(/\\{(\\d)\\}/g, (_, i) => m[+i] || ""); } return null; };
  const walk = (node) => {
    if (node.nodeType === 3) { const v = fix(node.nodeValue.trim()); if (v !== null) node.nodeValue = v; return; }
    if (node.nodeType !== 1) return;
    fixAttrs(node);
    for (const c of node.childNodes) walk(c);
  };
  const keepLang = () => { if (document.documentElement.lang !== "vi") document.documentElement.lang = "vi"; };
  new MutationObserver(keepLang).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  // The popup is fixed to the window (a table that scrolls sideways would clip it otherwise)
  // and placed under its marker, or above it near the bottom, inside the chat's width.
  const place = (cite) => {
    const pop = cite.querySelector(".vp-pop");
    if (!pop || !pop.offsetWidth) return;
    const box = (cite.closest("#chatbot") || document.body).getBoundingClientRect();
    const left = Math.max(box.left, 0) + 4, right = Math.min(box.right, window.innerWidth) - 4;
    pop.style.maxWidth = Math.max(160, right - left) + "px";
    const m = cite.getBoundingClientRect(), w = pop.offsetWidth, h = pop.offsetHeight;
    const x = Math.max(left, Math.min(m.left, right - w));
    let y = m.bottom + 4;
    if (y + h > window.innerHeight - 4 && m.top - h - 4 > 4) y = m.top - h - 4;
    pop.style.left = x + "px";
    pop.style.top = y + "px";
  };
  const start = () => {
    keepLang();
    walk(document.body);
    new MutationObserver((muts) => {
      for (const m of muts) {
        if (m.type === "attributes") fixAttrs(m.target);
        else if (m.type === "characterData") walk(m.target);
        for (const n of m.addedNodes || []) walk(n);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: NAMES });
    const onCite = (e) => { const c = e.target.closest && e.target.closest(".vp-cite"); if (c) requestAnimationFrame(() => place(c)); };
    document.addEventListener("mouseover", onCite);
    document.addEventListener("focusin", onCite);
    document.addEventListener("click", (e) => {
      const b = e.target.closest && e.target.closest("#chatbot button");
      if (!b || (b.getAttribute("aria-label") !== copyLabel && b.getAttribute("title") !== copyLabel)) return;
      const msg = b.closest(".message-row, .message-wrap, [data-testid='bot'], .bot") || b.parentElement;
      const answer = msg && (msg.querySelector(".vp-answer") || msg.querySelector(".vp-question"));
      if (!answer || !navigator.clipboard) return;
      const text = answer.innerText.trim();
      setTimeout(() => navigator.clipboard.writeText(text).catch(() => {}), 60);  // after Gradio's own copy
    }, true);
  };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
</script>
""" % {"fixed": json.dumps(phrases.GRADIO_FIXED_TEXT, ensure_ascii=False),
       "attrs": json.dumps(phrases.GRADIO_FIXED_ATTRS, ensure_ascii=False),
       "copy": json.dumps(phrases.GRADIO_I18N["chatbot.copy_message"], ensure_ascii=False)}

COPY_JS = "(text) => { if (navigator.clipboard && text) { navigator.clipboard.writeText(text).catch(() => {}); } return text; }"


def _theme():
    import gradio as gr

    # system fonts only: the default theme would fetch Google Fonts
    system = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Arial", "sans-serif"]
    return gr.themes.Default(font=system, font_mono=["ui-monospace", "Consolas", "monospace"])


def compare_chart_html(rows) -> str:
    """A horizontal bar per plan with a figure (bars start at zero; labels and values escaped)."""
    bars = [(str(_get(r, "plan_label", "")), float(_get(r, "numeric")), str(_get(r, "value", "")))
            for r in rows if _get(r, "numeric") is not None]
    parts = [f'<div class="vp-chart"><div class="vp-chart-title">{html.escape(phrases.UI_CHART_TITLE)}</div>']
    if not bars:
        parts.append(f'<div class="vp-chart-empty">{html.escape(phrases.UI_CHART_EMPTY)}</div></div>')
        return "".join(parts)
    top = max([100.0] + [v for _, v, _ in bars])
    for label, value, shown in bars:
        width = max(0.0, min(100.0, 100.0 * value / top))
        parts.append(
            '<div class="vp-bar-row">'
            f'<div class="vp-bar-label">{html.escape(label)}</div>'
            f'<div class="vp-bar-track"><div class="vp-bar" style="width:{width:.1f}%"></div></div>'
            f'<div class="vp-bar-value">{html.escape(shown)}</div></div>'
        )
    parts.append("</div>")
    return "".join(parts)


def build_app(assistant: Assistant, settings: Settings | None = None, *, role: str = "editor",
              state: AppState | None = None, role_of: Callable[[str | None], str | None] | None = None):
    """The Gradio Blocks app over a ready Assistant (index opened, model loaded lazily).

    ``role="reader"`` builds the app without any upload or removal control or endpoint;
    ``"editor"`` adds them, and each editor action checks ``role_of(request.username)`` again
    on the server. ``state`` is shared when the server mounts both apps.
    """
    import gradio as gr

    settings = settings or assistant.index.settings
    state = state or AppState(assistant=assistant, settings=settings)
    store = FeedbackStore(settings.feedback_path)
    role_of = role_of or (lambda name: "editor")

    def is_editor(request: gr.Request | None) -> bool:
        return role_of(getattr(request, "username", None)) == "editor"

    def choices():
        return filter_choices(state.index.plans)

    loc_choices, plan_choices, level_choices = choices()

    with gr.Blocks(title=phrases.UI_TITLE, analytics_enabled=False) as app:
        app.state = state  # for tests and benchmarks
        with gr.Row(elem_id="vp-header"):
            gr.Markdown(f"## {phrases.UI_TITLE}\n{phrases.UI_INTRO}")
            who = gr.HTML("", elem_id="vp-user")

        def show_user(request: gr.Request):
            name = getattr(request, "username", None)
            user_role = role_of(name)
            if not name or name == "local":
                return ""
            label = phrases.SIGNED_IN_AS.format(name=name, role=phrases.ROLE_NAMES.get(user_role or "", ""))
            return f'<div class="vp-user">{esc(label)} · <a href="/logout">{esc(phrases.LOGOUT)}</a></div>'

        app.load(show_user, None, [who], api_visibility="private")
        with gr.Tabs():
            # ------------------------------------------------------------------ chat
            with gr.Tab(phrases.UI_TAB_CHAT, id="chat"):
                turns = gr.State([])
                last_cites = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        with gr.Accordion(phrases.UI_FILTERS, open=False):
                            with gr.Row():
                                f_loc = gr.Dropdown(loc_choices, value=ALL, label=phrases.UI_FILTER_LOCALITY, elem_id="filter-locality")
                                f_plan = gr.Dropdown(plan_choices, value=ALL, label=phrases.UI_FILTER_PLAN, elem_id="filter-plan")
                                f_level = gr.Dropdown(level_choices, value=ALL, label=phrases.UI_FILTER_LEVEL, elem_id="filter-level")
                        chatbot = gr.Chatbot(
                            label=phrases.UI_CHAT_LABEL,
                            elem_id="chatbot",
                            height=520,
                            placeholder=phrases.UI_CHAT_PLACEHOLDER,
                            latex_delimiters=[],
                            feedback_options=("Like", "Dislike"),
                            buttons=["copy"],
                        )
                        with gr.Row():
                            msg = gr.Textbox(
                                label=phrases.UI_QUESTION_LABEL,
                                placeholder=phrases.UI_QUESTION_PLACEHOLDER,
                                elem_id="question",
                                scale=5,
                                max_length=settings.max_question_chars,
                            )
                            send = gr.Button(phrases.UI_SEND, variant="primary", scale=1, elem_id="send")
                        with gr.Row():
                            gr.Examples([[q] for q in phrases.EXAMPLES_TEACHERS], inputs=[msg], label=phrases.UI_EXAMPLES_TEACHERS)
                            gr.Examples([[q] for q in phrases.EXAMPLES_OFFICIALS], inputs=[msg], label=phrases.UI_EXAMPLES_OFFICIALS)
                        with gr.Row():
                            new_chat = gr.Button(phrases.UI_NEW_CHAT, size="sm", elem_id="new-chat")
                            copy_btn = gr.Button(phrases.UI_COPY, size="sm", elem_id="copy-answer")
                        feedback_note = gr.Markdown("", elem_id="feedback-note")
                        copy_box = gr.Textbox(
                            label=phrases.UI_COPY_LABEL, lines=4, interactive=False, buttons=["copy"], elem_id="copy-box"
                        )
                    with gr.Column(scale=2):
                        gr.Markdown(f"### {phrases.UI_SOURCES}")
                        sources = gr.HTML(sources_html([]), elem_id="sources")

                        @gr.render(inputs=[last_cites])
                        def _source_buttons(cites):
                            with gr.Row(elem_id="source-button-row"):
                                for i, c in enumerate(cites or []):
                                    b = gr.Button(
                                        f"[{c['id']}] " + phrases.UI_OPEN_SECTION.format(section=c["section"]),
                                        size="sm",
                                        elem_classes=["vp-open-section"],
                                        key=f"open-{i}-{c['id']}",
                                    )
                                    b.click(
                                        lambda c=c: open_section(
                                            state.index, c["doc_id"], c["section"], c["text"], c["start"], c["end"]
                                        ),
                                        None,
                                        section_view,
                                        api_visibility="private",
                                    )

                        gr.Markdown(f"### {phrases.UI_SECTION_VIEW}")
                        section_view = gr.HTML(SECTION_HINT_HTML, elem_id="section-view")

                def respond(message, chat, turns_value, loc, plan, level):
                    chat = list(chat or [])
                    turns_value = list(turns_value or [])
                    try:
                        question = check_question(message or "", settings.max_question_chars)
                    except QuestionError as exc:
                        chat.append({"role": "assistant", "content": f'<div class="vp-answer">{esc(exc)}</div>'})
                        yield message, chat, turns_value, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                        return
                    chat.append({"role": "user", "content": question_html(question)})
                    chat.append({"role": "assistant", "content": partial_html(phrases.UI_THINKING)})
                    yield "", chat, turns_value, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                    history = [t["question"] for t in turns_value]
                    allowed = allowed_plans(state.index.plans, loc, plan, level)
                    answer = None
                    try:
                        if state.assistant.llm is not None:  # the model's checked sentences as they come
                            shown = ""
                            for part in state.stream(question, history, allowed):
                                if isinstance(part, Answer):
                                    answer = part
                                else:
                                    shown = (shown + " " + part).strip()
                                    chat[-1] = {"role": "assistant", "content": partial_html(shown)}
                                    yield "", chat, turns_value, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                        else:
                            answer = state.ask(question, history, allowed)
                    except QuestionError as exc:
                        answer = Answer(answer=str(exc), abstained=True)
                    except Exception as exc:  # noqa: BLE001 - the page says what went wrong, in Vietnamese
                        answer = Answer(answer=phrases.UI_ERROR.format(error=exc), abstained=True)
                    if state.assistant.llm is None:
                        for part in stream_steps(answer.answer)[:-1]:
                            chat[-1] = {"role": "assistant", "content": partial_html(part)}
                            yield "", chat, turns_value, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                    chat[-1] = {"role": "assistant", "content": answer_html(answer)}
                    turns_value = turns_value + [
                        {
                            "index": len(chat) - 1,
                            "question": question,
                            "history": history,
                            "answer": answer.answer,
                            "abstained": answer.abstained,
                            "citations": [c.public() | {"start": c.start, "end": c.end} for c in answer.citations],
                            "filters": {"locality": loc, "plan": plan, "level": level},
                        }
                    ]
                    cites = [c.model_dump() for c in answer.citations]
                    # the section viewer showed the previous answer's source: start it afresh
                    yield "", chat, turns_value, cites, sources_html(answer.citations), answer_plain(answer), SECTION_HINT_HTML

                chat_outputs = [msg, chatbot, turns, last_cites, sources, copy_box, section_view]
                chat_inputs = [msg, chatbot, turns, f_loc, f_plan, f_level]
                msg.submit(respond, chat_inputs, chat_outputs, api_name="chat")
                send.click(respond, chat_inputs, chat_outputs, api_visibility="private")
                def reset():
                    return [], [], [], sources_html([]), "", SECTION_HINT_HTML, ""

                reset_outputs = [chatbot, turns, last_cites, sources, copy_box, section_view, feedback_note]
                new_chat.click(reset, None, reset_outputs, api_visibility="private")
                # the chat's own trash button: the turns go too, or 👍/👎 would land on an old question
                chatbot.clear(lambda: reset()[1:], None, reset_outputs[1:], api_visibility="private")
                copy_btn.click(None, [copy_box], [copy_box], js=COPY_JS)

                def on_feedback(data: gr.LikeData, turns_value):
                    idx = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
                    turn = next((t for t in turns_value or [] if t["index"] == idx), None)
                    if turn is None or data.liked is None or data.liked == "":
                        return phrases.UI_FEEDBACK_NONE
                    liked = bool(data.liked)
                    store.record(
                        liked=liked,
                        question=turn["question"],
                        answer=turn["answer"],
                        citations=turn["citations"],
                        history=turn["history"],
                        abstained=turn["abstained"],
                        filters=turn["filters"],
                    )
                    return phrases.UI_FEEDBACK_THANKS_UP if liked else phrases.UI_FEEDBACK_THANKS_DOWN

                chatbot.like(on_feedback, [turns], [feedback_note], api_visibility="private")

            # ------------------------------------------------------------------ compare
            with gr.Tab(phrases.UI_TAB_COMPARE, id="compare"):
                api = targets_api()
                metric_list = (api.metric_choices() if hasattr(api, "metric_choices") else api.metric_names()) if api else []
                default_metric = busiest_metric(api, state.index, metric_list) if api else None
                level_list = [ALL] + (list(api.level_names()) if api and hasattr(api, "level_names") else level_choices[1:])
                if not api:
                    gr.Markdown(phrases.UI_TARGETS_MISSING, elem_id="compare-missing")
                with gr.Row():
                    c_metric = gr.Dropdown(metric_list, value=default_metric, label=phrases.UI_METRIC, elem_id="compare-metric",
                                           allow_custom_value=True)
                    c_level = gr.Dropdown(level_list, value=ALL, label=phrases.UI_LEVEL, elem_id="compare-level")
                    c_kind = gr.Radio(
                        [(phrases.UI_KIND_TARGET, "target"), (phrases.UI_KIND_STATUS, "status")],
                        value="target",
                        label=phrases.UI_KIND,
                    )
                    c_go = gr.Button(phrases.UI_COMPARE, variant="primary", elem_id="compare-go")
                c_note = gr.Markdown(phrases.UI_COMPARE_EMPTY, elem_id="compare-note")
                c_table = gr.Dataframe(
                    headers=phrases.UI_COMPARE_HEADERS,
                    datatype="str",
                    interactive=False,
                    wrap=True,
                    column_widths=["24%", "12%", "12%", "8%", "44%"],  # the quote column gets the room
                    elem_id="compare-table",
                    elem_classes=["vp-table"],
                )
                c_rows = gr.State([])
                c_chart = gr.HTML(compare_chart_html([]), elem_id="compare-chart")
                c_download = gr.DownloadButton(phrases.UI_DOWNLOAD_CSV, visible=False, elem_id="compare-csv")
                c_section = gr.HTML("", elem_id="compare-section")

                def do_compare(metric, level, kind):
                    api = targets_api()
                    empty_chart = compare_chart_html([])
                    if api is None:
                        return phrases.UI_TARGETS_MISSING, [], [], empty_chart, gr.update(visible=False)
                    if not metric:
                        return phrases.UI_COMPARE_EMPTY, [], [], empty_chart, gr.update(visible=False)
                    if not api.resolve_metrics(metric):  # typed, and not a name or synonym we know
                        names = ", ".join(api.metric_choices()[:8]) + ", …"
                        return phrases.UNKNOWN_METRIC.format(metric=metric, names=names), [], [], empty_chart, gr.update(visible=False)
                    result = api.compare(state.index, metric, None if level in (None, "", ALL) else level, kind or "target")
                    rows = compare_rows(result)
                    keep = []
                    for r in result:
                        recs = _get(r, "records") or []
                        first = recs[0] if recs else None
                        keep.append(
                            {
                                "doc_id": _get(r, "doc_id", ""),
                                "section": _get(r, "section", ""),
                                "quote": _get(r, "quote", ""),
                                "start": _get(first, "start", -1) if first is not None else -1,
                                "end": _get(first, "end", -1) if first is not None else -1,
                            }
                        )
                    if not any(_get(r, "numeric") is not None or _get(r, "value") != phrases.PLAN_SILENT for r in result):
                        note = phrases.UI_COMPARE_NONE.format(metric=metric)
                    else:
                        note = phrases.UI_COMPARE_HINT
                    slug = re.sub(r"[^\w]+", "-", metric).strip("-")
                    path = Path(tempfile.mkdtemp(prefix="so-sanh-")) / f"so-sanh-{slug}.csv"
                    path.write_text(compare_csv(rows), encoding="utf-8-sig")
                    return note, rows, keep, compare_chart_html(result), gr.update(value=str(path), visible=True)

                c_go.click(do_compare, [c_metric, c_level, c_kind], [c_note, c_table, c_rows, c_chart, c_download], api_name="compare")

                def open_row(evt: gr.SelectData, rows_value):
                    row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
                    if not rows_value or row is None or row >= len(rows_value) or not rows_value[row]["section"]:
                        return ""
                    r = rows_value[row]
                    return open_section(state.index, r["doc_id"], r["section"], r["quote"], r["start"], r["end"])

                c_table.select(open_row, [c_rows], [c_section], api_visibility="private")

            # ------------------------------------------------------------------ requirements
            with gr.Tab(phrases.UI_TAB_REQUIREMENTS, id="requirements"):
                api = targets_api()
                role_list = api.role_names() if api else []
                if not api:
                    gr.Markdown(phrases.UI_TARGETS_MISSING, elem_id="requirements-missing")
                with gr.Row():
                    r_role = gr.Dropdown(role_list, value=role_list[0] if role_list else None, label=phrases.UI_ROLE, elem_id="req-role")
                    r_level = gr.Dropdown(level_list, value=ALL, label=phrases.UI_LEVEL, elem_id="req-level")
                    r_loc = gr.Dropdown(loc_choices, value=ALL, label=phrases.UI_LOCALITY, elem_id="req-locality")
                    r_go = gr.Button(phrases.UI_CHECKLIST, variant="primary", elem_id="req-go")
                r_out = gr.HTML(f"<p>{esc(phrases.UI_CHECKLIST_EMPTY)}</p>", elem_id="req-out")

                def do_checklist(role, level, loc):
                    api = targets_api()
                    if api is None:
                        return f"<p>{esc(phrases.UI_TARGETS_MISSING)}</p>"
                    if not role:
                        return f"<p>{esc(phrases.UI_CHECKLIST_EMPTY)}</p>"
                    result = api.checklist(
                        state.index, role, None if loc in (None, "", ALL) else loc, None if level in (None, "", ALL) else level
                    )
                    return checklist_html(result) or f"<p>{esc(phrases.UI_CHECKLIST_NONE.format(role=role))}</p>"

                r_go.click(do_checklist, [r_role, r_level, r_loc], [r_out], api_name="checklist")

            # ------------------------------------------------------------------ plans
            with gr.Tab(phrases.UI_TAB_PLANS, id="plans"):
                gr.Markdown(f"### {phrases.UI_PLANS_TABLE}")
                p_table = gr.Dataframe(
                    plan_rows(state.index.plans),
                    headers=phrases.UI_PLANS_HEADERS,
                    datatype="str",
                    interactive=False,
                    wrap=True,
                    elem_id="plans-table",
                    elem_classes=["vp-table"],
                )
                p_pick = gr.Dropdown(plan_choices[1:], value=None, label=phrases.UI_PLAN_PICK, elem_id="plan-pick")
                p_tree = gr.HTML("", elem_id="plan-tree")

                def show_tree(doc_id):
                    if not doc_id or doc_id not in state.index.plans:
                        return ""
                    plan = state.index.plans[doc_id]
                    return plan_meta_html(plan) + f"<h4>{esc(phrases.UI_PLAN_TREE)}</h4>" + tree_html(
                        state.index.parsed(doc_id), state.index.text(doc_id)
                    )

                p_pick.change(show_tree, [p_pick], [p_tree], api_visibility="private")

                if role == "editor":
                    _plan_editing(gr, state, settings, is_editor, choices,
                                  [p_table, p_pick, f_loc, f_plan, f_level, r_loc])
    return app


def _plan_editing(gr, state: AppState, settings: Settings, is_editor, choices, plan_outputs: list) -> None:
    """Upload, replace and remove plans, and the job list (editor app only)."""
    gr.Markdown(f"### {phrases.UI_UPLOAD}\n{phrases.UI_UPLOAD_HINT.format(mb=settings.upload_max_mb)}")
    u_file = gr.File(label=phrases.UI_UPLOAD, file_types=list(UPLOAD_SUFFIXES), elem_id="upload-file")
    u_replace = gr.Checkbox(False, label=phrases.UI_REPLACE, elem_id="upload-replace")
    u_go = gr.Button(phrases.UI_UPLOAD_BUTTON, variant="primary", elem_id="upload-go")
    u_status = gr.Markdown("", elem_id="upload-status")
    gr.Markdown(f"### {phrases.JOBS_TITLE}")
    u_jobs = gr.HTML(jobs_html([]), elem_id="upload-jobs")
    u_review = gr.HTML("", elem_id="upload-review")
    gr.Markdown(f"### {phrases.UI_EDIT_TITLE}")
    with gr.Row():
        ed_pick = gr.Dropdown(choices()[1][1:], value=None, label=phrases.UI_PLAN_PICK_SHORT, elem_id="edit-pick")
        ed_field = gr.Dropdown([(phrases.UI_META_FIELDS.get(f, f), f) for f in EDITABLE_FIELDS], value="number",
                               label=phrases.UI_EDIT_FIELD, elem_id="edit-field")
        ed_value = gr.Textbox(label=phrases.UI_EDIT_VALUE, elem_id="edit-value", max_lines=1)
        ed_go = gr.Button(phrases.UI_EDIT_BUTTON, elem_id="edit-go")
    with gr.Row():
        rm_pick = gr.Dropdown(choices()[1][1:], value=None, label=phrases.UI_REMOVE_PICK, elem_id="remove-pick")
        rm_go = gr.Button(phrases.UI_REMOVE_BUTTON, variant="stop", elem_id="remove-go")
    watched = gr.State([])  # ids of the jobs this page started and has not reported yet
    timer = gr.Timer(1.0, active=False)

    def refuse():
        return f"⚠️ {phrases.EDITOR_ONLY}"

    def do_upload(path, replace, watched_ids, request: gr.Request):
        if not is_editor(request):
            return refuse(), gr.skip(), gr.skip()
        if not path:
            return f"⚠️ {phrases.UI_UPLOAD_NO_FILE}", gr.skip(), gr.skip()
        try:
            job = submit_upload(state, path, replace=bool(replace), user=getattr(request, "username", "") or "")
        except UploadError as exc:
            return f"⚠️ {exc}", gr.skip(), gr.skip()
        return f"⏳ {phrases.JOB_QUEUED.format(name=job.name, job=job.id)}", list(watched_ids or []) + [job.id], gr.Timer(active=True)

    def do_remove(doc_id, watched_ids, request: gr.Request):
        if not is_editor(request):
            return refuse(), gr.skip(), gr.skip()
        if not doc_id:
            return f"⚠️ {phrases.UI_REMOVE_NONE}", gr.skip(), gr.skip()
        try:
            job = submit_removal(state, doc_id, user=getattr(request, "username", "") or "")
        except UploadError as exc:
            return f"⚠️ {exc}", gr.skip(), gr.skip()
        return f"⏳ {phrases.JOB_REMOVE_QUEUED.format(name=job.name, job=job.id)}", list(watched_ids or []) + [job.id], gr.Timer(active=True)

    def do_edit(doc_id, field_name, value, watched_ids, request: gr.Request):
        if not is_editor(request):
            return refuse(), gr.skip(), gr.skip()
        try:
            job = submit_override(state, doc_id, field_name, value, user=getattr(request, "username", "") or "")
        except UploadError as exc:
            return f"⚠️ {exc}", gr.skip(), gr.skip()
        return f"⏳ {phrases.JOB_EDIT_QUEUED.format(name=job.name, job=job.id)}", list(watched_ids or []) + [job.id], gr.Timer(active=True)

    def tick(watched_ids, request: gr.Request):
        jobs = state.job_queue().list() if is_editor(request) else []
        html_jobs = jobs_html(jobs)
        watched_ids = list(watched_ids or [])
        ended = [j for j in jobs if j.id in watched_ids and not j.active]
        still = [i for i in watched_ids if i not in {j.id for j in ended}]
        keep_ticking = gr.Timer(active=bool(still))
        no = gr.skip()
        if not ended:
            return (html_jobs, no, no, still, keep_ticking) + (no,) * (len(plan_outputs) + 2)
        last = ended[-1]
        message = job_done_message(state, last)
        status = ("✅ " if last.status == "done" else "⚠️ ") + message
        review = _review_html(state, last.doc_id) if last.status == "done" and last.kind != "remove" else ""
        index = state.index
        locs, plans_c, levels = choices()
        updates = (
            plan_rows(index.plans),
            gr.update(choices=plans_c[1:], value=last.doc_id if last.doc_id in index.plans else None),
            gr.update(choices=locs), gr.update(choices=plans_c), gr.update(choices=levels), gr.update(choices=locs),
            gr.update(choices=plans_c[1:], value=None), gr.update(choices=plans_c[1:]),
        )
        return (html_jobs, status, review, still, keep_ticking) + updates

    u_go.click(do_upload, [u_file, u_replace, watched], [u_status, watched, timer], api_name="upload")
    rm_go.click(do_remove, [rm_pick, watched], [u_status, watched, timer], api_name="remove")
    ed_go.click(do_edit, [ed_pick, ed_field, ed_value, watched], [u_status, watched, timer], api_name="edit_plan")
    timer.tick(tick, [watched], [u_jobs, u_status, u_review, watched, timer] + plan_outputs + [rm_pick, ed_pick],
               api_visibility="private", show_progress="hidden")


def _review_html(state: AppState, doc_id: str) -> str:
    """What the editor checks after an upload: metadata, sections, extracted targets."""
    index = state.index
    if doc_id not in index.plans:
        return ""
    plan = index.plans[doc_id]
    parsed = index.parsed(doc_id)
    api = targets_api()
    records = []
    if api is not None:
        try:
            records = [r for r in api.plan_targets(index) if _get(r, "doc_id") == doc_id]
        except Exception:  # noqa: BLE001 - review still shows metadata and sections
            records = []
    return (
        f"<h4>{esc(phrases.UI_REVIEW_META)}</h4>{plan_meta_html(plan)}"
        f"<h4>{esc(phrases.UI_REVIEW_SECTIONS)}</h4>{section_list_html(parsed)}"
        f"<h4>{esc(phrases.UI_REVIEW_TARGETS)}</h4>{targets_table_html(records)}"
    )


def is_loopback(host: str) -> bool:
    host = (host or "").strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_auth(value: str) -> tuple[str, str] | None:
    """"user:password" -> (user, password); empty -> None; raises ValueError on a bad shape."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError(phrases.UI_AUTH_BAD)
    return user, password
