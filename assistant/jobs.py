"""Indexing jobs for the web app: one at a time, in a child process, outside the request path.

An upload (or a removal) is checked and saved by the request, then queued here and the request
returns at once. A worker thread runs ``python -m assistant.jobs`` for each job, at a lower
CPU priority, so questions keep their latency while a large plan is embedded; the child
reports progress as JSON lines. The serving process switches to the new index generation by
itself (``AppState.follow_index``). A job that fails puts the corpus back as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal

from . import phrases

JobKind = Literal["add", "replace", "remove", "edit"]
JobStatus = Literal["queued", "running", "done", "failed"]
NICE = 10  # the child yields the CPU to the serving process


@dataclass
class Job:
    id: str
    kind: JobKind
    name: str  # the file name in the corpus
    doc_id: str
    user: str = ""
    status: JobStatus = "queued"
    progress: float = 0.0
    stage: str = ""
    message: str = ""
    created: float = field(default_factory=time.time)
    finished: float = 0.0
    # what to do to undo the corpus change if the job fails (set by the submitter)
    rollback: Callable[[], None] | None = field(default=None, repr=False)
    cleanup: Callable[[], None] | None = field(default=None, repr=False)  # after success

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")


class IndexJobs:
    """A queue of indexing jobs and the thread that runs them, one at a time.

    ``command`` builds the child command line (tests can swap it); ``on_finish(job, result)``
    runs in the worker thread after each job, with the child's final report (or None).
    """

    def __init__(self, settings, *, on_finish: Callable[[Job, dict | None], None] | None = None,
                 command: Callable[[], list[str]] | None = None, embedder=None, keep: int = 20) -> None:
        self.settings = settings
        # With an embedder the jobs run in the worker thread of this process (tests, fakes);
        # without one, in a child process that loads the configured model.
        self.embedder = embedder
        self.on_finish = on_finish or (lambda job, result: None)
        self.command = command or self._default_command
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def _default_command(self) -> list[str]:
        s = self.settings
        return [sys.executable, "-m", "assistant.jobs", "--corpus", str(s.corpus_dir), "--index-dir", str(s.index_dir)]

    def submit(self, kind: JobKind, name: str, doc_id: str, *, user: str = "",
               rollback: Callable[[], None] | None = None, cleanup: Callable[[], None] | None = None) -> Job:
        job = Job(id=uuid.uuid4().hex[:10], kind=kind, name=name, doc_id=doc_id, user=user,
                  rollback=rollback, cleanup=cleanup)
        with self._lock:
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if not j.active]
            for old in finished[: max(0, len(finished) - self.keep)]:
                self._jobs.pop(old.id, None)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="index-jobs", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def list(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def busy(self) -> bool:
        return any(j.active for j in self.list())

    def wait(self, timeout: float = 600.0) -> bool:
        """Block until no job is queued or running (tests, shutdown); True if idle."""
        deadline = time.monotonic() + timeout
        while self.busy():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    # ------------------------------------------------------------------ worker
    def _work(self) -> None:
        while True:
            job = self._queue.get()
            result: dict | None = None
            try:
                result = self._run(job)
            except Exception as exc:  # noqa: BLE001 - a job never kills the worker
                self._fail(job, phrases.JOB_FAILED.format(reason=exc))
            try:
                self.on_finish(job, result)
            except Exception as exc:  # noqa: BLE001
                self._fail(job, phrases.JOB_FAILED.format(reason=exc))
            finally:
                job.finished = job.finished or time.time()
                self._queue.task_done()

    def _fail(self, job: Job, message: str) -> None:
        if job.rollback is not None:
            try:
                job.rollback()
            finally:
                job.rollback = None
        job.status, job.message, job.finished = "failed", message, time.time()

    def _events(self, job: Job):
        """The job's progress and result events, from the child process or run here."""
        if self.embedder is not None:
            events: list[dict] = []
            code = run_build(self.settings, self.embedder, job.name if job.kind in ("add", "replace") else "", events.append)
            yield from events
            yield {"exit": code}
            return
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        kwargs: dict = {}
        if hasattr(os, "nice"):
            kwargs["preexec_fn"] = lambda: os.nice(NICE)
        only = ["--only", job.name] if job.kind in ("add", "replace") else []
        proc = subprocess.Popen(self.command() + only, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env, **kwargs)
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                yield json.loads(line)
            except ValueError:
                continue
        stderr = proc.stderr.read() if proc.stderr else ""
        yield {"exit": proc.wait(), "stderr": stderr}

    def _run(self, job: Job) -> dict | None:
        job.status, job.stage, job.progress = "running", phrases.JOB_STAGE_READ, 0.02
        result: dict | None = None
        code, stderr = 0, ""
        for event in self._events(job):
            if "exit" in event:
                code, stderr = event["exit"], event.get("stderr", "")
            elif "stage" in event:
                total = max(1, int(event.get("total") or 1))
                done = min(total, int(event.get("done") or 0))
                if event["stage"] == "read":
                    job.stage, job.progress = phrases.JOB_STAGE_READ, 0.02 + 0.15 * done / total
                elif event["stage"] == "embed":
                    job.stage, job.progress = phrases.JOB_STAGE_EMBED, 0.2 + 0.75 * done / total
            elif "result" in event:
                result = event["result"]
            elif "error" in event:
                result = {"error": event["error"]}
        if result is None or "error" in result or code != 0:
            reason = (result or {}).get("error") or (stderr.strip().splitlines() or [f"exit {code}"])[-1]
            self._fail(job, phrases.JOB_FAILED.format(reason=reason))
            return None
        skipped = {s["name"]: s["reason"] for s in result.get("skipped", [])}
        if job.kind in ("add", "replace", "edit") and job.doc_id not in result.get("indexed", []):
            self._fail(job, phrases.JOB_FAILED.format(reason=skipped.get(job.name) or phrases.JOB_NOT_INDEXED))
            return None
        if job.cleanup is not None:
            job.cleanup()
        job.message = result.get("summary", "")
        job.rollback = job.cleanup = None
        job.status, job.progress, job.stage = "done", 1.0, phrases.JOB_STAGE_DONE
        job.finished = time.time()
        return result


