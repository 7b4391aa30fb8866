"""assistant.server over HTTP (Starlette's test client, the fake embedder): nothing before login,
route by route; readers never reach editor actions; login throttling; the Vietnamese login page."""

from __future__ import annotations

import re

import pytest

from assistant import phrases
from assistant.access import load_users

pytest.importorskip("gradio")

READER = ("an", "đọc-1234")
EDITOR = ("binh", "biên-tập-5678")


@pytest.fixture(scope="module")
def made(fake_index, tmp_path_factory):
    from starlette.testclient import TestClient

    from assistant.answering import Assistant
    from assistant.server import create_server

    fake_assistant = Assistant(fake_index)
    tmp = tmp_path_factory.mktemp("server")
    settings = fake_assistant.index.settings.model_copy(update={
        "feedback_path": tmp / "fb.sqlite3", "ui_login_max_failures": 5, "ui_login_lockout_s": 0.6,
    })
    users = load_users(f"{READER[0]}:{READER[1]}", f"{EDITOR[0]}:{EDITOR[1]}")
    server = create_server(fake_assistant, settings, users)
    with TestClient(server, base_url="http://127.0.0.1") as client:
        yield server, client, fake_assistant


def plan_words(index) -> set[str]:
    """Strings that would give plan data away: ids, numbers, localities, titles."""
    words = set()
    for doc_id, plan in index.plans.items():
        words |= {doc_id, plan.number, plan.locality, plan.title, plan.school}
    return {w for w in words if w and len(w) > 3}


def all_paths(server) -> list[tuple[str, str]]:
    """(method, path) of every route: ours and each mounted Gradio app's, parameters filled in."""
    from starlette.routing import Mount

    out = []

    def walk(routes, prefix):
        for r in routes:
            if isinstance(r, Mount):
                walk(r.routes, prefix + r.path)
                continue
            path = getattr(r, "path", None)
            if path is None:
                continue
            path = re.sub(r"\{[^}]+\}", "x", prefix + path) or "/"
            for method in sorted(getattr(r, "methods", None) or {"GET"}):
                if method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
                    out.append((method, path))

    walk(server.app.routes, "")
    return out


