"""Hybrid retrieval: dense (Chroma via llama-index) + BM25 (bm25s), fused by weighted reciprocal rank.

The question is read first: abbreviations are spelled out, a plan/locality it names becomes a
filter (detected from the plans' own headers, never from a fixed list), and words that ask for
a target, a current figure or the signature steer towards sections of that shape.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np

from .chunking import Chunk
from .index import PlanIndex
from .question import Query, analyze
from .text import fold, lexical_tokens, strip_diacritics

log = logging.getLogger(__name__)


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
        self._vectors: dict[str, np.ndarray] = {}  # a question is embedded once, however many searches

    def query_vector(self, text: str) -> np.ndarray:
        if text not in self._vectors:
            if len(self._vectors) > 256:
                self._vectors.clear()
            self._vectors[text] = self.index.embedder.embed_query(text)
        return self._vectors[text]

    def dense(self, query: Query, k: int, doc_ids: list[str] | None = None) -> list[tuple[int, float]]:
        from llama_index.core.vector_stores.types import (
            FilterOperator, MetadataFilter, MetadataFilters, VectorStoreQuery,
        )

        # within named plans, the question without their names (one embedding either way)
        vec = self.query_vector(query.unnamed if doc_ids and query.unnamed else query.expanded)
        if doc_ids and sum(len(self.index.chunks_of(d)) for d in doc_ids) <= self.settings.exact_search_max:
            # named plans: every passage of theirs scored exactly, the same however large the corpus
            try:
                positions, vectors = self.index.plan_vectors(tuple(sorted(set(doc_ids))))
            except Exception as err:  # noqa: BLE001 — vectors being rewritten by `index` right now
                log.warning("reading the named plans' vectors failed (%s); searching the store", err)
                positions = []
            if positions:
                sims = vectors @ np.asarray(vec, dtype=np.float32)
                order = np.argsort(-sims, kind="stable")[:k]
                return [(positions[i], float(sims[i])) for i in order]
        filters = None
        if doc_ids:
            filters = MetadataFilters(filters=[MetadataFilter(key="doc_id", value=doc_ids, operator=FilterOperator.IN)])
        request = VectorStoreQuery(query_embedding=[float(x) for x in vec], similarity_top_k=k, filters=filters)
        try:
            result = self.index.store.query(request)
        except Exception as err:  # noqa: BLE001 — a store being rewritten by `index` right now
            log.warning("dense search failed (%s); retrying once", err)
            try:
                result = self.index.store.query(request)
            except Exception as err2:  # noqa: BLE001
                # the words still answer: an index build racing this ask must not fail it
                log.warning("dense search failed again (%s); answering from BM25 alone", err2)
                return []
        wanted = set(doc_ids) if doc_ids else None
        out = []
        for node_id, sim in zip(result.ids or [], result.similarities or []):
            for i in self.index.by_vector.get(node_id, ()):
                if wanted is None or self.index.chunks[i].doc_id in wanted:
                    out.append((i, float(sim)))
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
        if k < len(scores):  # the top k without sorting every passage of a large corpus
            top = np.argpartition(-scores, k)[:k]
            order = top[np.argsort(-scores[top])]
        else:
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

    def search_by_plan(self, query: Query, per_plan: int = 4, pool: int | None = None,
                       max_plans: int | None = None) -> list[Hit]:
        """Cross-plan questions ("Kế hoạch nào…", "các kế hoạch…"): one dense and one BM25 search
        over the whole corpus (the question embedded once), then the hits grouped by plan and
        fused by their rank within their plan, the best `per_plan` of each, for the `max_plans`
        plans whose best passage ranks highest over the corpus. The cost follows the size of the
        pool, not the number of plans."""
        pool = pool or self.settings.cross_plan_pool
        max_plans = max_plans or self.settings.cross_plan_max_plans
        rrf = self.settings.rrf_k
        weights = {"dense_rank": self.settings.dense_weight, "bm25_rank": self.settings.bm25_weight}
        ranked: dict[str, dict[str, list[int]]] = {}
        overall: dict[str, float] = {}  # plan -> best fused score of one of its passages, corpus-wide
        by_chunk: dict[int, float] = {}
        for attr, found in (("dense_rank", self.dense(query, pool)), ("bm25_rank", self.lexical(query, pool))):
            for rank, (i, _score) in enumerate(found):
                ranked.setdefault(self.index.chunks[i].doc_id, {}).setdefault(attr, []).append(i)
                by_chunk[i] = by_chunk.get(i, 0.0) + weights[attr] / (rrf + rank + 1)
        for i, score in by_chunk.items():
            d = self.index.chunks[i].doc_id
            overall[d] = max(overall.get(d, 0.0), score)
        chosen = sorted(overall, key=lambda d: -overall[d])[:max_plans]
        hits: list[Hit] = []
        for d in chosen:
            fused: dict[int, Hit] = {}
            for attr, positions in ranked[d].items():
                for rank, i in enumerate(positions):
                    hit = fused.setdefault(i, Hit(chunk=self.index.chunks[i], score=0.0))
                    hit.score += weights[attr] / (rrf + rank + 1)
                    setattr(hit, attr, rank + 1)
            for hit in fused.values():
                hit.score += _section_boost(hit.chunk, query.wants)
            hits += sorted(fused.values(), key=lambda h: -h.score)[:per_plan]
        return sorted(hits, key=lambda h: -h.score)
