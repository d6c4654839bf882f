"""Fixtures for the embedding tests: the fake embedder switched on."""

import pytest

FAKE = "tests.app.services.fake_embedder:FakeEmbedder"


@pytest.fixture
def fake_embedder(app):
    """Embed with the instant bag-of-words embedder instead of the model."""
    app.config["EMBEDDER_FACTORY"] = FAKE
    return app
