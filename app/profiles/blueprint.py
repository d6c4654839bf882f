"""The profiles blueprint: the peer directory and each manager's profile.

Only `bp` lives here; app/profiles/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("profiles", __name__, url_prefix="/profiles")
