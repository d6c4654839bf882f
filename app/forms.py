"""Helpers shared by the forms of every area (the forms themselves live in app/<area>/forms.py)."""

from __future__ import annotations

from wtforms import SelectChoice


def options(names: dict[str | int, str]) -> list[SelectChoice]:
    """Select options from a value → label mapping, in its order.

    WTForms 3.3 deprecates (value, label) tuples as choices and 3.4 drops them: build choices here.
    """
    return [SelectChoice(value, label) for value, label in names.items()]
