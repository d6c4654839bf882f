"""The editions area: the coaches' tools for running an edition of the Academy.

One blueprint (blueprint.py), with sub-features beside the editions' own views (routes.py):
applications/, breakouts/ (sessions, rules, the group builder), homework/ and members/ (the
public list of editions and who took part), each with routes,
services, queries and forms, and dashboard.py. Importing the view modules here registers them.
"""

from app.editions import dashboard, routes  # noqa: F401  (register their views on bp)
from app.editions.applications import routes as application_routes  # noqa: F401
from app.editions.blueprint import bp
from app.editions.breakouts import routes as breakout_routes  # noqa: F401
from app.editions.homework import routes as homework_routes  # noqa: F401
from app.editions.members import routes as member_routes  # noqa: F401

__all__ = ["bp"]
