"""assistant.index with the fake embedder: incremental builds, bad files, settings-named folders, Chroma on disk."""

import json
import subprocess
import sys
import textwrap

import pytest

from assistant import phrases
from assistant.embeddings import FakeEmbedder
from assistant.index import (IndexMissing, PlanIndex, build_index, chroma_client, current_generation, open_or_build,
                             vector_id, vector_store)
from assistant.question import named_plans
from assistant.settings import Settings
from conftest import ALL_PLANS, CAO_DUONG, ROOT, TUAN_GIAO, CountingEmbedder

QUIET = dict(progress=False, echo=lambda m: None)


def store_count(settings) -> int:
    return vector_store(settings)._collection.count()


def store_ids(settings) -> set[str]:
    return set(vector_store(settings)._collection.get(include=[])["ids"])


@pytest.fixture
def built(fake_settings):
    """A fresh index of the five plans (≈2 s); returns (settings, embedder, first report)."""
    embedder = CountingEmbedder()
    report = build_index(fake_settings, embedder, **QUIET)
    embedder.passages.clear()
    return fake_settings, embedder, report


def test_first_build_embeds_every_chunk_of_every_plan(built):
    settings, _, report = built
    assert report.indexed == sorted(ALL_PLANS)
    assert report.embedded_chunks == report.total_chunks > 100
    assert report.skipped == [] and report.removed == []
    index = PlanIndex(settings, FakeEmbedder())
    assert len(index.chunks) == report.total_chunks == store_count(settings)
    # a vector's id is the hash of the very text embedded
    assert store_ids(settings) == set(index.by_vector) == {vector_id(c.embed_text(index.plans[c.doc_id])) for c in index.chunks}
    assert sorted(index.plans) == sorted(ALL_PLANS)
    assert report.summary() == phrases.INDEX_SUMMARY.format(docs=5, chunks=report.total_chunks, embedded=report.total_chunks, removed=0)


def test_reindexing_an_unchanged_corpus_embeds_nothing(built):
    settings, embedder, first = built
    again = build_index(settings, embedder, **QUIET)
    assert again.embedded_chunks == 0
    assert embedder.passages == []  # the model is not even called
    assert again.total_chunks == first.total_chunks == store_count(settings)


def plan_vector_ids(settings, doc_id) -> set[str]:
    index = PlanIndex(settings, FakeEmbedder())
    return {vector_id(c.embed_text(index.plans[doc_id])) for c in index.chunks_of(doc_id)}


def test_changing_one_file_reembeds_only_its_changed_passages(built):
    settings, embedder, first = built
    others_before = store_ids(settings) - plan_vector_ids(settings, CAO_DUONG)
    plan = settings.corpus_dir / f"{CAO_DUONG}.txt"
    original = plan.read_text("utf-8")
    marker = "V. TỔ CHỨC THỰC HIỆN\n"
    assert marker in original
    plan.write_text(original.replace(marker, marker + "\tBồi dưỡng kỹ năng chuyển đổi số cho giáo viên.\n"), "utf-8")

    report = build_index(settings, embedder, **QUIET)
    index = PlanIndex(settings, FakeEmbedder())
    ours = index.chunks_of(CAO_DUONG)
    # only the passages whose text changed are embedded again; the rest of the plan keeps its vectors
    assert 1 <= report.embedded_chunks == len(embedder.passages) < len(ours)
    assert all("Cao Dương" in p for p in embedder.passages)  # every re-embedded passage is from that plan
    assert any("chuyển đổi số" in p for p in embedder.passages)
    assert any(c.section == "V" and "chuyển đổi số" in c.text for c in ours)
    assert store_count(settings) == len(index.chunks)
    assert store_ids(settings) - plan_vector_ids(settings, CAO_DUONG) == others_before
    assert "chuyển đổi số" in index.text(CAO_DUONG)


def test_removing_a_file_removes_its_vectors_chunks_and_text(built):
    settings, embedder, first = built
    before = store_count(settings)
    ours = plan_vector_ids(settings, CAO_DUONG)
    (settings.corpus_dir / f"{CAO_DUONG}.txt").unlink()

    report = build_index(settings, embedder, **QUIET)
    assert report.removed == [CAO_DUONG]
    assert report.embedded_chunks == 0
    index = PlanIndex(settings, FakeEmbedder())
    assert store_count(settings) == before - len(ours) == len(index.chunks)
    assert not store_ids(settings) & ours
    assert index.chunks_of(CAO_DUONG) == []
    assert CAO_DUONG not in index.plans
    assert not (current_generation(settings.index_path) / "texts" / f"{CAO_DUONG}.txt").exists()
    manifest = json.loads((settings.corpus_dir / "manifest.json").read_text("utf-8"))
    assert CAO_DUONG not in manifest


