"""Citations: a quoted passage, located exactly in its plan, with the plan and section it stands in."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .chunking import Chunk
from .manifest import PlanInfo
from .text import clean_display, fold, locate


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
