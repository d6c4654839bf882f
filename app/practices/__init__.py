"""practices area: the library of practices members share, adopt and pass on."""

from app.practices import routes, suggestion_routes  # noqa: F401  (register the views on bp)
from app.practices.blueprint import bp

__all__ = ["bp"]