@pytest.mark.parametrize(
    "name,data,problem",
    [("hong-utf16.txt", "Kế hoạch bồi dưỡng giáo viên".encode("utf-16"), phrases.ERR_UTF16),
     ("trong.txt", b"", phrases.ERR_EMPTY)],
)
def test_a_broken_file_is_skipped_with_a_line_naming_it(fake_settings, name, data, problem):
    (fake_settings.corpus_dir / name).write_bytes(data)
    lines: list[str] = []
    report = build_index(fake_settings, FakeEmbedder(), progress=False, echo=lines.append)
    assert report.indexed == sorted(ALL_PLANS)
    assert len(report.skipped) == 1
    assert report.skipped[0].startswith(f"Bỏ qua {name}: {problem}")
    assert [l for l in lines if l.startswith("Bỏ qua")] == report.skipped  # echoed as it happens, one line
    assert "\n" not in lines[0]


def test_a_plan_that_breaks_later_keeps_its_indexed_version(built):
    settings, embedder, first = built
    plan = settings.corpus_dir / f"{CAO_DUONG}.txt"
    plan.write_bytes(b"\x00\x01 binary garbage")
    lines: list[str] = []
    report = build_index(settings, embedder, progress=False, echo=lines.append)
    assert any(f"{CAO_DUONG}.txt" in line for line in lines)
    assert CAO_DUONG in report.indexed
    assert report.removed == []
    index = PlanIndex(settings, FakeEmbedder())
    assert index.chunks_of(CAO_DUONG)
    assert store_count(settings) == first.total_chunks
    assert index.plans[CAO_DUONG].school  # its manifest entry survives too


def test_two_files_with_the_same_id_index_one_and_name_the_other(fake_settings):
    (fake_settings.corpus_dir / f"{CAO_DUONG}.md").write_text("KẾ HOẠCH\nI. MỤC TIÊU\n1. Một mục tiêu khác hẳn.\n", "utf-8")
    report = build_index(fake_settings, FakeEmbedder(), **QUIET)
    assert len(report.skipped) == 1
    assert report.skipped[0].startswith("Bỏ qua kh-th-cao-duong-2022.")
    assert CAO_DUONG in report.skipped[0]
    assert report.indexed == sorted(ALL_PLANS)


def test_a_new_file_with_an_indexed_plans_id_does_not_replace_it(built):
    settings, embedder, _ = built
    (settings.corpus_dir / f"{CAO_DUONG}.md").write_text("KẾ HOẠCH\nI. MỤC TIÊU\n1. Một mục tiêu khác hẳn.\n", "utf-8")
    report = build_index(settings, embedder, **QUIET)
    assert report.skipped and report.skipped[0].startswith(f"Bỏ qua {CAO_DUONG}.md")
    chunks = PlanIndex(settings, FakeEmbedder()).chunks_of(CAO_DUONG)
    assert any("Cao Dương" in c.text for c in chunks)


def test_overrides_are_applied_when_indexing(fake_settings):
    (fake_settings.corpus_dir / "manifest.overrides.json").write_text(
        json.dumps({TUAN_GIAO: {"number": "999/KH-UBND"}}), "utf-8"
    )
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    assert PlanIndex(fake_settings, FakeEmbedder()).plans[TUAN_GIAO].number == "999/KH-UBND"
    written = json.loads((fake_settings.corpus_dir / "manifest.json").read_text("utf-8"))
    assert written[TUAN_GIAO]["number"] == "999/KH-UBND"


def test_an_overridden_number_names_the_plan(fake_settings):
    (fake_settings.corpus_dir / "manifest.overrides.json").write_text(
        json.dumps({TUAN_GIAO: {"number": "999/KH-UBND"}}), "utf-8"
    )
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    plans = PlanIndex(fake_settings, FakeEmbedder()).plans
    assert named_plans("Kế hoạch 999/KH-UBND đặt mục tiêu gì?", plans) == [TUAN_GIAO]


def test_changing_overrides_refreshes_the_stored_passages(built):
    settings, embedder, _ = built
    settings = settings.model_copy(update={"embed_plan_label": True})  # the label is embedded only then
    build_index(settings, embedder, **QUIET)
    (settings.corpus_dir / "manifest.overrides.json").write_text(
        json.dumps({TUAN_GIAO: {"number": "999/KH-UBND"}}), "utf-8"
    )
    build_index(settings, embedder, **QUIET)
    index = PlanIndex(settings, FakeEmbedder())
    chunk = index.chunks_of(TUAN_GIAO)[3]
    stored = vector_store(settings)._collection.get(ids=[vector_id(chunk.index_text(index.plans[TUAN_GIAO]))],
                                                    include=["documents"])
    assert "999/KH-UBND" in stored["documents"][0]


