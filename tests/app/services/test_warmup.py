"""A starting web or RQ worker warms up in the background: the model, the peer index, the templates."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from app.gunicorn_hooks import post_worker_init
from app.services import embedding, warmup


@pytest.fixture(autouse=True)
def thread_limits(monkeypatch):
    """The compute-thread limits a warm-up sets (recorded, not applied to the test process)."""
    limits = []
    monkeypatch.setattr(warmup, "threadpool_limits", lambda **options: limits.append(options))
    return limits


def test_warm_up_is_off_in_the_tests_unless_asked_for(app):
    assert warmup.warm_up(app) is None


def test_warm_up_loads_the_model_builds_the_index_and_compiles_templates(
    app, fake_embedder, monkeypatch
):
    app.config.update(WARM_UP=True, EMBEDDING_BACKEND="thread")
    monkeypatch.setattr(embedding, "_embedders", {})
    monkeypatch.setattr(embedding, "_loaded", set())
    compiled = []
    monkeypatch.setattr(app.jinja_env, "get_template", lambda name, *a, **k: compiled.append(name))
    thread = warmup.warm_up(app)
    thread.join(timeout=30)
    assert not thread.is_alive()
    factory = app.config["EMBEDDER_FACTORY"]
    assert [key for key in embedding._embedders if key.startswith(factory)]  # the model is loaded
    assert embedding.model_ready()
    assert app.extensions.get("peer_snapshot") is not None
    assert "challenges/detail.html" in compiled


def test_a_web_worker_builds_the_index_before_loading_the_model_on_one_thread(
    app, fake_embedder, monkeypatch, thread_limits
):
    """Pages served from stored vectors need only the index: it comes first, then the model."""
    app.config.update(WARM_UP=True, EMBEDDING_BACKEND="thread")
    monkeypatch.setattr(embedding, "_embedders", {})
    monkeypatch.setattr(embedding, "_loaded", set())
    order = []
    monkeypatch.setattr(warmup, "build_index", lambda: order.append("index"))
    monkeypatch.setattr(
        embedding, "loaded_embedder", lambda **options: order.append(("model", options))
    )
    warmup.warm_up(app).join(timeout=30)
    assert order == ["index", ("model", {"threads": 1})]
    assert thread_limits == [{"limits": 1}]


def test_an_rq_worker_loads_the_model_but_builds_no_index(app, fake_embedder, monkeypatch):
    app.config.update(WARM_UP=True, EMBEDDING_BACKEND="rq")
    monkeypatch.setattr(embedding, "_embedders", {})
    monkeypatch.setattr(embedding, "_loaded", set())
    warmup.warm_up(app, index=False).join(timeout=30)
    assert [key for key in embedding._embedders if key.startswith(app.config["EMBEDDER_FACTORY"])]
    assert embedding.model_ready()
    assert app.extensions.get("peer_snapshot") is None


def test_with_embedding_off_no_model_is_loaded(app, fake_embedder, monkeypatch):
    app.config.update(WARM_UP=True, EMBEDDING_BACKEND="off")
    monkeypatch.setattr(embedding, "_embedders", {})
    warmup.warm_up(app).join(timeout=30)
    assert embedding._embedders == {}
    assert app.extensions.get("peer_snapshot") is not None


def test_a_failed_warm_up_is_logged_and_harmless(app, monkeypatch, caplog):
    app.config["WARM_UP"] = True

    def broken(**options):
        raise RuntimeError("disk unreadable")

    monkeypatch.setattr(warmup, "load_model", broken)
    with caplog.at_level(logging.ERROR):
        warmup.warm_up(app).join(timeout=30)
    assert "Warm-up failed" in caplog.text


def test_the_gunicorn_hook_starts_the_warm_up_for_the_workers_app(app, monkeypatch):
    import gc

    started = []
    monkeypatch.setattr(warmup, "warm_up", lambda application, **kw: started.append(application))
    try:
        post_worker_init(SimpleNamespace(log=logging.getLogger("gunicorn-test"), wsgi=app))
    finally:
        gc.unfreeze()
    assert started == [app]
