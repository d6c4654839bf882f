"""The peers area: suggested peers, introductions, suggestions for a challenge.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.peers import challenge_routes, routes  # noqa: F401  (register their views on bp)
from app.peers.blueprint import bp

__all__ = ["bp"]
