"""Small text helpers for reasons: sentences, quotes and term lists."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def split_sentences(text: str) -> list[str]:
    """Non-empty sentences of a text."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def quote(text: str, limit: int = 90) -> str:
    """The text in quotes, shortened at a word boundary to about `limit` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return f"“{text}”"


def term_list(terms: Sequence[str]) -> str:
    """Terms quoted and joined for a reason line."""
    return ", ".join(f"“{term}”" for term in terms)
