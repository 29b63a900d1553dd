"""GPX and TCX documents bounded before any reader builds them: nesting depth, element
count, no DOCTYPE, and well-formed (issue 9)."""

from __future__ import annotations

from xml.parsers import expat

import pytest

from backstride.runfiles import MAX_BYTES, parse_run_file, xml_bounds
from backstride.runfiles.result import Unreadable
from backstride.runfiles.xml_bounds import MAX_DEPTH, MAX_ELEMENTS, check_xml
from tests.runfiles.files import TESTDATA, deep_gpx, gpx_run, tcx_run

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" if n > 1 else "&lol;" * 10}">' for n in range(1, 10)
    )
    + "]>"
)


def nested(levels: int) -> str:
    """A document whose elements nest exactly `levels` deep."""
    return "<a>" * levels + "</a>" * levels


def test_the_deep_gpx_of_issue_9_is_refused_before_gpxpy_reads_it() -> None:
    # Read by gpxpy, this file overflowed the C stack and killed the process (SIGSEGV).
    result = parse_run_file("deep.gpx", deep_gpx())
    assert result.status == "rejected"
    assert result.message == (
        "deep.gpx is not a valid GPX file: its XML elements nest deeper than 64 levels."
    )


def test_a_deep_tcx_is_refused_too() -> None:
    data = tcx_run().replace(b"<Track>", b"<Track>" + nested(MAX_DEPTH).encode(), 1)
    result = parse_run_file("deep.tcx", data)
    assert result.status == "rejected"
    assert "its XML elements nest deeper than 64 levels" in result.message


def test_the_depth_bound_admits_64_levels_and_refuses_65() -> None:
    check_xml(nested(MAX_DEPTH), "GPX")
    with pytest.raises(Unreadable, match="nest deeper than 64 levels"):
        check_xml(nested(MAX_DEPTH + 1), "GPX")


def test_the_shared_real_files_are_well_inside_the_depth_bound() -> None:
    for path in TESTDATA.glob("*.[gt][pc]x"):
        check_xml(path.read_bytes(), "GPX")
    assert 4 * max(depth(p.read_bytes()) for p in TESTDATA.glob("*.[gt][pc]x")) <= MAX_DEPTH


def test_too_many_elements_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xml_bounds, "MAX_ELEMENTS", 100)
    check_xml("<a>" + "<b/>" * 99 + "</a>", "TCX")
    with pytest.raises(Unreadable, match="TCX file: it holds more than 100 XML elements"):
        check_xml("<a>" + "<b/>" * 100 + "</a>", "TCX")


def test_the_element_bound_admits_20_mb_of_the_densest_real_file() -> None:
    # Bytes per element of the shared recorded tracks (38 to 53): the bound must hold a
    # file of the size cap written as densely as the densest of them, with room to spare.
    tracks = [p for p in TESTDATA.glob("*.[gt][pc]x") if p.stat().st_size > 10_000]
    densest = min(p.stat().st_size / elements(p.read_bytes()) for p in tracks)
    assert 3 * MAX_BYTES / densest <= MAX_ELEMENTS


@pytest.mark.parametrize("kind", ["gpx", "tcx"])
def test_a_doctype_is_refused_so_no_entity_is_ever_expanded(kind: str) -> None:
    document = gpx_run() if kind == "gpx" else tcx_run()
    declaration, _, rest = document.decode().partition("?>")
    data = f"{declaration}?>{BILLION_LAUGHS}{rest}".replace("<trk>", "<trk><name>&lol9;</name>")
    result = parse_run_file(f"laughs.{kind}", data.encode())
    assert result.status == "rejected"
    assert result.message == (
        f"laughs.{kind} is not a valid {kind.upper()} file: it declares a DOCTYPE, "
        "which run files never do."
    )


def test_a_gpx_well_formed_only_once_gpxpy_drops_its_xmlns_is_refused() -> None:
    # gpxpy removes the first default xmlns before parsing: a document expat refuses for a
    # duplicate attribute would reach gpxpy whole, unchecked, if the scan gave up there.
    data = deep_gpx().replace(b'<gpx version="1.1"', b'<gpx xmlns="a" xmlns="b" version="1.1"')
    result = parse_run_file("twice.gpx", data)
    assert result.status == "rejected"
    assert result.message.startswith(
        "twice.gpx is not a valid GPX file: it may be cut off or damaged (duplicate attribute"
    )


def test_a_gpx_in_another_encoding_is_scanned_as_gpxpy_reads_it() -> None:
    data = gpx_run().decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    data = data.replace("<trk>", "<trk><name>Lauf über den Wörthersee</name>")
    assert parse_run_file("latin.gpx", data.encode("latin-1")).status == "run"


def depth(data: bytes) -> int:
    levels, deepest = 0, 0

    def start(name: str, attributes: object) -> None:
        nonlocal levels, deepest
        levels += 1
        deepest = max(deepest, levels)

    def end(name: str) -> None:
        nonlocal levels
        levels -= 1

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.Parse(data, True)
    return deepest


def elements(data: bytes) -> int:
    count = 0

    def start(name: str, attributes: object) -> None:
        nonlocal count
        count += 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(data, True)
    return count
