"""The admin area: user management and the outbox.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.admin import routes  # noqa: F401  (register their views on bp)
from app.admin.blueprint import bp

__all__ = ["bp"]
