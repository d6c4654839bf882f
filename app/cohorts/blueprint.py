"""The cohorts blueprint: the Academy's editions as cohorts of members.

Only `bp` lives here; app/cohorts/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")
