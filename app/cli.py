"""Command-line commands added to `flask`: seed-demo, demo-logins, embed, …"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the project's commands on the app's CLI."""
    from app.demo import commands as demo_commands

    demo_commands.init_app(app)
