"""The account blueprint: a member's own data (download it) and deleting the account.

Only `bp` lives here; app/account/__init__.py imports the view module that adds routes to it.
"""

from __future__ import annotations

from flask import Blueprint

# No url_prefix: the pages live at /account.
bp = Blueprint("account", __name__)
