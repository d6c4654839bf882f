"""The auth area: registration, login, password reset.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.auth import routes  # noqa: F401  (register their views on bp)
from app.auth.blueprint import bp

__all__ = ["bp"]
