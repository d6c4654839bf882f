"""The errors blueprint: error pages and JSON errors.

Only `bp` lives here; app/errors/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("errors", __name__)