def test_index_name_changes_with_the_settings_that_shape_vectors(tmp_path):
    base = Settings(index_dir=tmp_path)
    assert base.index_name() == Settings(index_dir=tmp_path / "other").index_name()  # not where, only what
    changed = [
        Settings(index_dir=tmp_path, embed_model="intfloat/multilingual-e5-base"),
        Settings(index_dir=tmp_path, chunk_max_chars=500),
        Settings(index_dir=tmp_path, query_prefix="", passage_prefix=""),
        Settings(index_dir=tmp_path, word_segmentation=True),
        Settings(index_dir=tmp_path, embed_backend="torch" if base.embed_backend != "torch" else "onnx-int8"),
    ]
    names = {s.index_name() for s in changed}
    assert base.index_name() not in names and len(names) == len(changed)
    assert Settings(index_dir=tmp_path, chunk_max_chars=500).index_name() == Settings(
        index_dir=tmp_path, chunk_max_chars=500
    ).index_name()  # deterministic
    assert "-c500-" in Settings(index_dir=tmp_path, chunk_max_chars=500).index_name()
    assert base.index_path == tmp_path / base.index_name()
    assert Settings(index_dir=tmp_path, top_k=3).index_name() == base.index_name()  # query-time only


def test_settings_come_from_assistant_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_CHUNK_MAX_CHARS", "500")
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "fake")
    s = Settings(index_dir=tmp_path)
    assert (s.chunk_max_chars, s.embed_model) == (500, "fake")


def test_a_different_chunk_size_builds_a_separate_index(fake_settings):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    small = fake_settings.model_copy(update={"chunk_max_chars": 400})
    report = build_index(small, FakeEmbedder(), **QUIET)
    assert report.embedded_chunks == report.total_chunks  # nothing reused from the 900-char index
    assert small.index_path != fake_settings.index_path
    assert len(PlanIndex(small, FakeEmbedder()).chunks) > len(PlanIndex(fake_settings, FakeEmbedder()).chunks)


def test_opening_a_missing_index_says_how_to_build_it(fake_settings):
    with pytest.raises(IndexMissing) as err:
        PlanIndex(fake_settings, FakeEmbedder())
    assert str(err.value) == phrases.NO_INDEX
    with pytest.raises(IndexMissing):
        open_or_build(fake_settings, FakeEmbedder(), build_if_missing=False)


def test_open_or_build_builds_once_and_says_so(fake_settings):
    lines: list[str] = []
    embedder = CountingEmbedder()
    index = open_or_build(fake_settings, embedder, echo=lines.append)
    assert lines[0] == phrases.BUILDING_INDEX
    assert sorted(index.plans) == sorted(ALL_PLANS)
    embedder.passages.clear()
    open_or_build(fake_settings, embedder, echo=lines.append)
    assert embedder.passages == [] and lines.count(phrases.BUILDING_INDEX) == 1


def test_the_chroma_store_is_a_persistent_folder_on_disk(built):
    settings, _, first = built
    folder = settings.index_path / "chroma"
    assert (folder / "chroma.sqlite3").is_file()
    client = chroma_client(settings)
    assert client.get_settings().is_persistent
    assert client.get_settings().persist_directory == str(folder)
    # A separate process (no in-memory cache) reads the same vectors from the folder.
    code = textwrap.dedent(
        f"""
        import chromadb
        from chromadb.config import Settings
        client = chromadb.PersistentClient(path={str(folder)!r}, settings=Settings(anonymized_telemetry=False))
        print(client.get_collection("chunks").count())
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) == first.total_chunks


def test_a_lost_vector_store_is_rebuilt_in_full(built):
    settings, _, first = built
    import shutil

    shutil.rmtree(settings.index_path / "chroma")
    # a new process, as after a crash or a deleted folder (this process caches the old client)
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from assistant.embeddings import FakeEmbedder
        from assistant.index import build_index
        from assistant.settings import Settings
        s = Settings(corpus_dir=Path({str(settings.corpus_dir)!r}), index_dir=Path({str(settings.index_dir)!r}), embed_model="fake")
        print(build_index(s, FakeEmbedder(), progress=False, echo=lambda m: None).embedded_chunks)
        """
    )
    env_clean = {k: v for k, v in __import__("os").environ.items() if not k.startswith("ASSISTANT_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env_clean)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip().splitlines()[-1]) == first.total_chunks


def test_index_folder_layout(built):
    settings, _, _ = built
    assert (settings.index_path / "chroma").is_dir() and (settings.index_path / "index_id").is_file()
    root = current_generation(settings.index_path)
    assert root.parent == settings.index_path / "generations"
    assert (settings.index_path / "CURRENT").read_text("utf-8").strip() == root.name
    for name in ("bm25", "chunks.jsonl", "manifest.json", "state.json", "texts", "records", "derived"):
        assert (root / name).exists(), name
    assert sorted(p.stem for p in (root / "texts").glob("*.txt")) == sorted(ALL_PLANS)
    state = json.loads((root / "state.json").read_text("utf-8"))
    assert set(state) == set(ALL_PLANS) and all(len(v["sha256"]) == 64 for v in state.values())
