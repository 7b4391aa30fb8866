"""Section tree -> chunks that carry their provenance (plan, section label, trail, span)."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from .manifest import PlanInfo
from .parsing import Block, ParsedDocument, Section
from .text import UPPER, locate, speaks_to_the_assistant

SENTENCE_END = re.compile(rf"(?<=[.;!?…])\s+(?=[{UPPER}\-–“\"(])")


class Chunk(BaseModel):
    """A passage of one plan section, with everything a citation needs."""

    chunk_id: str
    doc_id: str
    section: str = Field(description='label path as printed, e.g. "Phần 2 › I.1.2.b"')
    section_kind: str
    heading: str = Field(description="the section's own heading")
    trail: list[str] = Field(description="headings from the top of the plan down to this section")
    text: str = Field(description="passage as printed (layout noise removed), one line per paragraph")
    start: int = Field(description="character offset of the passage in the document text")
    end: int
    order: int = Field(description="position of the chunk in the plan")

    def index_text(self, plan: PlanInfo) -> str:
        """What is BM25-indexed: plan label + heading trail + passage."""
        trail = " › ".join(t for t in self.trail if t)
        return f"{plan.search_label()}\n{self.section}: {trail}\n{self.text}"

    def embed_text(self, plan: PlanInfo, with_label: bool = False) -> str:
        """What is embedded: the plan's type and issuer, heading trail, passage; the full label
        only if asked. The full label (number, place, title) doubled the tokens the model reads,
        halving indexing speed; named plans are searched by their own vectors and by BM25, which
        keeps the full label."""
        if with_label:
            return self.index_text(plan)
        trail = " › ".join(t for t in self.trail if t)
        return f"{plan.doc_type} – {plan.issuer or plan.locality}\n{self.section}: {trail}\n{self.text}"


def _pieces(raw: str, blocks: list[Block], max_chars: int) -> list[list[Block]]:
    """Group a section's paragraphs into pieces under max_chars; split long paragraphs at sentences."""
    units: list[Block] = []
    for b in blocks:
        if len(b.text) <= max_chars:
            units.append(b)
            continue
        # Split at sentence ends; each piece keeps its exact span in the raw text, and a piece
        # grows only while it stays under the limit (a single overlong sentence stands alone).
        pieces: list[list[str]] = [[]]
        for sentence in SENTENCE_END.split(b.text):
            if pieces[-1] and len(" ".join(pieces[-1] + [sentence])) > max_chars:
                pieces.append([])
            pieces[-1].append(sentence)
        cursor = b.start
        for piece in pieces:
            joined = " ".join(piece)
            span = locate(raw, joined, cursor, b.end) or (cursor, b.end)
            units.append(Block(start=span[0], end=span[1], text=joined, kind=b.kind, label=b.label))
            cursor = span[1]
    groups: list[list[Block]] = [[]]
    size = 0
    for u in units:
        if groups[-1] and size + len(u.text) > max_chars:
            groups.append([])
            size = 0
        groups[-1].append(u)
        size += len(u.text) + 1
    return [g for g in groups if g]


def chunk_document(doc_id: str, raw: str, parsed: ParsedDocument, max_chars: int = 900) -> list[Chunk]:
    """One chunk per section's own text (heading + paragraphs), long ones split; never across sections.

    A heading with no text of its own (e.g. "2. Mục tiêu cụ thể" followed only by a) b))
    does not become a chunk: it lives on in its children's heading trail.
    """
    chunks: list[Chunk] = []
    for section in parsed.sections():
        # a paragraph that gives orders to a chat assistant is not plan content: it is never
        # searched or quoted (the section viewer still shows the plan as it is)
        blocks = [b for b in section.blocks if not speaks_to_the_assistant(b.text)]
        if not blocks:
            continue
        own_text = [b for b in blocks if not (b.is_heading and b is blocks[0])]
        heading_is_item = blocks and blocks[0].is_heading and len(blocks[0].text) > 120
        if not own_text and not heading_is_item and section.children:
            continue
        for piece in _pieces(raw, blocks, max_chars):
            chunks.append(_make(doc_id, section, piece, len(chunks)))
    return chunks


def _make(doc_id: str, section: Section, piece: list[Block], order: int) -> Chunk:
    return Chunk(
        chunk_id=f"{doc_id}#{order:04d}",
        doc_id=doc_id,
        section=section.path,
        section_kind=section.kind,
        heading=section.title,
        trail=section.trail,
        text="\n".join(b.text for b in piece),
        start=piece[0].start,
        end=piece[-1].end,
        order=order,
    )
