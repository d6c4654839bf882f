"""The profiles area: the peer directory and each manager's profile.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.profiles import routes  # noqa: F401  (register their views on bp)
from app.profiles.blueprint import bp

__all__ = ["bp"]
