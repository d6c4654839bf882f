"""practices area: the library of practices members share, adopt and pass on."""

from app.practices import demo, routes, suggestion_routes  # noqa: F401  (register views, demo)
from app.practices.blueprint import bp
from app.practices.collections import routes as collection_routes  # noqa: F401
from app.practices.history import routes as history_routes  # noqa: F401

__all__ = ["bp"]
