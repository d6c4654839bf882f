"""The practice library's blueprint: tools, methods and services that worked, at /practices/."""

from flask import Blueprint

bp = Blueprint("practices", __name__, url_prefix="/practices")
