"""Gunicorn settings for `make serve` (loaded with `--config python:app.gunicorn_hooks`).

After a worker has built the app, everything allocated so far (the app, its imports, numpy, the
matcher's libraries) is moved out of the garbage collector's sight with `gc.freeze()`. Those
objects live as long as the worker, and without this each full collection walks all of them:
0.13-0.16 s, which fell inside about one breakout generate in six.

Then the worker warms up in a background thread (app/services/warmup.py): the embedding model,
the peer index and the first pages' templates, so the first suggestions after a start are fast.
"""

from __future__ import annotations

import gc

from flask import Config


def on_starting(server) -> None:
    """Refuse to serve with a guessable SECRET_KEY or without PUBLIC_URL, before any worker starts."""
    from app.security import check_production_settings

    config = Config(".")
    config.from_object("config.Config")
    check_production_settings(config)


def post_worker_init(worker) -> None:
    """Freeze the startup heap once the worker's app is loaded, then warm up in the background."""
    gc.freeze()
    app = getattr(worker, "wsgi", None)
    if app is not None and hasattr(app, "app_context"):
        from app.services.warmup import warm_up

        warm_up(app)  # model, peer index and first templates, while the worker already serves
    worker.log.info(
        "Froze %d startup objects out of the garbage collector's scans", gc.get_freeze_count()
    )
