"""The cohorts area: the Academy's editions as cohorts of members.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.cohorts import routes  # noqa: F401  (register their views on bp)
from app.cohorts.blueprint import bp

__all__ = ["bp"]
