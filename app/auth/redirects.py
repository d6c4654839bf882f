"""Redirect targets taken from requests: only paths on this site, so links cannot send people elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_local_path(target: str | None) -> str | None:
    """The target when it is a path on this site (like /challenges/?q=x); None for anything else."""
    target = (target or "").strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
