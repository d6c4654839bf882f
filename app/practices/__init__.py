"""practices area: the library of practices members share, adopt and pass on."""

from app.practices import collection_routes, demo, routes, suggestion_routes  # noqa: F401  (register views, demo)
from app.practices.blueprint import bp

__all__ = ["bp"]
