"""The web UI in a real browser: Playwright driving Debian's Chromium against `assistant serve`.

The app runs as a subprocess on a free loopback port, over a private copy of corpus/ and a
fresh index folder (so serve builds the index first, and the upload never touches the repo).
Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant import phrases
from conftest import ROOT, copy_corpus

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 600  # a clean clone builds the index with the real model first
ANSWER_TIMEOUT = 60_000  # ms

pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytest.importorskip("gradio")
if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("/usr/bin/chromium is missing in CI: .ci/run must install it (apt-get install -y chromium)")
    pytest.skip("/usr/bin/chromium is missing: apt-get install -y chromium", allow_module_level=True)

pytestmark = pytest.mark.slow

UPLOAD_PLACE = "Sơn Khê"
UPLOAD_QUESTION = "Huyện Sơn Khê phấn đấu tỷ lệ giáo viên tiểu học được bồi dưỡng năng lực số đạt bao nhiêu?"
SCRIPT_TEXT = "<script>window.vpInjected = 1</script><b>chữ trong thẻ</b>"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_docx_plan(path: Path) -> Path:
    """A small plan whose target figure stands only in a table (python-docx's paragraphs miss it)."""
    import docx

    d = docx.Document()
    for line in (
        "ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 77/KH-UBND\tSơn Khê, ngày 5 tháng 3 năm 2024",
        "KẾ HOẠCH",
        "Bồi dưỡng năng lực số cho giáo viên tiểu học năm 2024",
        "Căn cứ Kế hoạch số 12/KH-SGDĐT ngày 10 tháng 1 năm 2024 của Sở Giáo dục và Đào tạo;",
        "Ủy ban nhân dân huyện Sơn Khê xây dựng Kế hoạch bồi dưỡng năng lực số cho giáo viên tiểu học như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        f"1. Nâng cao năng lực sử dụng công nghệ số trong dạy học. Ghi chú kỹ thuật: {SCRIPT_TEXT}.",
        "II. CHỈ TIÊU",
        "Các chỉ tiêu cụ thể của năm 2024 như sau:",
    ):
        d.add_paragraph(line)
    table = d.add_table(rows=3, cols=2)
    rows = [
        ("Nội dung", "Chỉ tiêu năm 2024"),
        ("Tỷ lệ giáo viên tiểu học được bồi dưỡng năng lực số", "phấn đấu đạt 85%"),
        ("Số giáo viên cốt cán về chuyển đổi số", "12 người"),
    ]
    for row, (a, b) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = a, b
    for line in (
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Giáo dục và Đào tạo chủ trì tổ chức các lớp bồi dưỡng.",
        "Trên đây là Kế hoạch bồi dưỡng năng lực số cho giáo viên tiểu học năm 2024 của huyện Sơn Khê.",
        "Nơi nhận:",
        "- Sở GDĐT;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Thử",
    ):
        d.add_paragraph(line)
    d.save(str(path))
    return path


@contextlib.contextmanager
def serving(base: Path, extra_env: dict[str, str] | None = None, args: tuple[str, ...] = ()):
    """`assistant serve` on a free loopback port over a private copy of corpus/ in ``base``;
    yields its URL and folders, stops it afterwards. Shared by the browser test modules."""
    corpus = copy_corpus(base / "corpus")
    log_path = base / "serve.log"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") or k == "ASSISTANT_MODEL_CACHE"}
    env.update(
        ASSISTANT_CORPUS_DIR=str(corpus),
        ASSISTANT_FEEDBACK_PATH=str(base / "feedback.sqlite3"),
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
        **(extra_env or {}),
    )
    log = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "--index-dir", str(base / "index"), "serve", "--port", str(port), *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"assistant serve exited with {proc.returncode}:\n{log_path.read_text('utf-8')[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                pytest.fail(f"assistant serve did not start in {START_TIMEOUT} s:\n{log_path.read_text('utf-8')[-3000:]}")
            time.sleep(1)
        yield {"url": url, "base": base, "corpus": corpus, "log": log_path, "feedback": base / "feedback.sqlite3"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The local app (no users: the local editor) for the whole flow below."""
    with serving(tmp_path_factory.mktemp("web")) as site:
        yield dict(site, url=site["url"] + "/")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def ask(page, question: str) -> str:
    """Type a question, send it, wait for the final (non-streaming) answer; returns its text."""
    answers = page.locator("#chatbot .vp-answer:not(.vp-streaming)")
    before = answers.count()
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n",
        arg=["#chatbot .vp-answer:not(.vp-streaming)", before],
        timeout=ANSWER_TIMEOUT,
    )
    return answers.nth(before).inner_text()


def test_chat_sources_compare_upload_in_browser(server, browser):
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(server["url"])
    page.wait_for_selector("#question textarea", timeout=60_000)
    assert "Hỏi đáp" in page.inner_text("body")

    # 1. a question, answered with a citation marker whose popup names plan, section and passage
    text = ask(page, "Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?")
    assert "2023" in text
    marker = page.locator("#chatbot .vp-cite").first
    marker.hover()
    pop = marker.locator(".vp-pop")
    pop.wait_for(state="visible", timeout=5_000)
    pop_text = pop.inner_text()
    assert "127/KH-MNPTB" in pop_text and "I.2" in pop_text and "2023" in pop_text
    assert "I.2" in page.inner_text("#sources")
    shot(page, "chat-answer.png")

    # 2. open the cited section: the whole section, the quoted passage highlighted
    page.locator("button.vp-open-section").first.click()
    page.wait_for_selector("#section-view mark", timeout=10_000)
    assert "2023" in page.inner_text("#section-view mark")
    assert "Mục tiêu" in page.inner_text("#section-view") or "MỤC TIÊU" in page.inner_text("#section-view")
    shot(page, "chat-section.png")

    # 3. a follow-up that only makes sense with the first question
    follow = ask(page, "Còn giai đoạn 2021-2025 thì sao?")
    assert follow.strip()
    assert page.locator("#chatbot .vp-answer:not(.vp-streaming)").count() == 2

    # 4. 👍 on the first answer is stored
    like = phrases.GRADIO_I18N["chatbot.like"]
    page.locator(f"#chatbot button[aria-label='{like}'], #chatbot button[title='{like}']").first.click()
    page.wait_for_function("() => document.querySelector('#feedback-note').innerText.includes('👍')", timeout=10_000)

    # 5. the comparison tab: a table across plans
    page.get_by_role("tab", name="So sánh chỉ tiêu").click()
    if page.locator("#compare-missing").count():
        pytest.fail("assistant.targets is missing: the comparison tab cannot be tested")
    page.click("#compare-go")
    page.wait_for_function(
        "() => document.querySelectorAll('#compare-table [role=gridcell]').length > 0", timeout=30_000
    )
    table = page.inner_text("#compare-table")
    assert "Kế hoạch" in table and "%" in table, table
    page.locator("#compare-table .virtual-row", has_text="%").first.locator("[role=gridcell]").nth(3).click()
    page.wait_for_selector("#compare-section mark", timeout=10_000)
    shot(page, "compare.png")

    # the requirement checklist: lines per plan, bắt buộc / khuyến khích, each with its section
    page.get_by_role("tab", name="Yêu cầu chứng chỉ").click()
    page.click("#req-go")
    page.wait_for_selector("#req-out .vp-checklist li", timeout=30_000)
    assert "mục" in page.inner_text("#req-out .vp-checklist li >> nth=0")

    # 6. upload a .docx plan whose figure is in a table, then ask about it
    page.get_by_role("tab", name="Kế hoạch").click()
    docx_path = make_docx_plan(server["base"] / "Kế hoạch Sơn Khê 2024.docx")
    page.set_input_files("#upload-file input[type=file]", str(docx_path))
    page.click("#upload-go")
    page.wait_for_function(
        "() => /✅|⚠️/.test(document.querySelector('#upload-status').innerText)", timeout=300_000
    )
    status = page.inner_text("#upload-status")
    assert "✅" in status, status
    review = page.inner_text("#upload-review")
    assert "77/KH-UBND" in review and "II" in review
    assert "<script>window.vpInjected" in review  # shown as text
    assert UPLOAD_PLACE in page.inner_text("#plans-table")
    shot(page, "upload-review.png")

    page.get_by_role("tab", name="Hỏi đáp").click()
    page.click("#new-chat")
    page.wait_for_function("() => !document.querySelector('#chatbot .vp-answer')", timeout=10_000)
    text = ask(page, UPLOAD_QUESTION)
    assert "85%" in text, text
    assert UPLOAD_PLACE in page.inner_text("#sources")
    shot(page, "upload-answer.png")

    # plan text that looks like markup is shown as text and never runs
    page.get_by_role("tab", name="Kế hoạch").click()
    page.locator("#plan-pick input").click()
    page.get_by_role("option", name="77/KH-UBND").click()
    page.wait_for_selector("#plan-tree .vp-tree", timeout=10_000)
    assert "<script>window.vpInjected" in page.text_content("#plan-tree")
    assert page.locator("#plan-tree script, #upload-review script").count() == 0
    assert page.locator("#plan-tree b, #upload-review b", has_text="chữ trong thẻ").count() == 0
    assert page.evaluate("() => window.vpInjected") is None
    assert not errors, errors
    assert (server["corpus"] / "Kế hoạch Sơn Khê 2024.docx").exists()
