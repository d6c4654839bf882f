"""The main blueprint: the home page, for visitors and for members.

Only `bp` lives here; app/main/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("main", __name__)
