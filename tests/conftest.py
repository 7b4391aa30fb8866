"""Shared fixtures.

Every test runs with the network blocked (loopback and unix sockets stay open, so a test may
start a local server), offline model hubs, and no ASSISTANT_* settings leaking in from the
developer's shell. Tests that index use a *copy* of corpus/ because build_index writes
corpus/manifest.json next to the plans.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

# Set at import time, before any test module imports transformers / huggingface_hub / chromadb.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant.embeddings import FakeEmbedder as _FakeEmbedder  # noqa: E402 — after the offline settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NETWORK_DISABLED = "network disabled in tests"

# doc_ids of the five real plans in corpus/
BA_DINH = "da-2921-ubnd-ba-dinh-2021"
PHONG_DIEN = "kh-118-ubnd-phong-dien-2024"
PHU_THANH_B = "kh-127-mnptb-phu-thanh-b-2021"
CAO_DUONG = "kh-th-cao-duong-2022"
TUAN_GIAO = "kh-ubnd-tuan-giao-2020"
ALL_PLANS = [BA_DINH, PHONG_DIEN, PHU_THANH_B, CAO_DUONG, TUAN_GIAO]


# ----------------------------------------------------------------------------- network guard
def _is_loopback_host(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if not isinstance(host, str):
        return False
    host = host.strip("[]").split("%", 1)[0]  # "[::1]", "fe80::1%eth0"
    if host.lower() in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # any other host name would need DNS and the outside world


def _is_local(address, family=None) -> bool:
    """Loopback IPv4/IPv6 or a unix socket path; everything else is the network."""
    if family is not None and family == getattr(socket, "AF_UNIX", object()):
        return True
    if isinstance(address, (str, bytes)):
        return True  # a unix socket path (AF_INET addresses are always tuples)
    if isinstance(address, tuple) and address:
        return _is_loopback_host(address[0])
    return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Tests must never reach the internet: only loopback and unix-socket connections are allowed."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection

    def guarded_connect(self, address):
        if _is_local(address, self.family):
            return real_connect(self, address)
        raise RuntimeError(f"{NETWORK_DISABLED}: {address!r}")

    def guarded_connect_ex(self, address):
        if _is_local(address, self.family):
            return real_connect_ex(self, address)
        raise RuntimeError(f"{NETWORK_DISABLED}: {address!r}")

    def guarded_create(address, *args, **kwargs):
        if _is_local(address):
            return real_create(address, *args, **kwargs)
        raise RuntimeError(f"{NETWORK_DISABLED}: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", guarded_create)


def _settings_env_names() -> list[str]:
    from assistant.settings import Settings

    return [f"ASSISTANT_{name.upper()}" for name in Settings.model_fields]


def _clear_settings_env(mp: pytest.MonkeyPatch) -> None:
    for name in _settings_env_names():
        mp.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def clean_settings_env(monkeypatch):
    """Settings read ASSISTANT_* variables; the developer's shell must not change test results.

    Only the Settings fields are cleared (ASSISTANT_MODEL_CACHE, read by assistant.models, stays).
    """
    _clear_settings_env(monkeypatch)


# ----------------------------------------------------------------------------- corpus and index
class CountingEmbedder(_FakeEmbedder):
    """The fake embedder, remembering every passage it was asked to embed."""

    def __init__(self):
        super().__init__()
        self.passages: list[str] = []

    def embed_passages(self, texts, show_progress=False):
        self.passages.extend(texts)
        return super().embed_passages(texts)


def copy_corpus(dest: Path) -> Path:
    """The real plan files (not the generated manifest) copied into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, dest / f.name)
    return dest


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The repository's corpus/ folder (read only: never index it in place)."""
    return CORPUS


@pytest.fixture
def fake_settings(tmp_path):
    """Settings for the fake embedder over a private copy of the corpus."""
    from assistant.settings import Settings

    return Settings(corpus_dir=copy_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index", embed_model="fake")


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory):
    """The real five plans indexed with the deterministic fake embedder (built once, ~2 s).

    Read-only for tests: build your own (fake_settings + build_index) to change anything.
    """
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("fake")
    with pytest.MonkeyPatch.context() as mp:
        _clear_settings_env(mp)
        settings = Settings(corpus_dir=copy_corpus(base / "corpus"), index_dir=base / "index", embed_model="fake")
    embedder = FakeEmbedder()
    build_index(settings, embedder, progress=False, echo=lambda m: None)
    return PlanIndex(settings, embedder)


@pytest.fixture
def fake_assistant(fake_index):
    from assistant.answering import Assistant

    return Assistant(fake_index)