def login(client, user):
    client.cookies.clear()
    r = client.post("/login", data={"username": user[0], "password": user[1]}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r


def test_no_route_gives_anything_about_the_plans_before_login(made):
    server, client, assistant = made
    client.cookies.clear()
    secrets = plan_words(assistant.index)
    paths = all_paths(server)
    assert len(paths) > 40  # both Gradio apps' routes are there
    assert any("/doc/gradio_api" in p for _, p in paths) and any("/bien-tap/" in p for _, p in paths)
    for method, path in paths + [("GET", "/doc/"), ("GET", "/bien-tap/"), ("GET", "/doc/gradio_api/info"),
                                 ("GET", "/doc/config"), ("POST", "/doc/gradio_api/queue/join"),
                                 ("POST", "/bien-tap/gradio_api/upload"), ("GET", "/doc/gradio_api/heartbeat/x")]:
        r = client.request(method, path, follow_redirects=False, headers={"accept": "text/html"})
        body = r.text
        leaked = [w for w in secrets if w in body]
        assert not leaked, (method, path, leaked)
        if path in ("/login", "/healthz", "/logout"):
            continue
        assert r.status_code in (303, 401), (method, path, r.status_code)
        assert "gradio_api_info" not in body and "window.gradio_config" not in body


def test_the_login_page_is_vietnamese_and_says_nothing_else(made):
    _, client, _ = made
    client.cookies.clear()
    r = client.get("/login")
    assert r.status_code == 200 and '<html lang="vi">' in r.text
    for text in (phrases.LOGIN_TITLE, phrases.LOGIN_USER, phrases.LOGIN_PASSWORD, phrases.LOGIN_BUTTON):
        assert text in r.text
    assert "Login" not in r.text and "username</" not in r.text
    assert "<script" not in r.text


def test_a_wrong_password_is_refused_in_vietnamese(made):
    _, client, _ = made
    client.cookies.clear()
    r = client.post("/login", data={"username": READER[0], "password": "sai"}, follow_redirects=False)
    assert r.status_code == 401 and phrases.LOGIN_FAILED in r.text
    assert "vp_session" not in r.headers.get("set-cookie", "")
    login(client, READER)  # resets the failures of this client and name


def test_reader_gets_the_reader_app_and_never_an_editor_action(made):
    server, client, _ = made
    login(client, READER)
    r = client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.headers["location"] == "/doc/"
    info = client.get("/doc/gradio_api/info").json()
    names = set(info.get("named_endpoints", {}))
    assert "/chat" in names and not {"/upload", "/remove", "/edit_plan"} & names
    assert "upload-file" not in client.get("/doc/config").text
    # the editor app, its API and its upload route are refused over HTTP, not only hidden
    for method, path in (("GET", "/bien-tap/"), ("GET", "/bien-tap/config"), ("GET", "/bien-tap/gradio_api/info"),
                         ("POST", "/bien-tap/gradio_api/call/upload"), ("POST", "/bien-tap/gradio_api/upload"),
                         ("POST", "/bien-tap/gradio_api/queue/join")):
        r = client.request(method, path, json={}, follow_redirects=False)
        assert r.status_code == 403, (method, path, r.status_code)
        assert phrases.EDITOR_ONLY in r.text


def test_editor_gets_the_editor_app_with_upload_and_remove(made):
    _, client, _ = made
    login(client, EDITOR)
    r = client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.headers["location"] == "/bien-tap/"
    names = set(client.get("/bien-tap/gradio_api/info").json().get("named_endpoints", {}))
    assert {"/chat", "/upload", "/remove", "/edit_plan"} <= names
    assert client.get("/doc/config").status_code == 200  # editors may read too


def test_editor_actions_check_the_role_again_inside_the_app(made):
    """Even if a reader's request reached the editor app's handler, it refuses."""
    server, _, _ = made
    state = server.app.state.app_state
    editor_blocks = server.app.state.blocks["editor"]
    fn = next(d for d in editor_blocks.fns.values() if d.api_name == "upload").fn

    class Req:
        username = READER[0]

    status, *_ = fn(None, False, [], Req())
    assert phrases.EDITOR_ONLY in status
    assert state.jobs is None or not state.jobs.list()


def test_logout_ends_the_session(made):
    _, client, _ = made
    login(client, READER)
    assert client.get("/doc/config").status_code == 200
    client.get("/logout", follow_redirects=False)
    client.cookies.clear()
    assert client.get("/doc/config").status_code == 401


def test_a_forged_cookie_is_refused(made):
    _, client, _ = made
    client.cookies.clear()
    client.cookies.set("vp_session", "eyJ1IjoiYmluaCJ9.aaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbb")
    assert client.get("/bien-tap/config").status_code == 401


def test_hundred_rapid_wrong_logins_never_get_in_and_the_right_one_works_after_the_lockout(made):
    import time

    _, client, _ = made
    client.cookies.clear()
    codes = []
    for i in range(100):
        r = client.post("/login", data={"username": EDITOR[0], "password": f"đoán-{i}"}, follow_redirects=False)
        codes.append(r.status_code)
        assert "vp_session" not in r.headers.get("set-cookie", "")
    assert set(codes) <= {401, 429} and codes.count(429) > 50
    assert "giây" in r.text  # the Vietnamese lockout message
    r = client.post("/login", data={"username": EDITOR[0], "password": EDITOR[1]}, follow_redirects=False)
    assert r.status_code == 429  # locked: even the right password is not checked
    time.sleep(5)  # the lockout (0.6 s, doubled per lockout, capped at 15 min) is over for this run
    deadline = time.time() + 60
    while True:
        r = client.post("/login", data={"username": EDITOR[0], "password": EDITOR[1]}, follow_redirects=False)
        if r.status_code == 303 or time.time() > deadline:
            break
        time.sleep(1)
    assert r.status_code == 303 and "vp_session" in r.headers["set-cookie"]
