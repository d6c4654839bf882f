"""The profiles area: the peer directory and each manager's profile.

`bp` is created in blueprint.py; importing the view modules here registers their routes on it.
"""

from app.profiles import routes  # noqa: F401  (register their views on bp)
from app.profiles.blueprint import bp
from app.profiles.photos import photo_url

# The avatar macro (templates/_people.html) shows a photo wherever it is drawn.
bp.add_app_template_global(photo_url, "photo_url")

__all__ = ["bp"]
