"""Bounds on a GPX or TCX document, checked by a streaming scan before gpxpy or tcxreader
builds anything: how deep its elements nest, how many there are, and no DOCTYPE."""

from __future__ import annotations

from xml.parsers import expat

from backstride.runfiles.result import Unreadable

# Real files nest 4 to 9 levels (TCX: TrainingCenterDatabase, Activities, Activity, Lap,
# Track, Trackpoint, Extensions, TPX, Speed); 64 leaves room for any extension a device
# adds. A GPX nested 150,000 deep once overflowed the C stack in gpxpy's copy.deepcopy and
# killed the server worker; at 64 levels no reader's recursion comes near a stack's end
# (Python's own limit is 1,000 frames).
MAX_DEPTH = 64
# The shared real files hold one element per 38 to 53 bytes, so a 20 MB file (the cap) of
# track points holds about 550,000. Two million admits files four times as dense as the
# densest of them, and keeps a crafted file of tiny elements from building a tree the size
# of what 20 MB of empty tags would give (5 million).
MAX_ELEMENTS = 2_000_000


class _Scan:
    """Counts as expat reads; raising in a handler stops the parse at once."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.depth = 0
        self.elements = 0

    def start(self, name: str, attributes: object) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH:
            raise Unreadable(
                f"is not a valid {self.kind} file: its XML elements nest deeper than "
                f"{MAX_DEPTH} levels."
            )
        if self.elements > MAX_ELEMENTS:
            raise Unreadable(
                f"is not a valid {self.kind} file: it holds more than {MAX_ELEMENTS:,} "
                "XML elements."
            )

    def end(self, name: str) -> None:
        self.depth -= 1

    def doctype(self, *declaration: object) -> None:
        # Entities are declared in a DOCTYPE, and expanding them is how a few hundred bytes
        # become gigabytes ("billion laughs"). GPX and TCX never declare one.
        raise Unreadable(
            f"is not a valid {self.kind} file: it declares a DOCTYPE, which run files never do."
        )


def check_xml(document: bytes | str, kind: str) -> None:
    """Refuse (Unreadable) a document that is not well-formed or is outside the bounds;
    `document` is exactly what the reader will be given, so both read the same characters.
    expat reads iteratively: no depth overflows it."""
    scan = _Scan(kind)
    parser = expat.ParserCreate()
    parser.ordered_attributes = True  # a list per element, cheaper than a dict (a third)
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.StartDoctypeDeclHandler = scan.doctype
    parser.EntityDeclHandler = scan.doctype
    try:
        parser.Parse(document, True)
    except expat.ExpatError as error:
        # Not well-formed XML: refused here rather than handed on, since a reader may read
        # past what expat refuses (gpxpy drops a root `xmlns` first). The words are the
        # readers' own for a broken file.
        raise Unreadable(
            f"is not a valid {kind} file: it may be cut off or damaged ({error})."
        ) from None
