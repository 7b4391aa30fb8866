"""Warm answer latency through the running web app, in a real browser (Playwright + Chromium).

Times each question from pressing Enter to the final answer (with its citation markers) on the
page, i.e. what a user waits for. Starts `assistant serve` on a free loopback port unless --url
points at a running app. Prints p50/p95/max.

Usage: .venv/bin/python benchmarks/ui_latency.py [--url http://127.0.0.1:7860/] [-n 40]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FINAL = "#chatbot .vp-answer:not(.vp-streaming)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 900
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"assistant serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc, url
        except OSError:
            time.sleep(1)
    proc.kill()
    raise SystemExit("assistant serve did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a running app (default: start `assistant serve`)")
    parser.add_argument("-n", type=int, default=40, help="questions timed (from evals/qa.jsonl)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    items = [json.loads(l) for l in (ROOT / "evals" / "qa.jsonl").read_text("utf-8").splitlines() if l.strip()]
    questions = [i["question"] for i in items if not i.get("history")][: args.n]
    proc, url = (None, args.url) if args.url else start_server()
    times: list[float] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector("#question textarea", timeout=60_000)
            for i, question in enumerate(["Ai ký đề án 2921?", "Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?"] + questions):
                page.click("#new-chat")
                page.wait_for_function(f"() => !document.querySelector('{FINAL}')", timeout=10_000)
                page.fill("#question textarea", question)
                t = time.perf_counter()
                page.keyboard.press("Enter")
                page.wait_for_selector(FINAL, timeout=60_000)
                elapsed = time.perf_counter() - t
                if i >= 2:  # the first two warm the page and the caches
                    times.append(elapsed)
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
    times.sort()
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    print(f"warm answers in the browser over {len(times)} questions: p50 {1000 * statistics.median(times):.0f} ms, "
          f"p95 {1000 * p95:.0f} ms, max {1000 * times[-1]:.0f} ms")


if __name__ == "__main__":
    main()
