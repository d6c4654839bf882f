"""Routes of the notifications area."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)
