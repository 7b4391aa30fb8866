"""assistant.access: users and roles, hashed passwords, login throttling, signed sessions."""

from __future__ import annotations

import pytest

from assistant import access, phrases
from assistant.access import AccessConfigError, LoginThrottle, Sessions, hash_password, load_users, verify_password


def test_a_hashed_password_verifies_and_a_wrong_one_does_not():
    secret = hash_password("mật khẩu dài", iterations=1000)
    assert secret.startswith("pbkdf2_sha256$1000$") and "mật" not in secret
    assert verify_password("mật khẩu dài", secret)
    assert not verify_password("mat khau dai", secret)
    assert hash_password("x", iterations=1000) != hash_password("x", iterations=1000)  # salted


def test_a_plain_secret_from_an_inline_setting_still_verifies():
    assert verify_password("abc", "abc") and not verify_password("abd", "abc")
    assert not verify_password("x", "pbkdf2_sha256$bad")  # a broken hash never matches


def test_inline_users_get_their_role_and_the_legacy_pair_is_an_editor():
    table = load_users("an:1,chi:2", "binh:3", legacy=("quan", "4"))
    assert table.role("an") == "reader" and table.role("chi") == "reader"
    assert table.role("binh") == "editor" and table.role("quan") == "editor"
    assert table.check("an", "1") == "reader" and table.check("an", "2") is None
    assert table.check("nobody", "1") is None and table.role("nobody") is None


def test_a_users_file_holds_hashes_and_plain_passwords_are_reported(tmp_path):
    f = tmp_path / "editors.txt"
    f.write_text(f"# biên tập viên\nbinh:{hash_password('bí mật', iterations=1000)}\n\nlan:plain\n", "utf-8")
    table = load_users("", str(f))
    assert table.check("binh", "bí mật") == "editor" and table.check("lan", "plain") == "editor"
    assert len(table.warnings) == 1 and "lan" in table.warnings[0]


def test_bad_user_settings_are_named(tmp_path):
    with pytest.raises(AccessConfigError, match="không tìm thấy tệp"):
        load_users(str(tmp_path / "missing.txt"))
    bad = tmp_path / "bad.txt"
    bad.write_text("ok:1\nno-colon-here\n", "utf-8")
    with pytest.raises(AccessConfigError, match="bad.txt, dòng 2"):
        load_users(str(bad))
    with pytest.raises(AccessConfigError, match="cả danh sách"):
        load_users("an:1", "an:2")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_locks_after_failures_and_doubles_each_lockout():
    clock = Clock()
    t = LoginThrottle(max_failures=3, lockout_s=10, max_lockout_s=25, clock=clock)
    keys = ["ip:1.2.3.4", "user:an"]
    for _ in range(2):
        t.failure(keys)
    assert t.wait_s(keys) == 0
    t.failure(keys)
    assert t.wait_s(keys) == 10 and t.wait_s(["user:an"]) == 10 and t.wait_s(["ip:9.9.9.9"]) == 0
    clock.now += 10.5
    assert t.wait_s(keys) == 0
    for _ in range(3):
        t.failure(keys)
    assert t.wait_s(keys) == 20  # second lockout doubles
    clock.now += 21
    for _ in range(3):
        t.failure(keys)
    assert t.wait_s(keys) == 25  # capped
    t.success(keys)
    assert t.wait_s(keys) == 0


def test_throttle_memory_is_bounded():
    t = LoginThrottle(max_entries=50)
    for i in range(500):
        t.failure([f"ip:{i}"])
    assert len(t._state) <= 50


def test_a_session_names_its_user_until_tampered_expired_or_removed():
    table = load_users("an:1", "binh:2")
    sessions = Sessions(table, "khóa", max_age_s=100)
    token = sessions.issue("an")
    assert sessions.user(token) == ("an", "reader")
    assert sessions.user(token[:-2] + "xx") is None
    assert sessions.user(Sessions(table, "khóa khác").issue("binh")) is None  # another key
    assert Sessions(table, "khóa", max_age_s=-1).user(token) is None  # expired
    del table.users["an"]
    assert sessions.user(token) is None  # a removed user is out at once
    assert sessions.user("") is None and sessions.user(None) is None


def test_access_phrases_are_vietnamese():
    assert "Đăng nhập" == phrases.LOGIN_TITLE and "{seconds}" in phrases.LOGIN_LOCKED
    assert access.ROLES == ("reader", "editor")
