"""Warming a fresh process up in the background, so the first pages after a start are not slow.

A new web worker (gunicorn's post_worker_init) or RQ worker (`flask worker`) starts one daemon
thread that loads the sentence-transformers model (seconds of disk and CPU), builds the peer
index from the stored vectors and compiles the templates. Requests are served meanwhile; one
that needs the model before the thread is done waits on the same lock instead of loading it a
second time. `WARM_UP=0` (or `WARM_UP = False` in a config, as in the tests) turns it off, and
`EMBEDDING_BACKEND=off` skips the model.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask

from app.services import embedding

log = logging.getLogger(__name__)

#: The pages people open first after a start; their templates compile in the warm-up thread.
FIRST_TEMPLATES = (
    "base.html",
    "main/index.html",
    "main/dashboard.html",
    "challenges/index.html",
    "challenges/detail.html",
    "profiles/directory.html",
    "profiles/detail.html",
    "peers/index.html",
)


def warm_up_enabled(app: Flask) -> bool:
    """Whether this app should warm up: on unless WARM_UP is off in the config or environment."""
    with app.app_context():
        value = embedding.setting("WARM_UP", "1")
    return str(value).lower() not in ("0", "false", "no", "off")


def warm_up(app: Flask, *, index: bool = True) -> threading.Thread | None:
    """Start the background warm-up (model, and for web processes the peer index and templates)."""
    if not warm_up_enabled(app):
        return None
    thread = threading.Thread(target=_run, args=(app, index), name="warm-up", daemon=True)
    thread.start()
    return thread


def _run(app: Flask, index: bool) -> None:
    started = time.perf_counter()
    with app.app_context():
        try:
            load_model()
            if index:
                build_index()
                compile_templates(app)
        except Exception:  # a failed warm-up only costs speed: the first request does the work
            log.exception("Warm-up failed; the first requests will load what they need")
            return
        finally:
            from app.extensions import db

            db.session.remove()
    log.info("Warm-up done in %.1f s", time.perf_counter() - started)


def load_model() -> None:
    """Load the embedding model once for this process (no-op when embedding is off)."""
    if embedding.setting("EMBEDDING_BACKEND", "thread") == "off":
        return
    embedding.embedder().embed(["Cluster Booster Community warm-up"])


def build_index() -> None:
    """Build this process's peer index from the stored vectors."""
    from app.services.peer_index import peer_snapshot

    peer_snapshot()


def compile_templates(app: Flask) -> None:
    """Compile the first pages' templates (Jinja caches them for the life of the process)."""
    for name in FIRST_TEMPLATES:
        app.jinja_env.get_template(name)