# ---------------------------------------------------------------------- child process
def _child(argv: list[str] | None = None) -> int:
    """Build the index for the corpus once, printing progress and the result as JSON lines."""
    parser = argparse.ArgumentParser(prog="python -m assistant.jobs")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--index-dir", required=True)
    parser.add_argument("--only", default="", help="the file this job is about (checked against the upload caps)")
    args = parser.parse_args(argv)

    from .embeddings import make_embedder
    from .settings import Settings

    def say(obj: dict) -> None:
        print(json.dumps(obj, ensure_ascii=False), flush=True)

    settings = Settings(corpus_dir=Path(args.corpus), index_dir=Path(args.index_dir))
    return run_build(settings, make_embedder(settings), args.only, say)


def run_build(settings, embedder, only: str, say: Callable[[dict], None]) -> int:
    """Check the job's file (``only``, in the corpus), then build the index; events to ``say``."""
    from .index import IndexBusy, build_index, read_plan
    from .manifest import load_overrides

    if only and (settings.corpus_dir / only).is_file():
        from .documents import DocumentError, web_message

        try:  # the file this job is about: its problems in web words, and the per-upload cap
            item = read_plan(settings.corpus_dir / only, settings, load_overrides(settings.corpus_dir))
        except DocumentError as err:
            say({"error": web_message(err)})
            return 2
        if len(item.chunks) > settings.upload_max_chunks:
            say({"error": phrases.UPLOAD_TOO_MANY_CHUNKS.format(chunks=len(item.chunks), limit=settings.upload_max_chunks)})
            return 2
    try:
        report = build_index(settings, embedder, progress=False, echo=lambda message: None,
                             on_progress=lambda stage, done, total: say({"stage": stage, "done": done, "total": total}))
    except IndexBusy:
        say({"error": phrases.UI_UPLOAD_BUSY})
        return 4
    skipped = [{"name": name, "reason": line} for line in report.skipped
               for name in [only] if line.startswith(phrases.SKIPPED_FILE.format(name=name, reason=""))]
    say({"result": {"indexed": sorted(report.indexed), "skipped": skipped, "summary": report.summary()}})
    return 0


if __name__ == "__main__":
    sys.exit(_child())
