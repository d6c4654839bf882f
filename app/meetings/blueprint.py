"""The meetings area's blueprint."""

from flask import Blueprint

bp = Blueprint("meetings", __name__, url_prefix="/meetings", cli_group=None)
