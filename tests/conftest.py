"""Shared fixtures. Every test runs with the network blocked (loopback stays open)."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)) and not isinstance(address, tuple):
        return True  # unix socket path
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Tests must never reach the internet: only loopback connections are allowed."""
    real_connect = socket.socket.connect
    real_create = socket.create_connection

    def guarded_connect(self, address):
        if self.family == socket.AF_UNIX or _is_local(address):
            return real_connect(self, address)
        raise RuntimeError(f"network disabled in tests: {address!r}")

    def guarded_create(address, *args, **kwargs):
        if _is_local(address):
            return real_create(address, *args, **kwargs)
        raise RuntimeError(f"network disabled in tests: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create)


def copy_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, dest / f.name)
    return dest


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory):
    """The real five plans indexed with the deterministic fake embedder (fast)."""
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("fake")
    settings = Settings(corpus_dir=copy_corpus(base / "corpus"), index_dir=base / "index", embed_model="fake")
    embedder = FakeEmbedder()
    build_index(settings, embedder, progress=False, echo=lambda m: None)
    return PlanIndex(settings, embedder)


@pytest.fixture
def fake_assistant(fake_index):
    from assistant.answering import Assistant

    return Assistant(fake_index)
