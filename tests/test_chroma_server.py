"""The index on a real `chroma run` server (the many-users setup), not only the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.answering import Assistant
from assistant.embeddings import FakeEmbedder
from assistant import phrases
from assistant.index import PlanIndex, StoreUnavailable, build_index, collection_name
from assistant.settings import Settings

from conftest import copy_corpus

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma CLI (chromadb package) is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [str(CHROMA if CHROMA.exists() else "chroma"), "run", "--path", str(tmp_path / "server"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"chroma run exited with {proc.returncode}")
                time.sleep(0.3)
        else:
            pytest.fail("chroma run did not start listening within 60 s")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_indexes_into_and_answers_from_a_chroma_server(tmp_path, chroma_server):
    settings = Settings(corpus_dir=copy_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index",
                        embed_model="fake", chroma_host="127.0.0.1", chroma_port=chroma_server)
    embedder = FakeEmbedder()
    report = build_index(settings, embedder, progress=False, echo=lambda m: None)
    assert report.embedded_chunks > 0
    # nothing vector-shaped was written locally: the vectors live on the server
    assert not (settings.index_path / "chroma").exists()

    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    collection = client.get_collection(collection_name(settings))
    # the collection name records the settings and this index's own id
    assert collection.name.startswith(settings.index_name()[-50:].strip("-"))
    assert (settings.index_path / "index_id").read_text("utf-8").strip() in collection.name
    assert collection.count() == report.total_chunks

    index = PlanIndex(settings, embedder)
    answer = Assistant(index).ask("Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?")
    assert not answer.abstained and "2023" in answer.answer
    assert answer.citations[0].section == "I.2"

    again = build_index(settings, embedder, progress=False, echo=lambda m: None)
    assert again.embedded_chunks == 0  # incremental on the server too


def test_two_indexes_on_one_server_keep_their_own_vectors(tmp_path, chroma_server):
    def settings_for(name: str, corpus: Path) -> Settings:
        return Settings(corpus_dir=corpus, index_dir=tmp_path / name, embed_model="fake",
                        chroma_host="127.0.0.1", chroma_port=chroma_server)

    corpus, smaller = copy_corpus(tmp_path / "corpus"), copy_corpus(tmp_path / "smaller")
    sorted(smaller.glob("*.txt"))[0].unlink()  # the second index has one plan fewer
    one, two = settings_for("one", corpus), settings_for("two", smaller)
    quiet = dict(progress=False, echo=lambda m: None)
    first = build_index(one, FakeEmbedder(), **quiet)
    second = build_index(two, FakeEmbedder(), **quiet)
    assert collection_name(one) != collection_name(two)
    assert second.embedded_chunks == second.total_chunks < first.total_chunks  # nothing borrowed, nothing deleted
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    assert client.get_collection(collection_name(one)).count() == first.total_chunks
    assert client.get_collection(collection_name(two)).count() == second.total_chunks
    # rebuilding either re-embeds nothing and leaves the other whole
    assert build_index(one, FakeEmbedder(), **quiet).embedded_chunks == 0
    assert build_index(two, FakeEmbedder(), **quiet).embedded_chunks == 0
    assert client.get_collection(collection_name(one)).count() == first.total_chunks


def test_a_server_that_is_down_gives_one_clear_line_and_exit_code(tmp_path):
    port = _free_port()  # nothing listens there
    settings = Settings(corpus_dir=copy_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index",
                        embed_model="fake", chroma_host="127.0.0.1", chroma_port=port)
    with pytest.raises(StoreUnavailable) as err:
        build_index(settings, FakeEmbedder(), progress=False, echo=lambda m: None)
    assert str(err.value).startswith("Không kết nối được máy chủ Chroma tại 127.0.0.1:")
    assert "\n" not in str(err.value)
    env = {**__import__("os").environ, "ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(port),
           "ASSISTANT_EMBED_MODEL": "fake", "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "index", "--corpus", str(settings.corpus_dir)],
                         capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 5, out.stderr
    assert "Traceback" not in out.stderr
    assert "Không kết nối được máy chủ Chroma" in out.stderr
