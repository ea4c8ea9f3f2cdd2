"""Tiny text normalisation helpers shared by the PDF reader and the regulation parser.

Both the PDF path and the text/Markdown path must produce byte-identical logical lines for the
same regulation text, otherwise chunk ids and citations would differ depending on which form of
a document an admin dropped into the corpus. Keeping the normalisation in one place is what
makes that comparison (and the acceptance test) meaningful.
"""

from __future__ import annotations

import re

# Characters that carry no text but break word matching: zero-width space/joiners, BOM, and
# the soft hyphen that some PDF producers leave inside words.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WHITESPACE = re.compile(r"\s+")
# "Undang- Undang", "seluas- luasnya", "masing- masing": a hyphen followed by a space between
# two letters is a line-wrap artefact of the official PDFs (and of texts converted from them).
# A suspended hyphen before a conjunction ("pra- dan pascabencana") is real Indonesian usage,
# so it is left alone.
_BROKEN_HYPHEN = re.compile(r"(?<=[^\W\d_])- (?!(?:dan|atau|serta|maupun)\b)(?=[^\W\d_])")


def normalize_spaces(s: str) -> str:
    """Collapse all whitespace runs to one space, strip, and repair broken hyphenation.

    Used on every logical line so that text extracted from a PDF (where wrapping inserts line
    breaks and stray spaces) compares equal to the same text from a converted ``.md`` file.
    """
    s = _INVISIBLE.sub("", s)
    s = _WHITESPACE.sub(" ", s).strip()
    return _BROKEN_HYPHEN.sub("-", s)


def join_wrapped(head: str, tail: str) -> str:
    """Join two pieces of text that a line break separated, as if the break were not there.

    A line that ends with a hyphen right after a letter or digit was wrapped inside a hyphenated
    word ("Undang-" + "Undang", "CPEMBERITAHUAN-" + "KPU", "H-" + "1"), so the pieces are glued
    without a space; anything else gets exactly one space.
    """
    head = head.rstrip()
    tail = tail.lstrip()
    if not head:
        return tail
    if not tail:
        return head
    if head.endswith("-") and len(head) >= 2 and head[-2].isalnum() and tail[0].isalnum():
        return head + tail
    return head + " " + tail
