"""`flask seed-demo` fills the library: 40+ practices written by managers, adopted across countries."""

from __future__ import annotations

from sqlalchemy import distinct, func, select

from app import reference
from app.extensions import db
from app.models import Practice, PracticeAdoption, PracticeCollection
from app.practices.demo import demo_practices


def test_the_demo_texts_are_complete_and_use_known_tags():
    practices = demo_practices()
    assert len(practices) >= 40
    assert len({p["title"] for p in practices}) == len(practices)
    for practice in practices:
        assert set(practice["themes"]) <= set(reference.themes())
        assert set(practice["ecosystems"]) <= set(reference.ecosystems())
        assert set(practice["maturities"]) <= set(reference.maturity_levels())
        assert practice["how_to"].startswith("1. ") and practice["results"]
        assert any(char.isdigit() for char in practice["results"])  # results come with numbers


def test_seeding_adds_the_practices_adopted_across_countries_and_a_toolkit(runner):
    result = runner.invoke(args=["seed-demo", "--profiles", "60", "--challenges", "20"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(Practice.id))) >= 40
    assert db.session.scalar(select(func.count(distinct(Practice.author_id)))) >= 10
    assert db.session.scalar(select(func.count(distinct(PracticeAdoption.country)))) >= 10
    assert (
        db.session.scalar(
            select(func.count(PracticeAdoption.id)).where(PracticeAdoption.story != "")
        )
        > 10
    )
    toolkit = db.session.scalar(select(PracticeCollection))
    assert toolkit.title.startswith("Toolkit of the") and len(toolkit.items) == 8
