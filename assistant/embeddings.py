"""Embedding models: sentence-transformers (loaded lazily) and a deterministic fake for tests."""

from __future__ import annotations

import hashlib
from typing import Protocol, Sequence

import numpy as np

from .text import nfc


class Embedder(Protocol):
    """What the index and retriever need from an embedding model."""

    name: str

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class _PrefixedModel:
    """What both real embedders share: e5-style prefixes, NFC, optional pyvi word segmentation."""

    def __init__(self, model: str, *, query_prefix: str = "query: ", passage_prefix: str = "passage: ",
                 word_segmentation: bool = False, batch_size: int = 8) -> None:
        self.name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.word_segmentation = word_segmentation
        self.batch_size = batch_size

    def _prepare(self, text: str) -> str:
        text = nfc(text)  # the tokenizer splits decomposed diacritics differently
        if self.word_segmentation:
            from pyvi import ViTokenizer

            text = ViTokenizer.tokenize(text)
        return text


class SentenceTransformerEmbedder(_PrefixedModel):
    """sentence-transformers model by name or path; e5-style prefixes; optional pyvi segmentation.

    The model loads on first use, never in the constructor, so commands that do not embed
    (listing plans, targets) start fast.
    """

    def __init__(self, model: str, *, device: str = "cpu", **kwargs) -> None:
        super().__init__(model, **kwargs)
        self.device = device
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            from .models import resolve_model_path

            hf_logging.disable_progress_bar()  # a bar per question would clutter the CLI

            self._model = SentenceTransformer(resolve_model_path(self.name), device=self.device)
        return self._model

    def embed_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        prepared = [self.passage_prefix + self._prepare(t) for t in texts]
        return self.model.encode(
            prepared, batch_size=self.batch_size, normalize_embeddings=True,
            show_progress_bar=show_progress, convert_to_numpy=True,
        )

    def embed_query(self, text: str) -> np.ndarray:
        return self.model.encode(
            [self.query_prefix + self._prepare(text)], normalize_embeddings=True, convert_to_numpy=True
        )[0]


class OnnxInt8Embedder(_PrefixedModel):
    """The same model exported to ONNX with int8 weights, run by onnxruntime (about 1.6x faster
    on CPU; cosine to fp32 about 0.996). Tokenizes with the model's own ``tokenizer.json``,
    pools as its sentence-transformers config says, and L2-normalizes. Loads on first use.
    """

    def __init__(self, model: str, *, threads: int = 0, **kwargs) -> None:
        super().__init__(model, **kwargs)
        self.threads = threads
        self._session = None
        self._tokenizer = None
        self._config: dict = {}

    def _load(self) -> None:
        if self._session is not None:
            return
        import json

        import onnxruntime as ort
        from tokenizers import Tokenizer

        from .models import ONNX_FILE, resolve_onnx_int8

        folder = resolve_onnx_int8(self.name)
        self._config = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(int(self._config["max_length"]))
        tokenizer.no_padding()  # padded per batch below, to the batch's longest
        options = ort.SessionOptions()
        if self.threads:
            options.intra_op_num_threads = self.threads
        self._session = ort.InferenceSession(str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizer

    def _encode(self, texts: list[str]) -> np.ndarray:
        self._load()
        encodings = self._tokenizer.encode_batch(texts)
        # Batches of similar length waste little on padding; results go back in input order.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        pad = int(self._config["pad_token_id"])
        for start in range(0, len(order), max(1, self.batch_size)):
            rows = order[start:start + self.batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.full((len(rows), width), pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            if self._config.get("pooling") == "cls":
                vecs = hidden[:, 0]
            else:
                vecs = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[rows] = vecs
        return out

    def embed_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return self._encode([self.passage_prefix + self._prepare(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + self._prepare(text)])[0]


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder: similar words, similar vectors. Tests only."""

    def __init__(self, dim: int = 256) -> None:
        self.name = f"fake-{dim}"
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        from .text import strip_diacritics, words

        vec = np.zeros(self.dim, dtype=np.float32)
        for w in words(text):
            for key in (w, strip_diacritics(w)):
                h = int(hashlib.md5(key.encode()).hexdigest()[:8], 16)
                vec[h % self.dim] += 1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def embed_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def llama_embedding(embedder: Embedder):
    """Wrap an Embedder as a llama-index BaseEmbedding (used by the baseline pipeline)."""
    from llama_index.core.embeddings import BaseEmbedding

    class _Wrapped(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embedder.embed_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_passages(texts).tolist()

    return _Wrapped(model_name=embedder.name, embed_batch_size=32)


def make_embedder(settings) -> Embedder:
    common = dict(query_prefix=settings.query_prefix, passage_prefix=settings.passage_prefix,
                  word_segmentation=settings.word_segmentation, batch_size=settings.embed_batch_size)
    if settings.embed_backend == "onnx-int8":
        return OnnxInt8Embedder(settings.embed_model, **common)
    return SentenceTransformerEmbedder(settings.embed_model, device=settings.embed_device, **common)
