"""The peers blueprint: suggested peers, introductions, account data.

Only `bp` lives here; app/peers/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("peers", __name__, cli_group=None)
