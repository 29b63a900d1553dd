"""The deep GPX of issue 9 sent to the real server (gunicorn, `backstride serve`) through the
API: rejected with a message, and the same worker answers the requests after it. No browser
is needed; marked like the other tests that drive the real server."""

from __future__ import annotations

import itertools
import json
import urllib.request
import uuid
from typing import Any

import pytest

from tests.runfiles.files import deep_gpx, fit_run

pytestmark = pytest.mark.browser
PASSWORD = "steady easy miles 2026"
_emails = (f"hostile{n}@example.com" for n in itertools.count(1))


def call(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.status, json.loads(answer.read() or b"null")


def post_json(url: str, payload: dict[str, str]) -> tuple[int, Any]:
    return call(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})


def token_for_a_new_runner(server_url: str) -> str:
    credentials = {"email": next(_emails), "password": PASSWORD}
    status, _ = post_json(f"{server_url}/api/v1/auth/signup", credentials)
    assert status == 201
    status, answer = post_json(f"{server_url}/api/v1/auth/token", credentials)
    assert status == 200
    return str(answer["token"])


def upload(server_url: str, token: str, files: list[tuple[str, bytes]]) -> tuple[int, Any]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
        for name, data in files
    ]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    return call(f"{server_url}/api/v1/me/runs/import", body, headers)


def test_the_deep_gpx_is_rejected_and_the_server_still_answers(server_url: str) -> None:
    token = token_for_a_new_runner(server_url)
    # Before issue 9 this request killed the worker (SIGSEGV): the connection dropped.
    status, answer = upload(server_url, token, [("deep.gpx", deep_gpx())])
    assert status == 200
    assert answer == [
        {
            "file": "deep.gpx",
            "status": "rejected",
            "message": "deep.gpx is not a valid GPX file: its XML elements nest deeper "
            "than 64 levels.",
            "run": None,
        }
    ]
    assert call(f"{server_url}/healthz")[0] == 200
    status, answer = upload(server_url, token, [("watch.fit", fit_run())])
    assert status == 200 and answer[0]["status"] == "imported"
    status, runs = call(
        f"{server_url}/api/v1/me/runs", headers={"Authorization": f"Bearer {token}"}
    )
    assert status == 200 and len(runs) == 1
