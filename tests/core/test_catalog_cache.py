"""The catalog's parse kept between processes: served only under the key of the files' bytes,
always equal to a fresh validation, and never a reason to fail."""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from backstride.core.catalog import CatalogError, _sources, load_catalog, parse_cache, read_catalog

PACKAGED = files("backstride.core.catalog")


def copy_of_catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    folder.mkdir()
    for resource in PACKAGED.iterdir():
        if resource.name.endswith(".toml"):
            (folder / resource.name).write_bytes(resource.read_bytes())
    return folder


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a catalog that is parsed again fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the catalog was parsed again instead of read from the cache")

    monkeypatch.setattr(tomllib, "loads", refuse)


def stored(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / parse_cache.NAME).read_text("utf-8"))
    return data


def test_the_cached_catalog_equals_a_freshly_validated_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = read_catalog(PACKAGED)
    assert read_catalog(PACKAGED, [tmp_path]) == fresh  # a miss: parsed, then stored
    no_parsing(monkeypatch)
    cached = read_catalog(PACKAGED, [tmp_path])
    assert cached == fresh
    assert cached.ladder == fresh.ladder and cached.variants == fresh.variants
    assert list(cached.exercises) == list(fresh.exercises)
    assert load_catalog() == fresh


def test_a_changed_file_is_not_served_from_the_cache(tmp_path: Path) -> None:
    folder, cache = copy_of_catalog(tmp_path), tmp_path / "cache"
    before = read_catalog(folder, [cache])
    old_key = stored(cache)["key"]
    path = folder / "dead_bug.toml"
    path.write_text(path.read_text("utf-8").replace('name = "Dead bug"', 'name = "Dead beetle"'))
    after = read_catalog(folder, [cache])
    assert before["dead_bug"].name == "Dead bug"
    assert after["dead_bug"].name == "Dead beetle"
    assert after == read_catalog(folder)
    assert stored(cache)["key"] != old_key


def test_a_broken_file_fails_even_when_an_older_parse_is_cached(tmp_path: Path) -> None:
    folder, cache = copy_of_catalog(tmp_path), tmp_path / "cache"
    read_catalog(folder, [cache])
    (folder / "dead_bug.toml").write_text('id = "dead_bug"\nname = ')
    with pytest.raises(CatalogError, match=r"dead_bug\.toml"):
        read_catalog(folder, [cache])


def test_a_stored_parse_under_another_key_is_ignored(tmp_path: Path) -> None:
    read_catalog(PACKAGED, [tmp_path])
    forged = stored(tmp_path)
    forged["files"]["dead_bug.toml"]["name"] = "Not the dead bug"
    forged["key"] = "0" * 64
    (tmp_path / parse_cache.NAME).write_text(json.dumps(forged))
    assert read_catalog(PACKAGED, [tmp_path]) == read_catalog(PACKAGED)


def test_a_stored_parse_that_does_not_validate_falls_back_to_the_files(tmp_path: Path) -> None:
    read_catalog(PACKAGED, [tmp_path])
    damaged = stored(tmp_path)
    damaged["files"]["dead_bug.toml"]["dosage"]["sets"] = 99
    (tmp_path / parse_cache.NAME).write_text(json.dumps(damaged))
    assert read_catalog(PACKAGED, [tmp_path]) == read_catalog(PACKAGED)
    assert stored(tmp_path)["files"]["dead_bug.toml"]["dosage"]["sets"] != 99  # stored anew


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff not json",
        b"[1, 2]",
        b'{"key": 1}',
        b'{"key": "k", "files": []}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["empty", "not json", "a list", "no files", "files not a mapping", "nested too deep"],
)
def test_a_garbled_cache_file_is_a_miss(tmp_path: Path, content: bytes) -> None:
    (tmp_path / parse_cache.NAME).write_bytes(content)
    assert read_catalog(PACKAGED, [tmp_path]) == read_catalog(PACKAGED)
    assert stored(tmp_path)["key"] == parse_cache.cache_key(_sources(PACKAGED))


def test_an_unreadable_or_unwritable_cache_never_fails(tmp_path: Path) -> None:
    (tmp_path / parse_cache.NAME).mkdir()  # a folder where the file should be
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("")
    assert read_catalog(PACKAGED, [tmp_path, not_a_folder]) == read_catalog(PACKAGED)


def test_the_next_folder_takes_the_cache_when_the_first_cannot(tmp_path: Path) -> None:
    not_a_folder, beside = tmp_path / "a file", tmp_path / "beside"
    not_a_folder.write_text("")
    read_catalog(PACKAGED, [not_a_folder, beside])
    assert (beside / parse_cache.NAME).is_file()


def test_the_cache_lives_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folders = parse_cache.default_folders()
    assert folders[0] == tmp_path / "backstride"
    assert folders[-1].name == "__pycache__"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says: ignore it
    assert parse_cache.default_folders()[0] != Path("relative/path") / "backstride"
