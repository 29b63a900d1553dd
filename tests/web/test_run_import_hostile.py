"""Hostile run files through the API and the upload page: rejected with a message, the
other files of the batch imported, the server answering afterwards (issue 9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backstride.runfiles import gpx as gpx_reader
from backstride.web.accounts.models import ApiToken
from backstride.web.coach import models as m
from tests.runfiles.files import deep_gpx, fit_run
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/runs/import"
DEEP = "deep.gpx is not a valid GPX file: its XML elements nest deeper than 64 levels."


def post(token: str, files: list[tuple[str, bytes]]) -> Any:
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return Client().post(URL, {"file": uploads}, headers={"Authorization": f"Bearer {token}"})


def test_the_deep_gpx_through_the_api_is_rejected_and_the_batch_goes_on() -> None:
    _, user = runner()
    token = ApiToken.issue(user)
    response = post(token, [("deep.gpx", deep_gpx()), ("watch.fit", fit_run())])
    assert response.status_code == 200
    assert [(item["file"], item["status"]) for item in response.json()] == [
        ("deep.gpx", "rejected"),
        ("watch.fit", "imported"),
    ]
    assert response.json()[0]["message"] == DEEP
    assert m.Run.objects.filter(user=user).count() == 1
    assert Client().get("/healthz").status_code == 200
    listed = Client().get("/api/v1/me/runs", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200 and len(listed.json()) == 1


def test_the_deep_gpx_through_the_upload_page_is_listed_as_rejected() -> None:
    client, user = runner()
    files = [SimpleUploadedFile("deep.gpx", deep_gpx())]
    response = client.post("/runs/import/", {"file": files})
    assert response.status_code == 200
    assert DEEP in response.content.decode()
    assert not m.Run.objects.filter(user=user).exists()
    assert client.get("/today/").status_code == 200


def test_a_reader_crash_past_the_bounds_rejects_the_file_not_the_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Were a file to get past the bounds and crash its reader, only the child dies.
    monkeypatch.setattr(gpx_reader, "check_xml", lambda document, kind: None)
    _, user = runner()
    token = ApiToken.issue(user)
    response = post(token, [("deep.gpx", deep_gpx()), ("watch.fit", fit_run())])
    assert response.status_code == 200
    deep, watch = response.json()
    assert deep["status"] == "rejected" and deep["message"].startswith("deep.gpx ")
    assert watch["status"] == "imported"
    assert Client().get("/healthz").status_code == 200
