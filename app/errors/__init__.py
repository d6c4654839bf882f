"""The errors area: error pages and JSON errors.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.errors import routes  # noqa: F401  (register their views on bp)
from app.errors.blueprint import bp

__all__ = ["bp"]
