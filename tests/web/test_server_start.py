"""`backstride serve` starts quickly: static files are collected (and compressed) again
only when one of them changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

COLLECT = (
    "from backstride.web.server import migrate, collect_static; migrate(); print(collect_static())"
)


def _collect(folder: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BACKSTRIDE_DATA_DIR"] = str(folder)
    done = subprocess.run(
        [sys.executable, "-c", COLLECT], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def test_static_files_are_collected_once_and_again_only_when_they_change(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert _collect(folder) == "True"
    assert (folder / "static" / "backstride" / "style.css.gz").exists()
    assert _collect(folder) == "False"
    (folder / "static" / ".collected").write_text("an older set of files")
    assert _collect(folder) == "True"
