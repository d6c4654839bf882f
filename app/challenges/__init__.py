"""The challenges area: challenges and their replies.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.challenges import replies, routes  # noqa: F401  (register their views on bp)
from app.challenges.blueprint import bp

__all__ = ["bp"]
