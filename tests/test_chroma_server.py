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
from assistant.index import PlanIndex, build_index
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
    collection = client.get_collection(settings.index_name())  # the collection name records the settings
    assert collection.count() == report.total_chunks

    index = PlanIndex(settings, embedder)
    answer = Assistant(index).ask("Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?")
    assert not answer.abstained and "2023" in answer.answer
    assert answer.citations[0].section == "I.2"

    again = build_index(settings, embedder, progress=False, echo=lambda m: None)
    assert again.embedded_chunks == 0  # incremental on the server too
