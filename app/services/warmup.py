"""Warming a fresh process up in the background, so the first pages after a start are not slow.

A new web worker (gunicorn's post_worker_init) or RQ worker (`flask worker`) starts one daemon
thread. In a web worker it first builds the peer index from the stored vectors and compiles the
templates (what every suggestion page needs), then loads the sentence-transformers model (seconds
of disk and CPU), which only a text without a stored vector needs. Requests are served
meanwhile: a page whose vectors are stored never waits for the model, and a challenge without
one says its suggestions are coming and asks again (app/peers/challenge_queries.py) instead of
waiting; a job that needs the model waits on the same lock instead of loading it twice. `WARM_UP=0` (or `WARM_UP = False` in a config, as in the tests) turns it off, and
`EMBEDDING_BACKEND=off` skips the model.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask
from threadpoolctl import threadpool_limits

from app.services import embedding

log = logging.getLogger(__name__)

#: Compute threads of a web worker (numpy/scipy BLAS, and torch unless EMBEDDING_THREADS says
#: otherwise). Its work is small (one short text, the index's matrix products) and several
#: workers share the CPUs: on the 2-CPU machine under load, two threads made building the index
#: 4-5x slower (1.2 s → 5-6 s) and embedding one text 10x slower (docs/benchmarks.md).
WEB_THREADS = 1

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
            if index:
                # Pages served from stored vectors need the index, not the model: index first.
                threadpool_limits(limits=WEB_THREADS)  # for the whole process, from now on
                build_index()
                compile_templates(app)
                load_model(threads=WEB_THREADS)
            else:
                load_model()
        except Exception:  # a failed warm-up only costs speed: the first request does the work
            log.exception("Warm-up failed; the first requests will load what they need")
            return
        finally:
            from app.extensions import db

            db.session.remove()
    log.info("Warm-up done in %.1f s", time.perf_counter() - started)


def load_model(*, threads: int | None = None) -> None:
    """Load the embedding model once for this process (no-op when embedding is off)."""
    if embedding.setting("EMBEDDING_BACKEND", "thread") == "off":
        return
    embedding.loaded_embedder(threads=threads)


def build_index() -> None:
    """Build this process's peer index from the stored vectors."""
    from app.services.peer_index import peer_snapshot

    peer_snapshot()


def compile_templates(app: Flask) -> None:
    """Compile the first pages' templates (Jinja caches them for the life of the process)."""
    for name in FIRST_TEMPLATES:
        app.jinja_env.get_template(name)
