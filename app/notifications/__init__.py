"""The notifications area: the bell, the list, preferences and the weekly digest.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.notifications import routes  # noqa: F401  (register their views on bp)
from app.notifications.blueprint import bp

__all__ = ["bp"]
