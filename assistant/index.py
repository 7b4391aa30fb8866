"""Persisted indexes: Chroma vectors (through llama-index) + a bm25s index over the same chunks.

Layout under settings.index_path (the folder name records the settings that built it):
  chroma/              embedded Chroma store (unless a Chroma server is configured); a vector's id is
                       the hash of the text embedded, so a build killed mid-way resumes where it stopped
  index_id             a stable random id of this index (its collection name on a shared server)
  CURRENT              the name of the last complete generation, replaced atomically
  generations/NAME/    one complete, never-modified build:
    chunks.jsonl         every chunk with its provenance
    manifest.json        plan metadata
    state.json           fingerprint of each indexed file, for incremental re-indexing
    texts/ID.txt         each plan's extracted text (citation offsets point into it)
    bm25/                bm25s index
    derived/NAME.pkl     per-corpus structures precomputed at index time (records, name lookups…)
  .lock                held by the one `index` that may write at a time

A build writes a new generation beside the current one and only then points CURRENT at it, so a
reader (an ask, the web app) always opens a complete index, and a crash leaves the last one intact.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

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
# Bumped when the shape of a precomputed value changes: older pickles are then ignored (computed
# again on first use, and stored again by the next `assistant index`).
DERIVED_VERSION = "3"  # 3: records found by the extractor of this session (role headings, table cells)


@lru_cache(maxsize=1)
def derived_stamp() -> str:
    """DERIVED_VERSION and a digest of the vocabularies the precomputed values are read with
    (data/targets.json, data/lexicon.json) and of the extraction code (targets.py): a changed
    vocabulary or extractor recomputes records and name phrases instead of serving those an
    older one found."""
    digest = hashlib.sha1()
    # the vocabularies, and the code that reads plans into records with them
    for name in ("data/targets.json", "data/lexicon.json", "targets.py"):
        digest.update(resources.files("assistant").joinpath(name).read_bytes())
    return f"{DERIVED_VERSION}-{digest.hexdigest()[:8]}"
KEEP_GENERATIONS = 3
STORE_BATCH = 128  # passages embedded, then stored, per step of a build  # an ask that opened an older generation a moment ago can still read its texts


class IndexMissing(RuntimeError):
    """No index has been built for these settings yet."""


class IndexBusy(RuntimeError):
    """Another `assistant index` holds this index's write lock."""


class StoreUnavailable(RuntimeError):
    """The configured Chroma server cannot be reached. str() is one Vietnamese line."""


@dataclass
class IndexReport:
    indexed: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per bad file
    unread: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> manifest fields left blank
    total_chunks: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage (read, embed, write…)

    def summary(self) -> str:
        return phrases.INDEX_SUMMARY.format(
            docs=len(self.indexed), chunks=self.total_chunks, embedded=self.embedded_chunks, removed=len(self.removed)
        )


def vector_id(text: str) -> str:
    """A vector's id in the store: the hash of exactly what was embedded, so unchanged passages
    are never embedded twice, whichever build (or killed build) embedded them."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _write_atomic(path: Path, data: str | bytes) -> None:
    """Write aside, flush to disk, then rename over: a reader sees the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def index_id(root: Path) -> str:
    """This index's stable id, made once: two indexes sharing a Chroma server never share vectors."""
    path = root / "index_id"
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, uuid.uuid4().hex[:12])
    return path.read_text("utf-8").strip()


def collection_name(settings: Settings) -> str:
    # embedded stores live in their own folder; on a shared server the name carries the index's id
    # and the settings that shaped its vectors (Chroma allows 3-63 characters)
    if not settings.chroma_host:
        return COLLECTION
    return f"{settings.index_name()[-50:].strip('-')}-{index_id(settings.index_path)}"


