"""Where the runner's health data lives on disk: a private folder and private files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

MIGRATE = "from backstride.web.server import migrate; migrate()"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_its_files_are_the_runners_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BACKSTRIDE_DATA_DIR"] = str(folder)
    subprocess.run([sys.executable, "-c", MIGRATE], env=env, check=True)
    assert mode(folder) == 0o700
    assert mode(folder / "secret_key") == 0o600
    database = folder / "backstride.sqlite3"
    assert database.exists() and mode(database) == 0o600
    for wal in folder.glob("backstride.sqlite3-*"):
        assert mode(wal) == 0o600


def test_an_existing_folder_keeps_its_mode_but_the_database_is_made_private(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BACKSTRIDE_DATA_DIR"] = str(folder)
    subprocess.run([sys.executable, "-c", MIGRATE], env=env, check=True)
    assert mode(folder) == 0o755
    assert mode(folder / "backstride.sqlite3") == 0o600
