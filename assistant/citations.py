"""Citations: a quoted passage, located exactly in its plan, with the plan and section it stands in."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from pathlib import Path
from typing import TYPE_CHECKING

from .chunking import Chunk
from .manifest import PlanInfo
from .text import clean_display, fold, locate

if TYPE_CHECKING:
    from .index import PlanIndex


class Citation(BaseModel):
    id: str
    doc_id: str
    title: str
    number: str
    locality: str
    section: str = Field(description='label path as printed, e.g. "II.2.b"')
    heading: str = Field(description="heading trail of the section")
    text: str = Field(description="the cited passage as printed in the plan")
    source: str = Field(description="corpus file path")
    start: int = Field(-1, description="offset of the passage in the plan's text (-1 if not located)")
    end: int = -1
    plan_label: str = ""

    def public(self) -> dict:
        """The JSON answer's citation fields (stable names)."""
        return self.model_dump(include={"id", "doc_id", "title", "number", "locality", "section", "heading", "text", "source"})


def make_citation(ref: str, chunk: Chunk, plan: PlanInfo, passage: str, doc_text: str, source: str) -> Citation:
    span = locate(doc_text, passage, max(chunk.start - 2, 0), chunk.end + 2) or locate(doc_text, passage)
    return Citation(
        id=ref,
        doc_id=chunk.doc_id,
        title=plan.title,
        number=plan.number,
        locality=plan.locality,
        section=chunk.section,
        heading=" › ".join(chunk.trail),
        text=passage,
        source=source,
        start=span[0] if span else -1,
        end=span[1] if span else -1,
        plan_label=plan.label,
    )


def verify(citation: Citation, doc_text: str, section_text: str | None = None) -> bool:
    """Does the cited passage really stand in the plan (and in the given section's text)?"""
    haystack = fold(clean_display(section_text if section_text is not None else doc_text))
    return fold(citation.text) in haystack


# Two quotes closer than this in one section are shown as one passage with one reference:
# the reader opens one place in the plan, and the citation list does not repeat a section.
MERGE_SPAN_CHARS = 800


def consolidate(citations: list[Citation], doc_text) -> tuple[list[Citation], dict[str, str]]:
    """Merge citations of the same plan and section whose quotes lie close together into one
    citation whose passage is the verbatim text from the first quote to the last.

    `doc_text(doc_id)` gives a plan's text. Returns the new citations (numbered 1, 2, … in order
    of first use) and the map from every old id to its new one. Quotes that were not located,
    lie far apart, or have a page artifact between them stay separate.
    """
    from .parsing import _ARTIFACT_RE

    groups: list[list[Citation]] = []
    for c in citations:
        group = next((g for g in groups if g[0].doc_id == c.doc_id and g[0].section == c.section), None)
        if group is not None and c.start >= 0 and all(x.start >= 0 for x in group):
            start = min(c.start, *(x.start for x in group))
            end = max(c.end, *(x.end for x in group))
            span = doc_text(c.doc_id)[start:end]
            if end - start <= MERGE_SPAN_CHARS and not any(_ARTIFACT_RE.match(line.strip()) for line in span.split("\n")
                                                           if line.strip()):
                group.append(c)
                continue
        groups.append([c])
    merged: list[Citation] = []
    mapping: dict[str, str] = {}
    for group in groups:
        new_id = str(len(merged) + 1)
        for c in group:
            mapping[c.id] = new_id
        if len(group) == 1:
            merged.append(group[0].model_copy(update={"id": new_id}))
            continue
        start, end = min(c.start for c in group), max(c.end for c in group)
        merged.append(group[0].model_copy(update={
            "id": new_id, "start": start, "end": end, "text": clean_display(doc_text(group[0].doc_id)[start:end])}))
    return merged, mapping


# A section heading this short names what its text is about ("Phòng Nội vụ quận", "Năm 2022
# đến năm 2025"); longer ones are sentences of their own.
HEADING_CHARS = 80


def with_heading(citation: Citation, title: str, section_start: int, doc_text: str) -> Citation:
    """The citation with its passage run back to the section's short heading, when the heading
    lies right above it: the heading often says whose duty or which period the quoted sentence
    is, and the answer shows it beside the section label. Unchanged when the heading is long,
    already quoted, or separated from the quote by other text."""
    title = title.strip(" :.")
    if not title or len(title) > HEADING_CHARS or citation.start < 0 or fold(title) in fold(citation.text):
        return citation
    span = locate(doc_text, title, section_start, citation.start)
    # only a heading right above the quote: text in between would be quoted for nothing
    if span is None or re.sub(r"[\s*_:.\-–+•]", "", doc_text[span[1] : citation.start]):
        return citation
    return citation.model_copy(update={"start": span[0], "text": clean_display(doc_text[span[0] : citation.end])})


def cite(ref: str, chunk: Chunk, passage: str, index: PlanIndex) -> Citation:
    """A citation of a passage of an indexed chunk, with its plan and corpus file."""
    plan = index.plans[chunk.doc_id]
    source = str(Path(index.settings.corpus_dir.name) / plan.source)
    return make_citation(ref, chunk, plan, passage, index.text(chunk.doc_id), source)


def section_ref(citation: Citation, index: PlanIndex) -> str:
    from .targets import SKIPPED_KINDS

    """"mục V.1 (Phòng Giáo dục và Đào tạo)": the label, and the section's own short heading when
    the quote does not already say it (the heading often names the agency or the period)."""
    chunk = next((c for c in index.chunks_of(citation.doc_id) if c.section == citation.section), None)
    heading = chunk.heading.strip(" :.") if chunk else ""
    if heading and len(heading) <= 80 and fold(heading) not in fold(citation.text) and heading != citation.section \
            and chunk.section_kind not in SKIPPED_KINDS:
        return f"mục {citation.section} – {heading}"
    return f"mục {citation.section}"