def current_generation(root: Path) -> Path | None:
    """The folder of the last complete build, or None."""
    try:
        name = (root / "CURRENT").read_text("utf-8").strip()
    except FileNotFoundError:
        return None
    folder = root / "generations" / name
    return folder if (folder / "state.json").exists() else None


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """One writer per index; readers never wait for it."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(phrases.INDEX_BUSY.format(path=root)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def chroma_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        except Exception as err:  # connection refused, DNS, TLS…: one line, not a traceback
            raise StoreUnavailable(phrases.STORE_DOWN.format(
                host=settings.chroma_host, port=settings.chroma_port, error=str(err).splitlines()[0][:160])) from err
    path = settings.index_path / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def vector_store(settings: Settings, client=None):
    """llama-index ChromaVectorStore over this index's collection (never chromadb's default embedder)."""
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = client or chroma_client(settings)
    try:
        collection = client.get_or_create_collection(
            collection_name(settings), embedding_function=None, metadata={"hnsw:space": "cosine"})
    except Exception as err:
        if not settings.chroma_host:
            raise
        raise StoreUnavailable(phrases.STORE_DOWN.format(
            host=settings.chroma_host, port=settings.chroma_port, error=str(err).splitlines()[0][:160])) from err
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
    size_mb = path.stat().st_size / 1e6
    if size_mb > settings.max_plan_mb:
        raise DocumentError(path, phrases.PLAN_TOO_BIG_MB.format(size=size_mb, limit=settings.max_plan_mb))
    doc = load_document(path)
    parsed = parse(doc.text)
    if not any(parsed.sections()):
        raise DocumentError(path, phrases.ERR_NO_SECTIONS, phrases.HINT_EMPTY)
    info = apply_overrides(extract_info(doc, parsed, path.name), overrides or {})
    chunks = chunk_document(doc.doc_id, doc.text, parsed, settings.chunk_max_chars)
    if len(chunks) > settings.max_plan_chunks:
        raise DocumentError(path, phrases.PLAN_TOO_MANY_CHUNKS.format(chunks=len(chunks), limit=settings.max_plan_chunks))
    return LoadedDoc(doc, parsed, info, chunks, unread_fields(info, parsed))


def _nodes(chunks: list[Chunk], texts: list[str], vectors) -> list:
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    nodes = []
    for chunk, text, vec in zip(chunks, texts, vectors):
        node = TextNode(
            id_=vector_id(text),
            text=text,
            metadata={"doc_id": chunk.doc_id, "section": chunk.section, "chunk_id": chunk.chunk_id},
            embedding=[float(x) for x in vec],
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=chunk.doc_id)
        nodes.append(node)
    return nodes


def _stored_ids(collection, ids: list[str], batch: int = 1000) -> set[str]:
    """Which of these vector ids the store already holds."""
    found: set[str] = set()
    for i in range(0, len(ids), batch):
        found.update(collection.get(ids=ids[i : i + batch], include=[])["ids"])
    return found


def build_index(
    settings: Settings,
    embedder: Embedder,
    *,
    corpus_dir: Path | None = None,
    progress: bool = True,
    echo: Callable[[str], None] = print,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Index the corpus incrementally into a new generation: passages whose vectors the store
    already holds are not embedded again (after an edit, an override change or a killed build),
    removed files leave. ``on_progress(stage, done, total)`` is told how far reading
    ("read") and embedding ("embed") are, for a progress bar outside the terminal.

    A bad file is reported in one line and skipped; if an earlier version of it was indexed,
    that version stays, so nothing already indexed is lost. Raises IndexBusy when another
    build holds the lock, StoreUnavailable when the Chroma server cannot be reached.
    """
    root = settings.index_path
    with writer_lock(root):
        return _build(settings, embedder, Path(corpus_dir or settings.corpus_dir), root, progress, echo,
                      on_progress or (lambda stage, done, total: None))


