"""End to end with the real all-MiniLM-L6-v2: texts in, `flask embed`, the right peer first with reasons."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import embedding
from tests.conftest import HTMX

pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def real_embedder():
    """The packaged model, loaded once for the whole session (the process cache keeps it)."""
    from matching.text.embedder import ModelUnavailableError

    try:
        model = embedding.embedder()
        model.embed(["warm up"])
    except ModelUnavailableError as exc:  # pragma: no cover - the model is installed in CI
        pytest.fail(str(exc))
    return model


def test_the_peer_whose_expertise_answers_my_needs_comes_first(
    app, real_embedder, make_user, login, runner
):
    asker = make_user(
        name="Ana Novak",
        country="SI",
        needs="We need advice on applying for Horizon Europe and Interreg funding for our members.",
    )
    make_user(
        name="Bo Berg",
        country="SE",
        expertise="We wrote twelve successful Interreg and Horizon Europe proposals with our SMEs.",
    )
    make_user(
        name="Cy Costa",
        country="PT",
        expertise="We organise wine tourism festivals and gastronomy events.",
    )
    db.session.commit()
    result = runner.invoke(args=["embed"])
    assert result.exit_code == 0 and embedding.stale_count() == 0
    html = login(asker).get("/peers/?tab=helpers", headers=HTMX).get_data(as_text=True)
    assert html.index("Bo Berg") < html.index("Cy Costa")
    assert "Their expertise meets your needs" in html
