"""assistant.jobs through the web app's upload functions: jobs queued, run one at a time, and a
failed job leaves the corpus as it was (run in-process with the fake embedder)."""

from __future__ import annotations

import pytest

from assistant import phrases, ui

PLAN = (
    "ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 77/KH-UBND\n"
    "Sơn Khê, ngày 5 tháng 3 năm 2024\nKẾ HOẠCH\nBồi dưỡng năng lực số cho giáo viên tiểu học\n"
    "I. CHỈ TIÊU\n1. Phấn đấu {pct} giáo viên tiểu học huyện Sơn Khê được bồi dưỡng năng lực số.\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Giáo dục và Đào tạo chủ trì tổ chức các lớp bồi dưỡng.\n"
)
QUESTION = "Huyện Sơn Khê phấn đấu bao nhiêu phần trăm giáo viên tiểu học được bồi dưỡng năng lực số?"


def _state(settings):
    from assistant.answering import Assistant
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index

    embedder = FakeEmbedder()
    build_index(settings, embedder, progress=False, echo=lambda m: None)
    return ui.AppState(assistant=Assistant(PlanIndex(settings, embedder)), settings=settings, in_process_jobs=True)


def _upload(tmp_path, name="Kế hoạch Sơn Khê.txt", pct="85%"):
    path = tmp_path / "up" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(PLAN.format(pct=pct), "utf-8")
    return path


def test_an_upload_is_queued_at_once_and_indexed_by_its_job(fake_settings, tmp_path):
    state = _state(fake_settings)
    job = ui.submit_upload(state, _upload(tmp_path), user="binh")
    assert job.kind == "add" and job.user == "binh" and job.status in ("queued", "running", "done")
    assert state.job_queue().wait(120)
    assert job.status == "done" and job.progress == 1.0, job.message
    message = ui.job_done_message(state, job)
    assert "77/KH-UBND" in message
    assert "85%" in state.ask(QUESTION, [], None).answer
    assert not [p for p in fake_settings.corpus_dir.iterdir() if p.name.startswith(".")]  # no leftovers


def test_a_replacement_is_indexed_and_a_failed_one_puts_the_old_plan_back(fake_settings, tmp_path):
    state = _state(fake_settings)
    ui.add_plan(state, _upload(tmp_path))
    with pytest.raises(ui.UploadError, match="Đã có kế hoạch"):
        ui.submit_upload(state, _upload(tmp_path, pct="90%"))
    doc_id, _ = ui.add_plan(state, _upload(tmp_path, pct="90%"), replace=True)
    assert "90%" in state.ask(QUESTION, [], None).answer
    broken = tmp_path / "up" / "Kế hoạch Sơn Khê.txt"
    broken.write_bytes("Kế hoạch\n".encode("utf-16"))
    with pytest.raises(ui.UploadError, match="UTF-16"):
        ui.add_plan(state, broken, replace=True)
    text = (fake_settings.corpus_dir / "Kế hoạch Sơn Khê.txt").read_text("utf-8")
    assert "90%" in text and doc_id in state.index.plans
    assert not [p for p in fake_settings.corpus_dir.iterdir() if p.name.startswith(".")]


def test_a_removal_takes_the_plan_out_of_answers(fake_settings, tmp_path):
    state = _state(fake_settings)
    doc_id, _ = ui.add_plan(state, _upload(tmp_path))
    job = ui.submit_removal(state, doc_id, user="binh")
    assert state.job_queue().wait(120) and job.status == "done", job.message
    state.follow_index()
    assert doc_id not in state.index.plans
    assert not (fake_settings.corpus_dir / "Kế hoạch Sơn Khê.txt").exists()
    assert not [p for p in fake_settings.corpus_dir.iterdir() if p.name.startswith(".")]
    with pytest.raises(ui.UploadError):
        ui.submit_removal(state, doc_id)


