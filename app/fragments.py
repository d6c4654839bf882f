"""Page or fragment: the one check every view uses to decide what an htmx request gets back."""

from __future__ import annotations

from flask import request


def wants_fragment() -> bool:
    """An htmx request that swaps part of the page (a history restore needs the full page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request
