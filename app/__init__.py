"""The Cluster Booster Community web application: `create_app` builds it."""

from __future__ import annotations

import logging
from importlib import import_module
from pathlib import Path

from flask import Flask

from app import request_guards, security
from app.extensions import csrf, db, htmx, limiter, login_manager, migrate

# Imported under another name: importing the app.mail submodule rebinds `app.mail` in this namespace.
from app.extensions import mail as mail_extension

ROOT = Path(__file__).resolve().parent.parent

# Each area is a package app/<area>/ whose __init__ exposes `bp` (created in its blueprint.py);
# an area that only has routes.py with `bp` is registered too. The order only matters for the nav.
BLUEPRINTS = (
    "main",
    "auth",
    "profiles",
    "challenges",
    "practices",
    "peers",
    "account",
    "messages",
    "notifications",
    "editions",
    "meetings",
    "admin",
    "transfer",
    "errors",
)


def create_app(config: object | str = "config.Config") -> Flask:
    """Build the app from a config object (or its import path)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config)
    security.init_app(app)
    request_guards.init_app(app)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    Path(app.instance_path).mkdir(exist_ok=True)
    register_extensions(app)
    register_blueprints(app)
    register_receivers(app)
    register_api(app)
    register_template_helpers(app)
    register_cli(app)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


# How the app talks to PostgreSQL. No server-side prepared statements: psycopg would prepare a
# query after five runs, and PostgreSQL then reuses one generic plan that cannot see the search
# pattern (a LIKE '%…%' it must guess), which made the challenge list's text search 10x slower.
# And random_page_cost for a database held in memory or on SSD (PostgreSQL's default assumes
# spinning disks), so the planner takes the search documents' trigram indexes over a scan.
POSTGRESQL_CONNECT_ARGS = {"prepare_threshold": None, "options": "-c random_page_cost=1.1"}


def engine_options(config) -> dict:
    """SQLAlchemy engine options for the configured database (PostgreSQL gets its connect args)."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("postgresql"):
        options["connect_args"] = {**POSTGRESQL_CONNECT_ARGS, **options.get("connect_args", {})}
    return options


def register_extensions(app: Flask) -> None:
    """Attach the unbound extensions from app.extensions."""
    import_module("app.models")  # every table registered before create_all and migrations
    import_module("app.search")  # its before_flush hook keeps the search documents current

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    mail_extension.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)

    from app.auth.sessions import user_for_session_id

    login_manager.user_loader(user_for_session_id)


def register_blueprints(app: Flask) -> None:
    """Register every area's blueprint: app.<area>.bp, or else app.<area>.routes.bp."""
    for area in BLUEPRINTS:
        package = import_module(f"app.{area}")
        blueprint = getattr(package, "bp", None) or import_module(f"app.{area}.routes").bp
        app.register_blueprint(blueprint)


def register_receivers(app: Flask) -> None:
    """Connect the areas' signal receivers (app/signals.py) explicitly, in this order."""
    from app.editions import demo as editions_demo
    from app.peers import demo as peers_demo
    from app.peers import receivers as peers_receivers

    for module in (peers_receivers, peers_demo, editions_demo):
        module.connect_receivers()


def register_api(app: Flask) -> None:
    """The JSON API under /api/v1 with its OpenAPI document (app/api)."""
    from app import api

    api.init_app(app)


def register_template_helpers(app: Flask) -> None:
    """Reference names and small formatters every template may use."""
    from app import templating

    templating.init_app(app)


def register_cli(app: Flask) -> None:
    """The `flask seed-demo`, `flask embed`, … commands."""
    from app import cli

    cli.init_app(app)
