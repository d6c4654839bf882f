"""practices area: the library of practices members share, adopt and pass on."""

from app.practices import routes  # noqa: F401  (registers the views on bp)
from app.practices.blueprint import bp

__all__ = ["bp"]
