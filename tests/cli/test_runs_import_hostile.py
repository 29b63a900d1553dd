"""`backstride runs import` as a runner starts it, in its own process, given the deep GPX of
issue 9: the file is rejected and the command ends normally (exit 2), never killed (139)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.runfiles.files import deep_gpx, fit_run

ACCOUNT = (
    "from backstride.web.server import migrate; migrate(); "
    "from backstride.web.accounts.models import User; "
    "User.objects.create_user(email='runner@example.com', password='a calm long passphrase 7')"
)
COMMAND = str(Path(sys.executable).parent / "backstride")


def test_the_deep_gpx_is_rejected_and_the_good_file_still_imported(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BACKSTRIDE_DATA_DIR"] = str(tmp_path / "data")
    subprocess.run([sys.executable, "-c", ACCOUNT], env=env, check=True)
    deep, good = tmp_path / "deep.gpx", tmp_path / "watch.fit"
    deep.write_bytes(deep_gpx())
    good.write_bytes(fit_run())
    done = subprocess.run(
        [COMMAND, "runs", "import", str(deep), str(good)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # A rejected file is bad input: exit 2, after the good files are in.
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr == (
        "rejected: deep.gpx is not a valid GPX file: its XML elements nest deeper than 64 levels.\n"
    )
    assert done.stdout.startswith("imported: watch.fit: a run of 5.00 km")
