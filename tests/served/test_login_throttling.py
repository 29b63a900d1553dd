"""Login throttling through a real served instance, in raw HTTP: the web login form (with its
CSRF cookie) and the API token both count, by the client's address behind a proxy."""

from __future__ import annotations

import http.client
import json
import re
import urllib.parse
from http.cookies import SimpleCookie

PASSWORD = "a calm long passphrase 7"
WRONG = "not the password at all"


class Visitor:
    """One client, reaching the server through the stand-in proxy (this test), which appends
    the client's address to whatever X-Forwarded-For the client itself sent."""

    def __init__(self, url: str, address: str, written: str = "", https: bool = True) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = str(parts.hostname), int(parts.port or 80)
        self.forwarded_for = f"{written}, {address}" if written else address
        self.https = https
        self.cookies: dict[str, str] = {}

    def send(
        self, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> tuple[int, dict[str, str], str]:
        headers = {"X-Forwarded-For": self.forwarded_for}
        scheme = "https" if self.https else "http"
        if self.https:
            headers["X-Forwarded-Proto"] = "https"
        if method == "POST":
            headers["Origin"] = f"{scheme}://{self.host}:{self.port}"
            headers["Content-Type"] = content_type
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            answer = connection.getresponse()
            for line in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(line).items():
                    self.cookies[name] = morsel.value
            return answer.status, dict(answer.headers), answer.read().decode()
        finally:
            connection.close()

    def api(self, path: str, body: dict[str, str]) -> tuple[int, str]:
        status, _, text = self.send("POST", path, json.dumps(body).encode(), "application/json")
        return status, text

    def token(self, email: str, password: str) -> int:
        return self.api("/api/v1/auth/token", {"email": email, "password": password})[0]

    def web_login(self, email: str, password: str) -> int:
        """Fetch the form (and its CSRF cookie) first, then post it as a browser would."""
        status, _, page = self.send("GET", "/accounts/login/")
        assert status == 200
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found, "the login form has no CSRF token"
        form = {"csrfmiddlewaretoken": found.group(1), "username": email, "password": password}
        body = urllib.parse.urlencode(form).encode()
        status, headers, _ = self.send(
            "POST", "/accounts/login/", body, "application/x-www-form-urlencoded"
        )
        assert status != 403, "refused by the CSRF check"
        if status == 302:
            assert headers["Location"] == "/plan/"
        return status


def sign_up(url: str, email: str, https: bool = True) -> None:
    status, text = Visitor(url, "192.0.2.1", https=https).api(
        "/api/v1/auth/signup", {"email": email, "password": PASSWORD}
    )
    assert status == 201, text


def test_failures_from_one_client_lock_it_out_and_another_address_still_logs_in(
    behind_proxy_url: str,
) -> None:
    sign_up(behind_proxy_url, "target@example.com")
    guesser = Visitor(behind_proxy_url, "198.51.100.10")
    assert [guesser.web_login("target@example.com", WRONG) for _ in range(3)] == [400] * 3
    assert [guesser.token("target@example.com", WRONG) for _ in range(2)] == [401, 429]
    # Both ways in are locked for that client, even with the right password.
    assert guesser.web_login("target@example.com", PASSWORD) == 429
    assert guesser.token("target@example.com", PASSWORD) == 429
    # Writing another address in front of its own does not free it: the proxy's entry counts.
    disguised = Visitor(behind_proxy_url, "198.51.100.10", written="203.0.113.99")
    assert disguised.token("target@example.com", PASSWORD) == 429
    runner = Visitor(behind_proxy_url, "203.0.113.20")
    assert runner.web_login("target@example.com", PASSWORD) == 302
    assert runner.token("target@example.com", PASSWORD) == 200


def test_wrong_passwords_from_many_addresses_never_lock_the_runner_out_at_home(
    behind_proxy_url: str,
) -> None:
    sign_up(behind_proxy_url, "victim@example.com")
    for n in range(1, 7):
        attacker = Visitor(behind_proxy_url, f"198.51.100.{100 + n}")
        answers = [attacker.token("victim@example.com", WRONG) for _ in range(6)]
        assert answers == [401] * 4 + [429] * 2
    home = Visitor(behind_proxy_url, "203.0.113.30")
    assert home.web_login("victim@example.com", PASSWORD) == 302
    assert home.token("victim@example.com", PASSWORD) == 200


def test_spraying_many_accounts_from_one_address_locks_that_address(
    behind_proxy_url: str,
) -> None:
    sign_up(behind_proxy_url, "sprayed@example.com")
    sprayer = Visitor(behind_proxy_url, "198.51.100.200")
    answers = [sprayer.token(f"guess{n}@example.com", WRONG) for n in range(19)]
    assert answers == [401] * 19
    assert sprayer.web_login("guess19@example.com", WRONG) == 429
    assert sprayer.token("sprayed@example.com", PASSWORD) == 429
    assert sprayer.web_login("sprayed@example.com", PASSWORD) == 429
    elsewhere = Visitor(behind_proxy_url, "203.0.113.40")
    assert elsewhere.token("sprayed@example.com", PASSWORD) == 200


def test_without_the_proxy_setting_the_forwarded_header_is_ignored(direct_url: str) -> None:
    sign_up(direct_url, "direct@example.com", https=False)
    guesser = Visitor(direct_url, "198.51.100.10", https=False)
    assert [guesser.token("direct@example.com", WRONG) for _ in range(5)] == [401] * 4 + [429]
    # Another written address is the same client (127.0.0.1 here): still locked.
    other = Visitor(direct_url, "203.0.113.20", https=False)
    assert other.token("direct@example.com", PASSWORD) == 429
    assert other.web_login("direct@example.com", PASSWORD) == 429
