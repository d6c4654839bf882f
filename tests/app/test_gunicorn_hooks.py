"""The gunicorn hook `make serve` loads: a worker freezes its startup heap once its app is built."""

from __future__ import annotations

import gc
import logging
from types import SimpleNamespace

from app.gunicorn_hooks import post_worker_init


def test_post_worker_init_freezes_the_startup_heap(caplog):
    worker = SimpleNamespace(log=logging.getLogger("gunicorn-test"))
    try:
        with caplog.at_level(logging.INFO, logger="gunicorn-test"):
            post_worker_init(worker)
        assert gc.get_freeze_count() > 0
        assert "startup objects" in caplog.text
    finally:
        gc.unfreeze()