def _build(settings: Settings, embedder: Embedder, corpus_dir: Path, root: Path, progress: bool,
           echo: Callable[[str], None], on_progress: Callable[[str, int, int], None]) -> IndexReport:
    clock = time.perf_counter()
    report = IndexReport()
    for legacy in ("chunks.jsonl", "manifest.json", "state.json", "texts", "bm25"):  # the layout before generations
        path = root / legacy
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()
    index_id(root)  # made with the index, so its name on a shared server never changes afterwards
    previous = current_generation(root)
    state: dict[str, dict] = json.loads((previous / "state.json").read_text("utf-8")) if previous else {}
    old_chunks = _read_chunks(previous) if previous else []
    old_manifest = _read_manifest(previous) if previous else {}
    overrides = load_overrides(corpus_dir)

    loaded: dict[str, LoadedDoc] = {}
    kept_broken: set[str] = set()
    by_text: dict[str, str] = {}  # hash of a plan's text -> the plan indexed with it
    # a file already indexed under its id comes first, so a new file with the same stem (or the
    # same text) never replaces it
    recorded = {v.get("source") for v in state.values()}
    files = sorted(list_plan_files(corpus_dir), key=lambda p: p.name not in recorded)
    for done, path in enumerate(tqdm(files, desc="Đọc kế hoạch", unit="tệp", disable=not progress)):
        on_progress("read", done, len(files))
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
        text_hash = hashlib.sha256(item.doc.text.encode("utf-8")).hexdigest()
        if text_hash in by_text:
            other = loaded[by_text[text_hash]].info.source
            report.skipped.append(phrases.SKIPPED_FILE.format(name=path.name, reason=phrases.DUPLICATE_PLAN.format(other=other)))
            echo(report.skipped[-1])
            continue
        by_text[text_hash] = item.doc.doc_id
        loaded[item.doc.doc_id] = item
        if item.unread:
            report.unread[item.doc.doc_id] = item.unread
            echo(phrases.UNREAD_FIELDS.format(name=path.name, fields=", ".join(item.unread)))
    report.seconds["read"] = time.perf_counter() - clock

    plans = {d: item.info for d, item in loaded.items()}
    for d in kept_broken:
        plans[d] = old_manifest[d]
    all_chunks = [c for item in loaded.values() for c in item.chunks]
    all_chunks += [c for c in old_chunks if c.doc_id in kept_broken]
    texts = [c.embed_text(plans[c.doc_id], settings.embed_plan_label) for c in all_chunks]
    ids = [vector_id(t) for t in texts]

    # embed what the store lacks: new or edited passages, or those a killed build never reached
    clock = time.perf_counter()
    store = vector_store(settings)
    have = _stored_ids(store._collection, list(dict.fromkeys(ids)))
    todo: dict[str, int] = {}
    for i, vid in enumerate(ids):
        if vid not in have and vid not in todo:
            todo[vid] = i
    # similar lengths share a batch, so little of each batch is padding
    order = sorted(todo.values(), key=lambda i: len(texts[i]))
    # the model reads `embed_batch_size` passages at a time (inside embed_passages); the store
    # takes them `STORE_BATCH` at a time, so a killed build loses at most that many, and the
    # store's per-call cost is paid rarely
    step = max(settings.embed_batch_size, STORE_BATCH)
    bar = tqdm(total=len(order), desc="Nhúng đoạn văn", unit="đoạn", disable=not progress)
    for k in range(0, len(order), step):
        part = order[k : k + step]
        vectors = embedder.embed_passages([texts[i] for i in part])
        store.add(_nodes([all_chunks[i] for i in part], [texts[i] for i in part], vectors))
        bar.update(len(part))
        on_progress("embed", min(k + step, len(order)), len(order))
    bar.close()
    report.embedded_chunks = len(order)
    report.seconds["embed"] = time.perf_counter() - clock

    # the new generation, written beside the current one
    clock = time.perf_counter()
    fingerprint = {d: _fingerprint(item, overrides) for d, item in loaded.items()}
    new_state = {d: {"sha256": fingerprint[d], "source": item.info.source} for d, item in loaded.items()}
    for d in kept_broken:
        new_state[d] = state[d]
    report.removed = sorted(d for d in state if d not in new_state)
    name = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    gen = root / "generations" / name
    (gen / "texts").mkdir(parents=True)
    for d in plans:
        target = gen / "texts" / f"{d}.txt"
        unchanged = previous is not None and d in state and (d in kept_broken or state[d]["sha256"] == fingerprint.get(d))
        if unchanged and (previous / "texts" / f"{d}.txt").exists():
            os.link(previous / "texts" / f"{d}.txt", target)  # texts never change in place: share them
        else:
            target.write_text(loaded[d].doc.text, "utf-8")
    _write_bm25(gen, [c.index_text(plans[c.doc_id]) for c in all_chunks])
    with open(gen / "chunks.jsonl", "w", encoding="utf-8") as f:
        for c in all_chunks:
            f.write(c.model_dump_json() + "\n")
    manifest = Manifest(plans=plans)
    (gen / "manifest.json").write_text(manifest.model_dump_json(indent=2), "utf-8")
    (gen / "state.json").write_text(json.dumps(new_state, ensure_ascii=False, indent=2), "utf-8")
    # what answering needs about every plan (records, names, places) is computed now, not per question
    from .precompute import precompute  # imported here: it reads the answering modules, which read this one

    precompute(PlanIndex(settings, embedder, generation=gen, store=store), previous)
    _write_atomic(root / "CURRENT", name)  # the switch: readers from now on open this generation
    report.seconds["write"] = time.perf_counter() - clock

    # vectors no generation needs any more, and generations nobody opens any more
    keep = set(ids)
    old_ids = {vector_id(c.embed_text(old_manifest[c.doc_id], settings.embed_plan_label))
               for c in old_chunks if c.doc_id in old_manifest}
    gone = sorted(old_ids - keep)
    if gone:
        store._collection.delete(ids=gone)
    if store._collection.count() != len(keep):  # leftovers of a killed build whose plan changed since
        stray = [i for i in store._collection.get(include=[])["ids"] if i not in keep]
        if stray:
            store._collection.delete(ids=stray)
    _prune_generations(root)
    try:
        write_manifest(manifest, corpus_dir)
    except OSError as err:  # a read-only corpus folder still indexes
        log.warning("could not write manifest to %s: %s", corpus_dir, err)
    report.indexed = sorted(plans)
    report.total_chunks = len(all_chunks)
    return report


