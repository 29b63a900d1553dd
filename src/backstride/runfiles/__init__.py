"""Run files (GPX, TCX, FIT) read into core runs: pure functions over bytes, no Django;
`parse_run_file_isolated` reads one in a child process, for files from anyone."""

from backstride.runfiles.isolated import parse_run_file_isolated
from backstride.runfiles.parse import MAX_BYTES, parse_run_file
from backstride.runfiles.result import FileResult, kilometres

__all__ = [
    "MAX_BYTES",
    "FileResult",
    "kilometres",
    "parse_run_file",
    "parse_run_file_isolated",
]
