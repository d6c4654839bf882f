"""The challenges blueprint: challenges and their replies.

Only `bp` lives here; app/challenges/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("challenges", __name__, url_prefix="/challenges")