def _prune_generations(root: Path) -> None:
    current = (root / "CURRENT").read_text("utf-8").strip()
    folders = sorted((p for p in (root / "generations").iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    old = [p for p in folders if p.name != current]
    for folder in old[: max(0, len(old) - (KEEP_GENERATIONS - 1))]:
        shutil.rmtree(folder, ignore_errors=True)


def _fingerprint(item: LoadedDoc, overrides: dict) -> str:
    patch = overrides.get(item.doc.doc_id)
    if not patch:
        return item.doc.sha256
    extra = hashlib.sha256(json.dumps(patch, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return f"{item.doc.sha256}+{extra}"


def _write_bm25(root: Path, texts: list[str]) -> None:
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([lexical_tokens(t) or ["_"] for t in texts], show_progress=False)
    retriever.save(str(root / "bm25"), show_progress=False)


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
    """An index opened for querying: one complete generation's chunks, plans, BM25 and texts, the
    vector store, and the structures precomputed for it at index time."""

    def __init__(self, settings: Settings, embedder: Embedder, *, generation: Path | None = None, store=None) -> None:
        root = generation or current_generation(settings.index_path)
        if root is None or not (root / "bm25").exists():
            raise IndexMissing(phrases.NO_INDEX)
        import bm25s

        self.settings = settings
        self.embedder = embedder
        self.root = root
        self.chunks = _read_chunks(root)
        self.plans = _read_manifest(root)
        self.by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self._by_plan: dict[str, list[Chunk]] = {}
        for c in self.chunks:
            self._by_plan.setdefault(c.doc_id, []).append(c)
        self.bm25 = bm25s.BM25.load(str(root / "bm25"), show_progress=False)
        self.store = store if store is not None else vector_store(settings)
        self._by_vector: dict[str, list[int]] | None = None
        self._texts: dict[str, str] = {}
        self._parsed: dict[str, ParsedDocument] = {}
        self._derived: dict[str, object] = {}

    @property
    def by_vector(self) -> dict[str, list[int]]:
        """Vector id in the store -> positions of the chunks embedded with that exact text."""
        if self._by_vector is None:
            out: dict[str, list[int]] = {}
            for i, vid in enumerate(self.vector_ids):
                out.setdefault(vid, []).append(i)
            self._by_vector = out
        return self._by_vector

    @property
    def vector_ids(self) -> list[str]:
        """Each chunk's vector id, aligned with self.chunks (stored with the generation)."""
        label = self.settings.embed_plan_label
        return self.derived("vector_ids", lambda: [vector_id(c.embed_text(self.plans[c.doc_id], label)) for c in self.chunks])

    def plan_vectors(self, doc_ids: tuple[str, ...]):
        """(positions, unit vectors) of those plans' chunks, read from the store once: a search
        restricted to named plans scores every one of their passages exactly, so it never
        depends on how the approximate index over the whole corpus happens to be built."""
        def compute():
            import numpy as np

            positions = [self.by_id[c.chunk_id] for d in doc_ids for c in self.chunks_of(d)]
            ids = [self.vector_ids[i] for i in positions]
            got = self.store._collection.get(ids=list(dict.fromkeys(ids)), include=["embeddings"])
            vectors = {i: v for i, v in zip(got["ids"], got["embeddings"])}
            keep = [(p, vectors[v]) for p, v in zip(positions, ids) if v in vectors]
            if not keep:
                return [], np.zeros((0, 1), dtype=np.float32)
            return [p for p, _ in keep], np.asarray([v for _, v in keep], dtype=np.float32)

        if len(self._derived) > 4096:  # a long-running app: drop the per-plan caches now and then
            self._derived = {k: v for k, v in self._derived.items() if isinstance(k, str)}
        return self.derived(("plan_vectors", doc_ids), compute)

    def derived(self, name: str, compute: Callable[[], object]) -> object:
        """A value computed once from this index's contents (records, name words…): read from
        derived/NAME.pkl when the build precomputed it, else computed now and kept in memory."""
        if name not in self._derived:
            path = self.root / "derived" / f"{name}.v{derived_stamp()}.pkl" if isinstance(name, str) else None
            if path is not None and path.exists():
                with open(path, "rb") as f:
                    self._derived[name] = pickle.load(f)
            else:
                self._derived[name] = compute()
        return self._derived[name]

    def save_derived(self, name: str) -> None:
        """Persist a computed value with this generation (used at index time only)."""
        folder = self.root / "derived"
        folder.mkdir(exist_ok=True)
        with open(folder / f"{name}.v{derived_stamp()}.pkl", "wb") as f:
            pickle.dump(self._derived[name], f, protocol=pickle.HIGHEST_PROTOCOL)

    def plan_bm25(self, doc_ids: tuple[str, ...]):
        """(BM25 over those plans' chunks alone, their positions in self.chunks): a search restricted
        to named plans scores words by those plans' own statistics, so adding other plans to the
        corpus never reorders its results. Built on first use for each set of plans."""
        def compute():
            import bm25s

            positions = [self.by_id[c.chunk_id] for d in doc_ids for c in self.chunks_of(d)]
            retriever = bm25s.BM25()
            retriever.index([lexical_tokens(self.chunks[i].index_text(self.plans[self.chunks[i].doc_id])) or ["_"]
                             for i in positions], show_progress=False)
            return retriever, positions

        return self.derived(("plan_bm25", doc_ids), compute)

    def postings(self, token: str):
        """Positions of the chunks whose BM25 tokens include `token` (bm25s keeps them per token)."""
        import numpy as np

        v = self.bm25.vocab_dict.get(token)
        if v is None:
            return np.zeros(0, dtype=np.int64)
        scores = self.bm25.scores
        return scores["indices"][scores["indptr"][v] : scores["indptr"][v + 1]]

    def chunks_with(self, phrases: list[list[str]]) -> dict[str, list[Chunk]]:
        """The passages that hold every token of at least one of the phrases, by plan, in
        manifest order (from the BM25 postings; a superset of those that print the phrase)."""
        import numpy as np

        found: set[int] = set()
        for tokens in phrases:
            lists = sorted((self.postings(t) for t in tokens), key=len)
            if not tokens or not len(lists[0]):
                continue
            common = lists[0]
            for other in lists[1:]:
                common = np.intersect1d(common, other, assume_unique=True)
                if not len(common):
                    break
            found.update(int(i) for i in common)
        by_plan: dict[str, list[Chunk]] = {}
        for i in sorted(found):
            by_plan.setdefault(self.chunks[i].doc_id, []).append(self.chunks[i])
        order = self.derived("plan_order", lambda: {d: n for n, d in enumerate(self.plans)})
        return dict(sorted(by_plan.items(), key=lambda item: order[item[0]]))

    def plans_with(self, phrases: list[list[str]]) -> list[str]:
        """Plans with a passage that holds every token of at least one of the phrases (tokens as
        `lexical_tokens` makes them), in manifest order. Read from the BM25 postings: the cost
        follows the rarest token's hits, not the number of plans. A superset of the plans that
        print the phrase, for the caller to check."""
        return list(self.chunks_with(phrases))

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = (self.root / "texts" / f"{doc_id}.txt").read_text("utf-8")
        return self._texts[doc_id]

    def parsed(self, doc_id: str) -> ParsedDocument:
        if doc_id not in self._parsed:
            self._parsed[doc_id] = parse(self.text(doc_id))
        return self._parsed[doc_id]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        return self._by_plan.get(doc_id, [])


def corpus_changed(settings: Settings) -> bool:
    """Do the corpus folder's plan files differ from those the current generation indexed (a
    file added, removed or edited)? False when there is no index yet."""
    previous = current_generation(settings.index_path)
    if previous is None:
        return False
    state = json.loads((previous / "state.json").read_text("utf-8"))
    indexed = {v.get("source"): str(v.get("sha256", "")).split("+")[0] for v in state.values()}
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in list_plan_files(settings.corpus_dir)}
    return found != indexed


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
