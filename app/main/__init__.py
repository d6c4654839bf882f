"""The main area: the home page, for visitors and for members.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.main import routes  # noqa: F401  (register their views on bp)
from app.main.blueprint import bp

__all__ = ["bp"]
