"""The account area: a member's own data as a download, and deleting the account.

`bp` is created in blueprint.py; importing the view module here registers its routes on it.
"""

from app.account import routes  # noqa: F401  (register its views on bp)
from app.account.blueprint import bp

__all__ = ["bp"]
