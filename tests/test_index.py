import shutil

from assistant.embeddings import FakeEmbedder
from assistant.index import PlanIndex, build_index, vector_store
from assistant.settings import Settings
from conftest import copy_corpus

QUIET = dict(progress=False, echo=lambda m: None)


def make(tmp_path, **kw):
    corpus = copy_corpus(tmp_path / "corpus")
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embed_model="fake", **kw), FakeEmbedder()


def test_reindexing_is_incremental(tmp_path):
    settings, emb = make(tmp_path)
    first = build_index(settings, emb, **QUIET)
    assert first.embedded_chunks == first.total_chunks > 100
    assert build_index(settings, emb, **QUIET).embedded_chunks == 0
    plan = settings.corpus_dir / "kh-th-cao-duong-2022.txt"
    plan.write_text(plan.read_text("utf-8") + "\nVI. BỔ SUNG\nMột mục mới.\n", "utf-8")
    again = build_index(settings, emb, **QUIET)
    ours = len(PlanIndex(settings, emb).chunks_of("kh-th-cao-duong-2022"))
    assert again.embedded_chunks == ours


def test_removed_plan_leaves_the_index(tmp_path):
    settings, emb = make(tmp_path)
    build_index(settings, emb, **QUIET)
    before = vector_store(settings)._collection.count()
    (settings.corpus_dir / "kh-th-cao-duong-2022.txt").unlink()
    report = build_index(settings, emb, **QUIET)
    assert report.removed == ["kh-th-cao-duong-2022"]
    index = PlanIndex(settings, emb)
    assert vector_store(settings)._collection.count() == len(index.chunks) < before
    assert "kh-th-cao-duong-2022" not in index.plans


def test_a_broken_file_is_reported_and_the_others_are_indexed(tmp_path):
    settings, emb = make(tmp_path)
    (settings.corpus_dir / "hong.txt").write_bytes("Kế hoạch".encode("utf-16"))
    (settings.corpus_dir / "trong.txt").write_bytes(b"")
    lines = []
    report = build_index(settings, emb, progress=False, echo=lines.append)
    assert len(report.indexed) == 5
    assert any("hong.txt" in line and "UTF-16" in line for line in lines)
    assert any("trong.txt" in line and "rỗng" in line for line in lines)


def test_a_plan_that_breaks_later_keeps_its_indexed_version(tmp_path):
    settings, emb = make(tmp_path)
    build_index(settings, emb, **QUIET)
    (settings.corpus_dir / "kh-th-cao-duong-2022.txt").write_bytes(b"\x00\x01binary")
    report = build_index(settings, emb, **QUIET)
    assert "kh-th-cao-duong-2022" in report.indexed
    assert PlanIndex(settings, emb).chunks_of("kh-th-cao-duong-2022")


def test_index_name_records_the_settings(tmp_path):
    base = Settings(index_dir=tmp_path)
    assert base.index_name() != Settings(index_dir=tmp_path, embed_model="intfloat/multilingual-e5-base").index_name()
    assert base.index_name() != Settings(index_dir=tmp_path, chunk_max_chars=500).index_name()


def test_vectors_live_in_a_real_chroma_folder_on_disk(tmp_path):
    settings, emb = make(tmp_path)
    build_index(settings, emb, **QUIET)
    assert (settings.index_path / "chroma" / "chroma.sqlite3").exists()
    shutil.rmtree(settings.index_path / "chroma")  # lost store: the next run rebuilds it fully
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # as a new process would see it
    assert build_index(settings, emb, **QUIET).embedded_chunks > 100
