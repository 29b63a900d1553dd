"""Run files brought in through the API, the upload page and the CLI; imported runs asking
for their pain, rated or skipped (issue 4, "Run files")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.web.accounts.models import ApiToken, User
from backstride.web.coach import models as m
from backstride.web.coach.run_import import import_files, store_runs_to_rate
from tests.runfiles.files import TESTDATA, fit_run, real
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/runs/import"
RUN_FIT = "2013-02-06-12-11-14.fit"


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, real(name) if data is None else data)


def post_files(files: list[SimpleUploadedFile], token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().post(URL, {"file": files}, headers=headers)


def account() -> tuple[User, str]:
    _, user = runner()
    return user, ApiToken.issue(user)


def imported_run(user: User, name: str = RUN_FIT) -> m.Run:
    [outcome] = import_files(user, [(name, real(name))])
    assert outcome.row is not None
    return outcome.row


# The API.


def test_a_batch_imports_the_good_files_and_lists_each_bad_one() -> None:
    user, token = account()
    files = [
        upload(RUN_FIT),
        upload("copy-of-the-same-run.fit", real(RUN_FIT)),
        upload("korita-zbevnica.gpx"),
        upload("garmin-fenix-5-bike.fit"),
        upload("bad-activity-unexpected-eof.fit"),
        upload("notes.txt", b"ran 5 km"),
    ]
    response = post_files(files, token)
    assert response.status_code == 200
    answer = {item["file"]: item for item in response.json()}
    assert [item["status"] for item in response.json()] == [
        "imported",
        "duplicate",
        "imported",
        "skipped",
        "rejected",
        "rejected",
    ]
    assert answer[RUN_FIT]["run"]["km"] == 4.835
    assert answer[RUN_FIT]["run"]["minutes"] == 43.75
    assert answer[RUN_FIT]["run"]["started_at"] == "2013-02-06T12:11:14Z"
    assert answer["copy-of-the-same-run.fit"]["run"]["id"] == answer[RUN_FIT]["run"]["id"]
    assert answer["bad-activity-unexpected-eof.fit"]["run"] is None
    for item in response.json():
        assert item["file"] in item["message"]
    rows = m.Run.objects.filter(user=user).order_by("date")
    assert [(r.source, r.asks_for_pain, r.pain_during) for r in rows] == [
        ("korita-zbevnica.gpx", True, None),
        (RUN_FIT, True, None),
    ]


def test_rejected_and_skipped_files_store_nothing() -> None:
    user, token = account()
    bad = ["bad-activity-filecrc.fit", "route.gpx", "mapmyride_biking.tcx"]
    response = post_files([upload(name) for name in bad], token)
    assert [item["status"] for item in response.json()] == ["rejected", "rejected", "skipped"]
    assert not m.Run.objects.filter(user=user).exists()


def test_the_same_file_imported_twice_gives_one_run() -> None:
    user, token = account()
    first = post_files([upload(RUN_FIT)], token).json()[0]
    again = post_files([upload(RUN_FIT)], token).json()[0]
    assert (first["status"], again["status"]) == ("imported", "duplicate")
    assert again["run"]["id"] == first["run"]["id"]
    assert m.Run.objects.filter(user=user).count() == 1


def test_imported_runs_belong_to_the_token_user_only() -> None:
    owner, owner_token = account()
    _, other_token = account()
    post_files([upload(RUN_FIT)], owner_token)
    listed = Client().get("/api/v1/me/runs", headers={"Authorization": f"Bearer {other_token}"})
    assert listed.json() == []
    # The other runner's own copy of the file is theirs, not a duplicate of someone else's.
    assert post_files([upload(RUN_FIT)], other_token).json()[0]["status"] == "imported"
    assert m.Run.objects.filter(user=owner).count() == 1


def test_importing_runs_needs_a_token() -> None:
    response = post_files([upload(RUN_FIT)], None)
    assert response.status_code == 401
    assert not m.Run.objects.exists()


def test_importing_without_a_file_is_a_field_error() -> None:
    _, token = account()
    response = Client().post(URL, {}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "file"


def test_the_import_endpoint_is_in_the_openapi_schema() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "post" in schema["paths"][URL]


# The upload page.


def test_the_upload_page_offers_an_accessible_multiple_file_input() -> None:
    client, _ = runner()
    page = client.get("/runs/import/").content.decode()
    assert '<input type="file" id="run-files" name="file" multiple accept=".gpx,.tcx,.fit"' in page
    assert '<label for="run-files">' in page


def test_the_upload_page_needs_a_login() -> None:
    assert Client().get("/runs/import/").status_code == 302


def test_uploading_files_lists_what_became_of_each() -> None:
    client, user = runner()
    files = [upload(RUN_FIT), upload("garmin-fenix-5-walk.fit"), upload("empty.gpx", b"")]
    response = client.post("/runs/import/", {"file": files})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Imported:</strong>" in page and "a run of 4.84 km in 43.8 min" in page
    assert "garmin-fenix-5-walk.fit is not a run (the file says walking)." in page
    assert "empty.gpx is empty" in page
    assert m.Run.objects.filter(user=user).count() == 1
    # The new run asks for its pain at once.
    assert "How did your back feel on this run?" in page
    assert f'id="rate-{m.Run.objects.get(user=user).id}-during"' in page


def test_uploading_nothing_says_what_to_do() -> None:
    client, _ = runner()
    response = client.post("/runs/import/", {})
    assert response.status_code == 400
    assert "Choose one or more run files" in response.content.decode()


# Rating an imported run, or skipping it.


def test_rating_a_run_saves_its_pain_and_stops_asking() -> None:
    client, user = runner()
    row = imported_run(user)
    response = client.post(
        f"/runs/{row.id}/rate/", {"pain_during": "3", "pain_after": "", "next": "/today/"}
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    row.refresh_from_db()
    assert (row.pain_during, row.pain_after, row.asks_for_pain) == (3, None, False)
    assert list(store_runs_to_rate(user)) == []


def test_skipping_a_run_leaves_it_unrated_as_load_only() -> None:
    client, user = runner()
    row = imported_run(user)
    response = client.post(f"/runs/{row.id}/rate/", {"skip": "1", "pain_during": "5"})
    assert response.status_code == 302 and response["Location"] == "/runs/import/"
    row.refresh_from_db()
    assert (row.pain_during, row.pain_after, row.asks_for_pain) == (None, None, False)


def test_skipping_all_waiting_runs_stops_asking_about_only_this_runners() -> None:
    client, user = runner()
    first = imported_run(user)
    second = imported_run(user, "korita-zbevnica.gpx")
    other_client, other = runner()
    theirs = imported_run(other)
    assert "Skip all 2" in client.get("/today/").content.decode()
    response = client.post("/runs/skip-all/", {"next": "/today/"}, follow=True)
    assert response.redirect_chain == [("/today/", 302)]
    assert "Skipped: the 2 runs count as load only." in response.content.decode()
    for row in (first, second, theirs):
        row.refresh_from_db()
    assert (first.asks_for_pain, second.asks_for_pain, theirs.asks_for_pain) == (False, False, True)
    assert (first.pain_during, first.pain_after) == (None, None)
    assert list(store_runs_to_rate(other)) == [theirs]
    assert "Skip all" not in other_client.get("/today/").content.decode()


def test_skipping_all_needs_a_post_and_a_login() -> None:
    client, _ = runner()
    assert client.get("/runs/skip-all/").status_code == 405
    response = Client().post("/runs/skip-all/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pain_during": "11"}, "Pain during the run: must be at most 10, got 11"),
        ({"pain_after": "bad"}, "Pain after the run: must be a whole number"),
        ({"pain_during": "", "pain_after": ""}, "Choose the pain during or after the run"),
    ],
)
def test_a_bad_rating_changes_nothing(data: dict[str, str], message: str) -> None:
    client, user = runner()
    row = imported_run(user)
    response = client.post(f"/runs/{row.id}/rate/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    row.refresh_from_db()
    assert (row.pain_during, row.pain_after, row.asks_for_pain) == (None, None, True)


def test_another_runners_run_cannot_be_rated() -> None:
    _, owner = runner()
    row = imported_run(owner)
    intruder, _ = runner()
    assert intruder.post(f"/runs/{row.id}/rate/", {"pain_during": "2"}).status_code == 404
    assert intruder.post(f"/runs/{row.id}/rate/", {"skip": "1"}).status_code == 404
    row.refresh_from_db()
    assert (row.pain_during, row.asks_for_pain) == (None, True)


def test_rating_goes_back_only_to_our_own_pages() -> None:
    client, user = runner()
    row = imported_run(user)
    response = client.post(
        f"/runs/{row.id}/rate/", {"skip": "1", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/runs/import/"


def test_a_run_answered_already_is_not_overwritten() -> None:
    client, user = runner()
    row = imported_run(user)
    client.post(f"/runs/{row.id}/rate/", {"pain_during": "2"})
    client.post(f"/runs/{row.id}/rate/", {"pain_during": "7"})
    row.refresh_from_db()
    assert row.pain_during == 2


def test_runs_to_rate_are_the_users_unrated_imports_newest_first() -> None:
    _, user = runner()
    _, other = runner()
    older = imported_run(user, "korita-zbevnica.gpx")
    newer = imported_run(user, RUN_FIT)
    imported_run(other)
    assert list(store_runs_to_rate(user)) == [newer, older]


# The CLI, against the test database (already migrated; the command's migrate is a no-op).

cli = CliRunner()


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_cli_imports_files_into_the_only_account(tmp_path: Path) -> None:
    _, user = runner()
    paths = [
        str(TESTDATA / RUN_FIT),
        write(tmp_path, "again.fit", real(RUN_FIT)),
        write(tmp_path, "watch.fit", fit_run()),
        str(TESTDATA / "garmin-fenix-5-bike.fit"),
        write(tmp_path, "notes.txt", b"ran 5 km"),
    ]
    result = cli.invoke(app, ["runs", "import", *paths])
    # A rejected file is bad input: exit 2, after the good files are in.
    assert result.exit_code == 2, result.output
    assert result.stdout.splitlines() == [
        f"imported: {RUN_FIT}: a run of 4.84 km in 43.8 min on 6 February 2013.",
        "duplicate: again.fit: the run of 6 February 2013 (4.84 km) is already stored.",
        "imported: watch.fit: a run of 5.00 km in 25.0 min on 19 November 2026.",
        "skipped: garmin-fenix-5-bike.fit is not a run (the file says cycling).",
    ]
    assert result.stderr.splitlines() == [
        "rejected: notes.txt is not a GPX, TCX or FIT file: export your run in one of these "
        "formats.",
    ]
    assert m.Run.objects.filter(user=user).count() == 2


def test_cli_imports_a_clean_batch_with_exit_code_zero(tmp_path: Path) -> None:
    runner()
    result = cli.invoke(app, ["runs", "import", write(tmp_path, "watch.fit", fit_run())])
    assert result.exit_code == 0 and result.stderr == ""


def test_cli_refuses_a_device_before_importing_anything(tmp_path: Path) -> None:
    _, user = runner()
    good = write(tmp_path, "watch.fit", fit_run())
    result = cli.invoke(app, ["runs", "import", good, "/dev/zero"])
    assert result.exit_code == 2
    assert result.stderr == "error: /dev/zero: is not a regular file\n"
    assert not m.Run.objects.filter(user=user).exists()


def test_cli_needs_email_when_there_are_several_accounts(tmp_path: Path) -> None:
    runner()
    _, chosen = runner()
    path = write(tmp_path, "watch.fit", fit_run())
    result = cli.invoke(app, ["runs", "import", path])
    assert result.exit_code == 2
    assert "--email: this database holds several accounts" in result.stderr
    assert not m.Run.objects.exists()
    result = cli.invoke(app, ["runs", "import", path, "--email", chosen.email.upper()])
    assert result.exit_code == 0
    assert m.Run.objects.get().user == chosen


def test_cli_without_an_account_says_to_sign_up(tmp_path: Path) -> None:
    result = cli.invoke(app, ["runs", "import", write(tmp_path, "watch.fit", fit_run())])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no account in this database yet: sign up")


def test_cli_with_an_unknown_email_changes_nothing(tmp_path: Path) -> None:
    runner()
    path = write(tmp_path, "watch.fit", fit_run())
    result = cli.invoke(app, ["runs", "import", path, "--email", "nobody@example.com"])
    assert result.exit_code == 2
    assert "--email: no account with the email nobody@example.com" in result.stderr
    assert not m.Run.objects.exists()


def test_a_file_without_times_asks_for_the_duration_with_the_pain() -> None:
    client, user = runner()
    row = imported_run(user, "cerknicko-without-times.gpx")
    assert row.minutes is None
    # Other pages ask in one line that leads to Today, where the questions are.
    plan = client.get("/plan/").content.decode()
    assert 'href="/today/#rate-runs"' in plan and "the run you imported" in plan
    assert "how many minutes did it take?" not in plan
    assert "how many minutes did it take?" in client.get("/today/").content.decode()
    bad = client.post(f"/runs/{row.id}/rate/", {"pain_during": "2", "minutes": "-5"})
    assert bad.status_code == 400 and "Minutes" in bad.content.decode()
    row.refresh_from_db()
    assert (row.minutes, row.asks_for_pain) == (None, True)
    client.post(f"/runs/{row.id}/rate/", {"pain_during": "2", "minutes": "31.5"})
    row.refresh_from_db()
    assert (row.minutes, row.pain_during, row.asks_for_pain) == (31.5, 2, False)


def test_too_many_files_at_once_are_refused_naming_the_limit(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    user, token = account()
    answer = post_files([upload(RUN_FIT), upload(RUN_FIT), upload(RUN_FIT)], token)
    assert answer.status_code == 413
    assert answer.json() == {
        "detail": [{"field": "file", "message": "holds more than 2 files; send them in parts"}]
    }
    _, runner_user = runner()
    # As in a browser: the CSRF check reads the form first, and meets the limit there.
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner_user)
    form = client.get("/runs/import/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    files = [upload(RUN_FIT) for _ in range(3)]
    page = client.post("/runs/import/", {"csrfmiddlewaretoken": token[1], "file": files})
    assert page.status_code == 413
    assert "That is more than 2 files at once: send them in parts." in page.content.decode()
    assert not m.Run.objects.filter(user__in=[user, runner_user]).exists()