def test_an_upload_over_the_chunk_cap_fails_before_embedding_and_leaves_nothing(fake_settings, tmp_path):
    settings = fake_settings.model_copy(update={"upload_max_chunks": 1})
    state = _state(settings)
    before = sorted(p.name for p in settings.corpus_dir.iterdir())
    with pytest.raises(ui.UploadError, match="vượt giới hạn 1 đoạn"):
        ui.add_plan(state, _upload(tmp_path))
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == before


def test_a_pdf_over_the_page_cap_is_refused_before_it_is_saved(fake_settings, tmp_path):
    from pypdf import PdfWriter

    settings = fake_settings.model_copy(update={"upload_max_pages": 3})
    state = _state(settings)
    path = tmp_path / "dai.pdf"
    writer = PdfWriter()
    for _ in range(5):
        writer.add_blank_page(width=200, height=200)
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(ui.UploadError, match="5 trang, vượt giới hạn 3 trang"):
        ui.submit_upload(state, path)
    assert not (settings.corpus_dir / "dai.pdf").exists()
    assert state.jobs is None


def test_a_second_upload_of_the_same_file_waits_for_the_first(fake_settings, tmp_path):
    state = _state(fake_settings)
    first = ui.submit_upload(state, _upload(tmp_path))
    if first.active:
        with pytest.raises(ui.UploadError, match="đang chờ lập chỉ mục"):
            ui.submit_upload(state, _upload(tmp_path), replace=True)
    assert state.job_queue().wait(120) and first.status == "done"


def test_the_job_list_shows_kind_status_and_progress_escaped():
    from assistant.jobs import Job

    jobs = [Job(id="a1", kind="add", name="<b>x</b>.txt", doc_id="x", status="running", progress=0.5,
                stage=phrases.JOB_STAGE_EMBED),
            Job(id="b2", kind="remove", name="y.txt", doc_id="y", status="failed", message="lỗi <i>")]
    out = ui.jobs_html(jobs)
    assert "&lt;b&gt;x&lt;/b&gt;" in out and "<b>x</b>" not in out and "lỗi &lt;i&gt;" in out
    assert 'value="50"' in out and phrases.JOB_STAGE_EMBED in out and phrases.JOB_KINDS["remove"] in out
    assert phrases.JOBS_EMPTY in ui.jobs_html([])


def test_a_broken_upload_is_explained_in_web_words_without_server_paths(fake_settings, tmp_path):
    state = _state(fake_settings)
    fake = tmp_path / "up" / "hong.docx"
    fake.parent.mkdir()
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ui.UploadError) as err:
        ui.add_plan(state, fake)
    message = str(err.value)
    assert ".docx" in message and "tải lên lại" in message
    for server_words in (str(tmp_path), str(fake_settings.corpus_dir), "assistant index", "corpus/", "Package not found"):
        assert server_words not in message, message


def test_an_editor_correction_of_a_field_is_indexed_and_a_failed_one_restores_the_file(fake_settings, tmp_path):
    import json

    state = _state(fake_settings)
    doc_id, _ = ui.add_plan(state, _upload(tmp_path))
    job = ui.submit_override(state, doc_id, "signer", "Nguyễn Văn Sửa", user="binh")
    assert state.job_queue().wait(120) and job.status == "done", job.message
    state.follow_index(wait=True)
    assert state.index.plans[doc_id].signer == "Nguyễn Văn Sửa"
    saved = json.loads((fake_settings.corpus_dir / "manifest.overrides.json").read_text("utf-8"))
    assert saved[doc_id]["signer"] == "Nguyễn Văn Sửa"
    with pytest.raises(ui.UploadError):
        ui.submit_override(state, doc_id, "aliases", "x")  # not an editable field
    with pytest.raises(ui.UploadError):
        ui.submit_override(state, doc_id, "title", "dòng\x00lạ")
    job = ui.submit_override(state, doc_id, "signer", "")  # empty: the correction is removed
    assert state.job_queue().wait(120) and job.status == "done"
    assert doc_id not in json.loads((fake_settings.corpus_dir / "manifest.overrides.json").read_text("utf-8"))
