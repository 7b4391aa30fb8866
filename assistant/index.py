"""Persisted indexes: Chroma vectors (through llama-index) + a bm25s index over the same chunks.

Layout under settings.index_path (the folder name records the settings that built it):
  chroma/          embedded Chroma store (unless a Chroma server is configured)
  bm25/            bm25s index
  chunks.jsonl     every chunk with its provenance
  manifest.json    plan metadata
  texts/ID.txt     each plan's extracted text (citation offsets point into it)
  state.json       sha256 of each indexed file, for incremental re-indexing
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from . import phrases
from .chunking import Chunk, chunk_document
from .documents import Document, DocumentError, doc_id_for, list_plan_files, load_document
from .embeddings import Embedder
from .manifest import Manifest, PlanInfo, apply_overrides, extract_info, load_overrides, unread_fields, write_manifest
from .parsing import ParsedDocument, parse
from .settings import Settings
from .text import lexical_tokens

log = logging.getLogger(__name__)
COLLECTION = "chunks"


class IndexMissing(RuntimeError):
    """No index has been built for these settings yet."""


@dataclass
class IndexReport:
    indexed: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per bad file
    unread: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> manifest fields left blank
    total_chunks: int = 0

    def summary(self) -> str:
        return phrases.INDEX_SUMMARY.format(
            docs=len(self.indexed), chunks=self.total_chunks, embedded=self.embedded_chunks, removed=len(self.removed)
        )


def chroma_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.index_path / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def vector_store(settings: Settings, client=None):
    """llama-index ChromaVectorStore over this settings' collection (never chromadb's default embedder)."""
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = client or chroma_client(settings)
    # On a shared server the collection name carries the settings; embedded stores live in their own folder.
    name = settings.index_name() if settings.chroma_host else COLLECTION
    collection = client.get_or_create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
    return ChromaVectorStore(chroma_collection=collection)


@dataclass
class LoadedDoc:
    doc: Document
    parsed: ParsedDocument
    info: PlanInfo
    chunks: list[Chunk]
    unread: list[str] = field(default_factory=list)  # manifest fields the header did not give


def read_plan(path: Path, settings: Settings, overrides: dict | None = None) -> LoadedDoc:
    """File -> document, section tree, manifest entry and chunks. Raises DocumentError."""
    doc = load_document(path)
    parsed = parse(doc.text)
    if not any(parsed.sections()):
        raise DocumentError(path, phrases.ERR_NO_SECTIONS, phrases.HINT_EMPTY)
    info = apply_overrides(extract_info(doc, parsed, path.name), overrides or {})
    chunks = chunk_document(doc.doc_id, doc.text, parsed, settings.chunk_max_chars)
    return LoadedDoc(doc, parsed, info, chunks, unread_fields(info, parsed))


def _nodes(chunks: list[Chunk], plans: dict[str, PlanInfo], vectors) -> list:
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    nodes = []
    for chunk, vec in zip(chunks, vectors):
        node = TextNode(
            id_=chunk.chunk_id,
            text=chunk.index_text(plans[chunk.doc_id]),
            metadata={"doc_id": chunk.doc_id, "section": chunk.section, "chunk_id": chunk.chunk_id},
            embedding=[float(x) for x in vec],
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=chunk.doc_id)
        nodes.append(node)
    return nodes


def build_index(
    settings: Settings,
    embedder: Embedder,
    *,
    corpus_dir: Path | None = None,
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> IndexReport:
    """Index the corpus incrementally: unchanged files keep their vectors, removed files leave.

    A bad file is reported in one line and skipped; if an earlier version of it was indexed,
    that version stays, so nothing already indexed is lost.
    """
    corpus_dir = Path(corpus_dir or settings.corpus_dir)
    root = settings.index_path
    root.mkdir(parents=True, exist_ok=True)
    (root / "texts").mkdir(exist_ok=True)
    state_path = root / "state.json"
    state: dict[str, dict] = json.loads(state_path.read_text("utf-8")) if state_path.exists() else {}
    old_chunks = _read_chunks(root) if state else []
    old_manifest = _read_manifest(root) if state else {}
    overrides = load_overrides(corpus_dir)

    report = IndexReport()
    loaded: dict[str, LoadedDoc] = {}
    kept_broken: set[str] = set()
    # a file already indexed under its id comes first, so a new file with the same stem never replaces it
    recorded = {v.get("source") for v in state.values()}
    files = sorted(list_plan_files(corpus_dir), key=lambda p: p.name not in recorded)
    for path in tqdm(files, desc="Đọc kế hoạch", unit="tệp", disable=not progress):
        try:
            item = read_plan(path, settings, overrides)
        except DocumentError as err:
            report.skipped.append(phrases.SKIPPED_FILE.format(name=path.name, reason=str(err).split(": ", 1)[-1]))
            echo(report.skipped[-1])
            if doc_id_for(path) in state:
                kept_broken.add(doc_id_for(path))
            continue
        if item.doc.doc_id in loaded:
            report.skipped.append(
                phrases.SKIPPED_FILE.format(name=path.name, reason=f"trùng mã {item.doc.doc_id} với tệp khác")
            )
            echo(report.skipped[-1])
            continue
        loaded[item.doc.doc_id] = item
        if item.unread:
            report.unread[item.doc.doc_id] = item.unread
            echo(phrases.UNREAD_FIELDS.format(name=path.name, fields=", ".join(item.unread)))

    store = vector_store(settings)
    collection_count = store._collection.count()
    # a plan is re-embedded when its file or its manifest overrides change (the plan label is in every passage)
    fingerprint = {d: _fingerprint(item, overrides) for d, item in loaded.items()}
    changed = [d for d in loaded if state.get(d, {}).get("sha256") != fingerprint[d]]
    removed = [d for d in state if d not in loaded and d not in kept_broken]
    # The store must hold exactly the chunks recorded last time; otherwise rebuild it fully.
    stale_store = collection_count != len(old_chunks)
    if stale_store:  # the store and our state disagree (deleted folder, crash): rebuild fully
        log.info("vector store out of sync with state; re-embedding everything")
        for d in set(state) | set(loaded):
            store.delete(d)
        changed = list(loaded)
        kept_broken.clear()
    for d in changed + removed:
        if d in state:
            store.delete(d)
    report.removed = removed

    plans = {d: item.info for d, item in loaded.items()}
    for d in kept_broken:
        plans[d] = old_manifest[d]
    to_embed = [c for d in changed for c in loaded[d].chunks]
    if to_embed:
        texts = [c.index_text(plans[c.doc_id]) for c in to_embed]
        batch = settings.embed_batch_size
        bar = tqdm(total=len(texts), desc="Nhúng đoạn văn", unit="đoạn", disable=not progress)
        for i in range(0, len(texts), batch):
            vectors = embedder.embed_passages(texts[i : i + batch])
            store.add(_nodes(to_embed[i : i + batch], plans, vectors))
            bar.update(len(vectors))
        bar.close()
    report.embedded_chunks = len(to_embed)

    all_chunks = [c for item in loaded.values() for c in item.chunks]
    all_chunks += [c for c in old_chunks if c.doc_id in kept_broken]
    new_state = {d: {"sha256": fingerprint[d], "source": item.info.source} for d, item in loaded.items()}
    for d in kept_broken:
        new_state[d] = state[d]
    for d, item in loaded.items():
        (root / "texts" / f"{d}.txt").write_text(item.doc.text, "utf-8")
    for d in removed:
        (root / "texts" / f"{d}.txt").unlink(missing_ok=True)

    _write_bm25(root, all_chunks, plans)
    with open(root / "chunks.jsonl", "w", encoding="utf-8") as f:
        for c in all_chunks:
            f.write(c.model_dump_json() + "\n")
    manifest = Manifest(plans=plans)
    (root / "manifest.json").write_text(manifest.model_dump_json(indent=2), "utf-8")
    try:
        write_manifest(manifest, corpus_dir)
    except OSError as err:  # a read-only corpus folder still indexes
        log.warning("could not write manifest to %s: %s", corpus_dir, err)
    state_path.write_text(json.dumps(new_state, ensure_ascii=False, indent=2), "utf-8")
    report.indexed = sorted(plans)
    report.total_chunks = len(all_chunks)
    return report


def _fingerprint(item: LoadedDoc, overrides: dict) -> str:
    patch = overrides.get(item.doc.doc_id)
    if not patch:
        return item.doc.sha256
    extra = hashlib.sha256(json.dumps(patch, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return f"{item.doc.sha256}+{extra}"


def _write_bm25(root: Path, chunks: list[Chunk], plans: dict[str, PlanInfo]) -> None:
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([lexical_tokens(c.index_text(plans[c.doc_id])) or ["_"] for c in chunks], show_progress=False)
    tmp = root / "bm25.tmp"  # written aside, then swapped in, so a crash never leaves half an index
    shutil.rmtree(tmp, ignore_errors=True)
    retriever.save(str(tmp), show_progress=False)
    shutil.rmtree(root / "bm25", ignore_errors=True)
    tmp.rename(root / "bm25")


def _read_chunks(root: Path) -> list[Chunk]:
    path = root / "chunks.jsonl"
    if not path.exists():
        return []
    return [Chunk.model_validate_json(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _read_manifest(root: Path) -> dict[str, PlanInfo]:
    path = root / "manifest.json"
    if not path.exists():
        return {}
    return Manifest.model_validate_json(path.read_text("utf-8")).plans


class PlanIndex:
    """An index opened for querying: chunks, plans, BM25, vectors, and each plan's text."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        root = settings.index_path
        if not (root / "state.json").exists() or not (root / "bm25").exists():
            raise IndexMissing(phrases.NO_INDEX)
        import bm25s

        self.settings = settings
        self.embedder = embedder
        self.root = root
        self.chunks = _read_chunks(root)
        self.plans = _read_manifest(root)
        self.by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self.bm25 = bm25s.BM25.load(str(root / "bm25"), show_progress=False)
        self.store = vector_store(settings)
        self._texts: dict[str, str] = {}
        self._parsed: dict[str, ParsedDocument] = {}
        self._derived: dict[str, object] = {}

    def derived(self, name: str, compute: Callable[[], object]) -> object:
        """A value computed once from this index's contents (document frequencies, name words…)."""
        if name not in self._derived:
            self._derived[name] = compute()
        return self._derived[name]

    def plan_bm25(self, doc_ids: tuple[str, ...]):
        """(BM25 over those plans' chunks alone, their positions in self.chunks): a search restricted
        to named plans scores words by those plans' own statistics, so adding other plans to the
        corpus never reorders its results. Built on first use for each set of plans."""
        def compute():
            import bm25s

            positions = [i for i, c in enumerate(self.chunks) if c.doc_id in doc_ids]
            retriever = bm25s.BM25()
            retriever.index([lexical_tokens(self.chunks[i].index_text(self.plans[self.chunks[i].doc_id])) or ["_"]
                             for i in positions], show_progress=False)
            return retriever, positions

        return self.derived(("plan_bm25", doc_ids), compute)

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = (self.root / "texts" / f"{doc_id}.txt").read_text("utf-8")
        return self._texts[doc_id]

    def parsed(self, doc_id: str) -> ParsedDocument:
        if doc_id not in self._parsed:
            self._parsed[doc_id] = parse(self.text(doc_id))
        return self._parsed[doc_id]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_id == doc_id]


def open_or_build(
    settings: Settings, embedder: Embedder, *, build_if_missing: bool = True, echo: Callable[[str], None] = print
) -> PlanIndex:
    """Open the index for these settings, building it first (with progress) if there is none."""
    try:
        return PlanIndex(settings, embedder)
    except IndexMissing:
        if not build_if_missing:
            raise
        echo(phrases.BUILDING_INDEX)
        build_index(settings, embedder, echo=echo)
        return PlanIndex(settings, embedder)
