"""The exercise figures: our own articulated body, posed by keyframes kept in the catalog,
checked against anatomy and drawn as an animated SVG."""

from backstride.core.figures.check import problems
from backstride.core.figures.model import Figure, Key
from backstride.core.figures.svg import Drawing, alt_text, render

__all__ = ["Drawing", "Figure", "Key", "alt_text", "problems", "render"]
