"""The speed figures issue 10 adds to `make bench` beside web_load's: the Progress page
in-process, and the plan page flat at scale (PostgreSQL only). The set POST under 32 clients
is a scenario of web_load. Each part runs in a child process with settings of its own."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import progress_page
import scale


def main() -> None:
    progress_page.main()
    scale.main()


if __name__ == "__main__":
    main()
