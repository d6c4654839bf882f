"""Sentence banks for demo challenges and replies, one set per theme.

Titles, the situation, what was tried, the question, and replies that draw on the replying peer's
own cluster ({my_region}, {my_members}, {my_org}); openers and closers vary how replies start and end. Slots are filled from vocabulary.py. The sentences
themselves are data, in app/demo/data/challenge_banks.json, read once at import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

BANKS_FILE = Path(__file__).resolve().parent / "data" / "challenge_banks.json"


@dataclass(frozen=True)
class Thread:
    """One challenge's story: its title, situation, the questions it ends on, the replies it gets."""

    title: str
    situation: str
    questions: tuple[str, ...]
    replies: tuple[str, ...]


@dataclass(frozen=True)
class ThemeBank:
    """Everything needed to write a challenge about one theme, and replies to it."""

    titles: tuple[str, ...]
    situations: tuple[str, ...]
    tried: tuple[str, ...]
    questions: tuple[str, ...]
    replies: tuple[str, ...]
    threads: tuple[Thread, ...]

    @classmethod
    def from_dict(cls, sentences: dict[str, list]) -> ThemeBank:
        """A bank from its JSON object: sentence lists, and threads as indexes into them."""
        lists = {name: tuple(items) for name, items in sentences.items() if name != "threads"}
        threads = tuple(
            Thread(
                title=lists["titles"][title],
                situation=lists["situations"][situation],
                questions=tuple(lists["questions"][q] for q in questions),
                replies=tuple(lists["replies"][r] for r in replies),
            )
            for title, situation, questions, replies in sentences["threads"]
        )
        return cls(**lists, threads=threads)


def _load_banks() -> tuple[dict[str, ThemeBank], dict[str, tuple[str, ...]]]:
    """(banks by theme, in the file's order; the other lists by name)."""
    with open(BANKS_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    banks = {
        theme: ThemeBank.from_dict(sentences) for theme, sentences in data.pop("themes").items()
    }
    return banks, {name: tuple(lines) for name, lines in data.items() if name != "note"}


# The order of BANKS matters: the seed draws themes from list(BANKS).
BANKS, _LINES = _load_banks()
TRIED_INTRO, CLOSING = _LINES["tried_intro"], _LINES["closing"]
REPLY_OPENERS, REPLY_OWN_INTROS, REPLY_CLOSERS = (
    _LINES["reply_openers"],
    _LINES["reply_own_intros"],
    _LINES["reply_closers"],
)
