"""The levels of a list's marks: which clause a sub-clause hangs from.

Motions and lists nest their marks ("d) a single source procurement BE
APPROVED ..." / "i) the Civic Administration BE AUTHORIZED ..." / "ii) ..."
/ "e) ..."). A point's lead-in is the clause it hangs from, not the last
clause that ended with a colon nor the list's opening sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# "a)", "(ii)", "3.", "B)"; a capital with a full stop is an initial ("A. Hopkins").
_MARK = re.compile(r"^[\W_]*?\(?(?:([a-z]{1,2}|[ivxl]{3,6}|\d{1,2})[.)]|([A-Z]|[IVX]{2,5})\))\s")
_FIRST = {"a", "A", "i", "I", "1", "01"}
_ROMAN = re.compile(r"^(?:[ivxl]+|[IVXL]+)$")


@dataclass(slots=True)
class Outline:
    """The clauses open at each level, outermost first."""

    levels: list[tuple[str, str, str]] = field(default_factory=list)  # (style, label, text)

    def place(self, text: str) -> str | None:
        """Put a clause in the outline; the text of the clause it hangs from,
        or None when it is one of the list's own points (or has no mark)."""
        match = _MARK.match(text)
        if match is None:
            return None
        label = match.group(1) or match.group(2)
        style = self._style(label)
        for n, (level_style, _, _) in enumerate(self.levels):
            if level_style == style:
                del self.levels[n:]
                break
        else:
            if label not in _FIRST:
                # "b)" in a style not open: a sub-list starts at "a)", so this
                # is the list's own point (its "a)" was in the opening text).
                self.levels.clear()
        parent = self.levels[-1][2] if self.levels else None
        self.levels.append((style, label, text))
        return parent

    def _style(self, label: str) -> str:
        if label.isdigit():
            return "number"
        case = "lower" if label.islower() else "upper"
        if len(label) > 1:
            return f"roman-{case}" if _ROMAN.match(label) else case
        if label not in "ivxIVX":
            return case
        # "i)" is a letter after "h)", a numeral after a clause that opens a
        # list ("h) the following actions be taken ...:") or anywhere else.
        if self.levels and self.levels[-1][2].rstrip().endswith(":"):
            return f"roman-{case}"
        before = chr(ord(label) - 1)
        letters = [lab for style, lab, _ in self.levels if style == case]
        return case if letters and letters[-1] == before else f"roman-{case}"
