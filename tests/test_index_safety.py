"""assistant.index under crashes, races and bad input: generations, resume, one writer, caps."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from assistant import cli, phrases
from assistant.embeddings import FakeEmbedder
from assistant.index import IndexBusy, PlanIndex, build_index, current_generation, derived_stamp, vector_store, writer_lock
from conftest import ALL_PLANS, CAO_DUONG, ROOT, TUAN_GIAO, CountingEmbedder

QUIET = dict(progress=False, echo=lambda m: None)
ENV = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}


def _script(settings, body: str) -> str:
    return textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from assistant.embeddings import FakeEmbedder
        from assistant.index import build_index
        from assistant.settings import Settings
        s = Settings(corpus_dir=Path({str(settings.corpus_dir)!r}), index_dir=Path({str(settings.index_dir)!r}),
                     embed_model="fake", embed_batch_size=8)
    """) + textwrap.dedent(body)


def test_a_killed_build_resumes_embedding_only_what_it_had_not_stored(fake_settings):
    # a build that stores a batch of 8 passages every 0.2 s, killed with SIGKILL after a few batches
    code = _script(fake_settings, """
        import assistant.index
        assistant.index.STORE_BATCH = 8  # store every 8 passages, so there are many steps to kill in
        class Slow(FakeEmbedder):
            def embed_passages(self, texts, show_progress=False):
                time.sleep(0.2)
                print("batch", flush=True)
                return super().embed_passages(texts)
        build_index(s, Slow(), progress=False, echo=lambda m: None)
        print("finished", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    batches = 0
    for line in proc.stdout:
        batches += line.strip() == "batch"
        if batches == 6:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert batches == 6 and proc.returncode == -signal.SIGKILL
    assert current_generation(fake_settings.index_path) is None  # no half index is ever visible
    stored = vector_store(fake_settings)._collection.count()
    assert stored >= 5 * 8  # the batches stored before the kill stayed

    embedder = CountingEmbedder()
    report = build_index(fake_settings, embedder, **QUIET)
    assert report.embedded_chunks == len(embedder.passages) == report.total_chunks - stored
    index = PlanIndex(fake_settings, FakeEmbedder())
    assert sorted(index.plans) == sorted(ALL_PLANS)
    assert vector_store(fake_settings)._collection.count() == len(index.by_vector)


def test_a_build_killed_after_writing_keeps_the_last_complete_generation(fake_settings):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    before = current_generation(fake_settings.index_path)
    chunks_before = len(PlanIndex(fake_settings, FakeEmbedder()).chunks)
    plan = fake_settings.corpus_dir / f"{CAO_DUONG}.txt"
    plan.write_text(plan.read_text("utf-8") + "\nPhụ lục: bồi dưỡng kỹ năng số.\n", "utf-8")
    # killed while precomputing the new generation: CURRENT still names the old one
    code = _script(fake_settings, """
        import os, signal
        import assistant.precompute as pre
        pre.precompute = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        build_index(s, FakeEmbedder(), progress=False, echo=lambda m: None)
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert out.returncode == -signal.SIGKILL
    assert current_generation(fake_settings.index_path) == before
    assert len(PlanIndex(fake_settings, FakeEmbedder()).chunks) == chunks_before
    # the next build completes, re-embedding only the passage that changed
    embedder = CountingEmbedder()
    report = build_index(fake_settings, embedder, **QUIET)
    assert report.embedded_chunks == 0 or all("Cao Dương" in p for p in embedder.passages)
    assert "kỹ năng số" in PlanIndex(fake_settings, FakeEmbedder()).text(CAO_DUONG)


def test_asks_racing_an_index_build_never_fail(fake_settings):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    extra = fake_settings.corpus_dir
    writer = _script(fake_settings, """
        base = (s.corpus_dir / "kh-th-cao-duong-2022.txt").read_text("utf-8")
        for round in range(6):
            # each round adds a plan and edits another: vectors are added and deleted while asks run
            (s.corpus_dir / f"them-{round}.txt").write_text(base.replace("Cao Dương", f"Cao Dương {round}"), "utf-8")
            (s.corpus_dir / "kh-th-cao-duong-2022.txt").write_text(base + f"\\nGhi chú lần {round}.\\n", "utf-8")
            build_index(s, FakeEmbedder(), progress=False, echo=lambda m: None)
        print("writer done", flush=True)
    """)
    reader = _script(fake_settings, """
        from assistant.answering import Assistant
        from assistant.index import PlanIndex
        failures = asks = 0
        deadline = time.time() + float(sys.argv[1])
        questions = ["Trường Tiểu học Cao Dương bồi dưỡng giáo viên những nội dung gì?",
                     "Các kế hoạch nào nêu bồi dưỡng thường xuyên?",
                     "Ai ký Kế hoạch 118/KH-UBND của UBND huyện Phong Điền?"]
        while time.time() < deadline:
            for q in questions:
                asks += 1
                try:  # a new process per ask in real use: reopen the index every time
                    Assistant(PlanIndex(s, FakeEmbedder())).ask(q)
                except Exception as err:
                    failures += 1
                    print("FAILED", type(err).__name__, err, file=sys.stderr, flush=True)
        print(asks, failures, flush=True)
    """)
    w = subprocess.Popen([sys.executable, "-c", writer], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    r = subprocess.Popen([sys.executable, "-c", reader, "40"], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    w_out, w_err = w.communicate(timeout=300)
    r_out, r_err = r.communicate(timeout=300)
    assert w.returncode == 0, w_err[-2000:]
    assert "writer done" in w_out
    assert r.returncode == 0, r_err[-2000:]
    asks, failures = map(int, r_out.split()[-2:])
    assert asks >= 6 and failures == 0, [line for line in r_err.splitlines() if line.startswith("FAILED")][:5]
    assert len(PlanIndex(fake_settings, FakeEmbedder()).plans) == len(ALL_PLANS) + 6


def test_one_writer_at_a_time_with_a_clear_message(fake_settings, capsys, monkeypatch):
    with writer_lock(fake_settings.index_path):
        with pytest.raises(IndexBusy) as err:
            build_index(fake_settings, FakeEmbedder(), **QUIET)
        assert str(err.value) == phrases.INDEX_BUSY.format(path=fake_settings.index_path)
        monkeypatch.setattr("assistant.embeddings.make_embedder", lambda s: FakeEmbedder())
        monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "fake")  # the same index folder as fake_settings
        code = cli.main(["--index-dir", str(fake_settings.index_dir), "index", "--corpus", str(fake_settings.corpus_dir)])
        assert code == cli.EXIT_BUSY == 4
        assert "đang chạy" in capsys.readouterr().err
    assert build_index(fake_settings, FakeEmbedder(), **QUIET).indexed == sorted(ALL_PLANS)  # released


def test_a_duplicated_plan_text_is_reported_and_skipped(fake_settings):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    source = fake_settings.corpus_dir / f"{TUAN_GIAO}.txt"
    (fake_settings.corpus_dir / "ban-sao.txt").write_bytes(source.read_bytes())  # a copy added later
    report = build_index(fake_settings, FakeEmbedder(), **QUIET)
    assert report.indexed == sorted(ALL_PLANS)
    assert report.skipped == [phrases.SKIPPED_FILE.format(
        name="ban-sao.txt", reason=phrases.DUPLICATE_PLAN.format(other=f"{TUAN_GIAO}.txt"))]


def test_plans_over_the_size_caps_are_refused_with_a_message(fake_settings):
    small = fake_settings.model_copy(update={"max_plan_chunks": 30, "max_plan_mb": 0.03})
    report = build_index(small, FakeEmbedder(), **QUIET)
    assert report.skipped and len(report.indexed) + len(report.skipped) == len(ALL_PLANS)
    assert any("vượt giới hạn 30 đoạn" in line or "vượt giới hạn 0.03 MB" in line for line in report.skipped)
    for line in report.skipped:
        assert "ASSISTANT_MAX_PLAN" in line


def test_answers_need_no_plan_text_scan_after_indexing(fake_settings, monkeypatch):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    root = current_generation(fake_settings.index_path)
    for name in ("targets", "requirements", "diacritic_restorer", "name_phrases", "place_names"):
        assert (root / "derived" / f"{name}.v{derived_stamp()}.pkl").is_file(), name
    assert sorted(p.stem for p in (root / "records").glob("*.pkl")) == sorted(ALL_PLANS)
    # a fresh process reads the records and the restorer back instead of extracting them again
    import assistant.targets as targets
    import assistant.text as text

    monkeypatch.setattr(targets, "extract_targets", lambda *a: pytest.fail("targets re-extracted"))
    monkeypatch.setattr(text.DiacriticRestorer, "__init__", lambda *a, **k: pytest.fail("restorer rebuilt"))
    from assistant.answering import Assistant

    index = PlanIndex(fake_settings, FakeEmbedder())
    assert targets.plan_targets(index)
    answer = Assistant(index).ask("ke hoach nao co chi tieu giao vien dat chuan")
    assert answer.answer


def test_an_unchanged_plan_shares_its_records_and_text_with_the_last_generation(fake_settings):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    first = current_generation(fake_settings.index_path)
    plan = fake_settings.corpus_dir / f"{CAO_DUONG}.txt"
    plan.write_text(plan.read_text("utf-8") + "\nGhi chú.\n", "utf-8")
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    second = current_generation(fake_settings.index_path)
    assert second != first
    same = lambda name: os.path.samefile(first / name, second / name)  # noqa: E731 — a hard link
    assert same(f"texts/{TUAN_GIAO}.txt") and same(f"records/{TUAN_GIAO}.pkl")
    assert not same(f"texts/{CAO_DUONG}.txt") and not same(f"records/{CAO_DUONG}.pkl")


def test_old_generations_are_pruned(fake_settings):
    plan = fake_settings.corpus_dir / f"{CAO_DUONG}.txt"
    text = plan.read_text("utf-8")
    for i in range(5):
        plan.write_text(text + f"\nLần {i}.\n", "utf-8")
        build_index(fake_settings, FakeEmbedder(), **QUIET)
    folders = list((fake_settings.index_path / "generations").iterdir())
    assert len(folders) == 3 and current_generation(fake_settings.index_path) in folders


def test_a_question_with_bytes_that_are_not_utf8_gets_a_clear_message(capsys):
    bad = b"gi\xe1o vi\xean".decode("utf-8", "surrogateescape")  # what argv gives for Latin-1 bytes
    assert cli.main(["ask", bad]) == 2
    assert capsys.readouterr().err.strip() == phrases.BAD_QUESTION_BYTES
    raw = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", b"gi\xe1o vi\xean"], capture_output=True,
                         cwd=ROOT, env={**ENV, "LC_ALL": "C.UTF-8"}, timeout=60)
    assert raw.returncode == 2 and "Traceback" not in raw.stderr.decode("utf-8")
    assert phrases.BAD_QUESTION_BYTES in raw.stderr.decode("utf-8")


def test_a_question_about_all_plans_is_embedded_once_and_searched_once(fake_settings, monkeypatch):
    build_index(fake_settings, FakeEmbedder(), **QUIET)

    class Once(FakeEmbedder):
        queries = 0

        def embed_query(self, text):
            Once.queries += 1
            return super().embed_query(text)

    from assistant.answering import Assistant

    index = PlanIndex(fake_settings, Once())
    calls = []
    store_class = type(index.store)
    real_query = store_class.query
    monkeypatch.setattr(store_class, "query", lambda self, q, **kw: calls.append(q) or real_query(self, q, **kw))
    Assistant(index).ask("Các kế hoạch nào nêu bồi dưỡng thường xuyên cho giáo viên?")
    assert Once.queries == 1
    assert len(calls) == 1 and calls[0].filters is None  # one search over the corpus, not one per plan


def test_plans_with_finds_exactly_the_plans_printing_the_words(fake_settings):
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    index = PlanIndex(fake_settings, FakeEmbedder())
    from assistant.text import lexical_tokens

    phrase = ["cong", "thong", "tin"]
    found = index.plans_with([phrase])
    # the plans with a passage whose BM25 tokens (abbreviations spelled out, bare copies) hold them all
    expected = [d for d in index.plans if any(set(phrase) <= set(lexical_tokens(c.index_text(index.plans[d])))
                                              for c in index.chunks_of(d))]
    assert found == expected and found
    assert index.plans_with([["khongcotu"]]) == []


def test_the_web_app_answers_from_a_generation_written_beside_it(fake_settings):
    from assistant.answering import Assistant
    from assistant.ui import AppState

    build_index(fake_settings, FakeEmbedder(), **QUIET)
    state = AppState(assistant=Assistant(PlanIndex(fake_settings, FakeEmbedder())), settings=fake_settings)
    source = (fake_settings.corpus_dir / f"{CAO_DUONG}.txt").read_text("utf-8")
    (fake_settings.corpus_dir / "moi.txt").write_text(source.replace("Cao Dương", "Hòa Mỹ"), "utf-8")
    build_index(fake_settings, FakeEmbedder(), **QUIET)  # an operator's `assistant index`
    assert "moi" not in state.index.plans
    state.ask("Trường Tiểu học Hòa Mỹ bồi dưỡng giáo viên những gì?", [], None)
    assert "moi" in state.index.plans and state.index.root == current_generation(fake_settings.index_path)


def test_a_changed_vocabulary_finds_the_records_again(fake_settings, monkeypatch):
    """Records found with an older targets/lexicon vocabulary are not served or reused."""
    import assistant.index as index_module

    build_index(fake_settings, FakeEmbedder(), **QUIET)
    first = current_generation(fake_settings.index_path)
    monkeypatch.setattr(index_module, "derived_stamp", lambda: "2-changed0")
    monkeypatch.setattr("assistant.precompute.derived_stamp", lambda: "2-changed0")
    plan = fake_settings.corpus_dir / f"{CAO_DUONG}.txt"
    plan.write_text(plan.read_text("utf-8") + "\nGhi chú.\n", "utf-8")
    build_index(fake_settings, FakeEmbedder(), **QUIET)
    second = current_generation(fake_settings.index_path)
    assert not os.path.samefile(first / f"records/{TUAN_GIAO}.pkl", second / f"records/{TUAN_GIAO}.pkl")
    assert (second / "derived" / "targets.v2-changed0.pkl").is_file()
