"""Routes of the main area: the home page."""

from flask import Blueprint, render_template

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """Home: placeholder until the home page lands."""
    return render_template("main/index.html")
