"""Hybrid retrieval: dense (Chroma via llama-index) + BM25 (bm25s), fused by weighted reciprocal rank.

The question is read first: abbreviations are spelled out, a plan/locality it names becomes a
filter (detected from the plans' own headers, never from a fixed list), and words that ask for
a target, a current figure or the signature steer towards sections of that shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .chunking import Chunk
from .index import PlanIndex
from .question import Query, analyze
from .text import fold, lexical_tokens, strip_diacritics

@dataclass
class Hit:
    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None


_QUANTITY_RE = re.compile(r"\d+(?:[,.]\d+)?\s*%|(?<![\w/.-])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*(?![\w/-])")


def _section_boost(chunk: Chunk, wants: set[str]) -> float:
    """Small nudges from the document's shape; a tie-breaker, not a filter."""
    trail = strip_diacritics(fold(" ".join(chunk.trail)))
    boost = 0.0
    if "target" in wants and ("muc tieu" in trail or "chi tieu" in trail):
        boost += 0.006
    if "status" in wants and "thuc trang" in trail:
        boost += 0.006
    if "signature" in wants and chunk.section_kind == "signature":
        boost += 0.03
    if "header" in wants and chunk.section_kind == "header":
        boost += 0.02
    if "bases" in wants and chunk.section_kind == "bases":
        boost += 0.01
    if "amount" in wants and _QUANTITY_RE.search(chunk.text):
        boost += 0.006
    return boost


class HybridRetriever:
    def __init__(self, index: PlanIndex) -> None:
        self.index = index
        self.settings = index.settings

    def dense(self, query: Query, k: int, doc_ids: list[str] | None = None) -> list[tuple[int, float]]:
        from llama_index.core.vector_stores.types import (
            FilterOperator, MetadataFilter, MetadataFilters, VectorStoreQuery,
        )

        vec = self.index.embedder.embed_query(query.expanded)
        filters = None
        if doc_ids:
            filters = MetadataFilters(filters=[MetadataFilter(key="doc_id", value=doc_ids, operator=FilterOperator.IN)])
        result = self.index.store.query(
            VectorStoreQuery(query_embedding=[float(x) for x in vec], similarity_top_k=k, filters=filters)
        )
        out = []
        for node_id, sim in zip(result.ids or [], result.similarities or []):
            if node_id in self.index.by_id:
                out.append((self.index.by_id[node_id], float(sim)))
        return out

    def lexical(self, query: Query, k: int, doc_ids: list[str] | None = None) -> list[tuple[int, float]]:
        words = lexical_tokens(query.text, query=True) + lexical_tokens(query.focus, query=True)
        if doc_ids:  # the named plans' own word statistics: other plans never change this ranking
            bm25, positions = self.index.plan_bm25(tuple(sorted(set(doc_ids))))
        else:
            bm25, positions = self.index.bm25, None
        vocab = bm25.vocab_dict
        tokens = [t for t in words if t in vocab]
        if not tokens:
            return []
        scores = bm25.get_scores(tokens)
        order = np.argsort(-scores)[:k]
        out = [(int(i), float(scores[i])) for i in order if scores[i] > 0]
        return [(positions[i], s) for i, s in out] if positions is not None else out

    def search(self, question: str | Query, k: int | None = None, doc_ids: list[str] | None = None) -> list[Hit]:
        query = question if isinstance(question, Query) else analyze(question, self.index.plans)
        k = k or self.settings.top_k
        doc_ids = doc_ids if doc_ids is not None else (query.doc_ids or None)
        n = self.settings.candidates
        dense = self.dense(query, n, doc_ids)
        lexical = self.lexical(query, n, doc_ids)
        rrf = self.settings.rrf_k
        fused: dict[int, Hit] = {}
        for weight, ranked, attr in (
            (self.settings.dense_weight, dense, "dense_rank"),
            (self.settings.bm25_weight, lexical, "bm25_rank"),
        ):
            for rank, (i, _score) in enumerate(ranked):
                hit = fused.setdefault(i, Hit(chunk=self.index.chunks[i], score=0.0))
                hit.score += weight / (rrf + rank + 1)
                setattr(hit, attr, rank + 1)
        for hit in fused.values():
            hit.score += _section_boost(hit.chunk, query.wants)
        return sorted(fused.values(), key=lambda h: -h.score)[:k]
