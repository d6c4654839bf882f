"""The notifications blueprint: the bell, the list, preferences and the weekly digest.

Only `bp` lives here; app/notifications/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications", cli_group=None)
