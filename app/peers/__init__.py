"""The peers area: suggested peers, introductions, account data.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.peers import account, challenge_routes, cli, demo, receivers, routes  # noqa: F401  (register their views on bp)
from app.peers.blueprint import bp

__all__ = ["bp"]
