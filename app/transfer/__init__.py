"""Data in and out: people imported from CSV (admins; an edition's applicants, coaches), and the
directory, the challenge list and an edition's people, applications and groups exported as CSV or
JSON with only what the viewer may see. The JSON API is its own area (app/api)."""

from app.transfer import routes  # noqa: F401  (registers the views)
from app.transfer.blueprint import bp

__all__ = ["bp"]
