"""The typed objects passed between stages: the evidence gathered for a question and the answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from .chunking import Chunk
from .citations import Citation
from .question import Query
from .retrieval import Hit


class Answer(BaseModel):
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    table: list[dict] | None = None
    reason: str = Field("", description="why it abstained (for logs and evals; not shown to users)")
    answerer: str = Field("composer", description='"composer" (quoted by code) or "llm" (written by a model, checked by code)')

    def public(self) -> dict:
        data = {"answer": self.answer, "abstained": self.abstained, "citations": [c.public() for c in self.citations],
                "answerer": self.answerer}
        if self.table is not None:
            data["table"] = self.table
        return data


@dataclass
class Sentence:
    text: str
    chunk: Chunk
    score: float


@dataclass
class Evidence:
    query: Query
    hits: list[Hit]
    question: str  # as asked now
    effective_question: str  # joined with the earlier question it continues
    tokens: list[str] = field(default_factory=list)  # content words of the question asked now
    context_tokens: list[str] = field(default_factory=list)  # content words carried from earlier turns
    units: list[tuple[str, ...]] = field(default_factory=list)  # content words (as syllable tuples) asked now
    context_units: list[tuple[str, ...]] = field(default_factory=list)
    # the units without the words of a plan's title the question names it by ("đề án nâng cao
    # chất lượng đội ngũ của quận Ba Đình"): what is asked of the plan
    asked_units: list[tuple[str, ...]] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # the earlier turns it was read with
    continues: bool = False  # a part of a joined question, read in the context of the whole
    within: list[str] = field(default_factory=list)  # the plans it was restricted to, of a name several share


