"""Practice library pages for `make bench-web`, at 5,000 practices.

`prepare` bulk-inserts 5,000 practices made from the demo texts (app/practices/data), spread over
the seeded authors, with their tags, varied adopter counts and a 384-d vector each: the real
model's vector of its demo text (46 texts, embedded once) plus noise, so the ~110 copies of a demo
practice sit close together as real near-duplicates would, and searches by meaning find close
practices to explain (random vectors would all score ~0 and return nothing). Without the model
the centres are random. The practice index is built once per process, during the warm-up, and
rebuilt only when the stored practice vectors change.

"Find practices like this" is timed twice: with one described challenge (embedded on the first
request, then cached per process) and with a new text each request (the model runs every time).

Targets: the list page p95 ≤ 50 ms (bench-web's target) and "practices like this" ≤ 100 ms.

Run directly (`python benchmarks/web_scenarios_practices.py`) it seeds the same community as
`make bench-web` (10,000 profiles, 20,000 challenges) plus these 5,000 practices, on SQLite and on
PostgreSQL when it answers, times only this section's pages and records them in docs/benchmarks.md:
the whole bench-web run spends most of its time on other areas' pages.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sqlalchemy import delete, func, insert, select  # noqa: E402

from app import search  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Challenge, Practice, PracticeTag, StoredVector, User, utcnow  # noqa: E402
from app.practices.demo import demo_practices  # noqa: E402
from app.text import render_markdown  # noqa: E402
from matching.text.embedder import DIMENSIONS  # noqa: E402

SECTION = "Practice library (5,000 practices, model vectors of the demo texts plus noise)"
DESCRIBED = "Small companies find our membership fees too high and leave after the first year."
PRACTICES = 5_000
HTMX = {"HX-Request": "true"}
_state: dict = {}


def prepare(app) -> None:
    """5,000 practices from the demo texts, their tags and vectors, bulk-inserted."""
    rng = random.Random(14)
    texts = demo_practices()
    authors = list(
        db.session.scalars(select(User.id).where(User.role.in_(("participant", "alumni"))))
    )
    rendered = {
        t["title"]: (render_markdown(t["how_to"]), render_markdown(t["results"])) for t in texts
    }
    now = utcnow()
    rows = []
    for n in range(PRACTICES):
        text = texts[n % len(texts)]
        title = f"{text['title']} ({n // len(texts) + 1})"
        rows.append(
            {
                "author_id": rng.choice(authors),
                "title": title,
                "summary": text["summary"],
                "kind": text["kind"],
                "problem": text["problem"],
                "how_to": text["how_to"],
                "how_to_html": rendered[text["title"]][0],
                "needs_time": text["needs_time"],
                "needs_budget": text["needs_budget"],
                "needs_team": text["needs_team"],
                "results": text["results"],
                "results_html": rendered[text["title"]][1],
                "languages": text["languages"],
                "visibility": "cohorts" if n % 10 == 0 else "community",
                "published": n % 50 != 0,
                "moderation_note": "",
                "adopters_count": int(rng.paretovariate(1.5)) - 1,
                "search_document": search.FIELD_SEPARATOR.join(
                    search.fold(t)
                    for t in (title, text["summary"], text["problem"], text["how_to"])
                ),
                "created_at": now,
                "updated_at": now,
            }
        )
    first = (db.session.scalar(select(func.max(Practice.id))) or 0) + 1
    db.session.execute(insert(Practice), rows)
    ids = list(
        db.session.scalars(select(Practice.id).where(Practice.id >= first).order_by(Practice.id))
    )
    tags = [
        {"practice_id": pid, "kind": kind, "value": value, "position": position}
        for pid, text in zip(ids, (texts[n % len(texts)] for n in range(PRACTICES)), strict=True)
        for kind, values in (
            ("theme", text["themes"]),
            ("ecosystem", text["ecosystems"]),
            ("maturity", text["maturities"]),
        )
        for position, value in enumerate(values)
    ]
    db.session.execute(insert(PracticeTag), tags)
    centres = _centres(texts)
    noise = np.random.default_rng(14).standard_normal((len(ids), DIMENSIONS)).astype(np.float32)
    vectors = centres[np.arange(len(ids)) % len(texts)] + 0.03 * noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    db.session.execute(
        insert(StoredVector),
        [
            {
                "owner_kind": "practice",
                "owner_id": pid,
                "field": "text",
                "vector": vector.tobytes(),
                "model_name": "random-bench",
                "text_hash": "",
                "stale": False,
            }
            for pid, vector in zip(ids, vectors, strict=True)
        ],
    )
    _state["practice"] = ids[len(ids) // 2 + 1]
    _state["challenge"] = db.session.scalar(
        select(Challenge.id).order_by(Challenge.id.desc()).limit(1)
    )
    # The challenge speaks of membership fees: its vector is the first fee practice's centre.
    fees = next(i for i, t in enumerate(texts) if "fee" in t["title"].lower())
    db.session.execute(
        delete(StoredVector).where(
            StoredVector.owner_kind == "challenge", StoredVector.owner_id == _state["challenge"]
        )
    )
    db.session.execute(
        insert(StoredVector),
        [
            {
                "owner_kind": "challenge",
                "owner_id": _state["challenge"],
                "field": "text",
                "vector": centres[fees].tobytes(),
                "model_name": "bench",
                "text_hash": "",
                "stale": False,
            }
        ],
    )


def _centres(texts: list[dict]) -> np.ndarray:
    """The model's unit vectors of the demo practices' texts; random ones without the model."""
    try:
        from app.services.embedding import embedder

        joined = ["\n\n".join((t["title"], t["summary"], t["problem"], t["how_to"])) for t in texts]
        centres = np.asarray(embedder().embed(joined), dtype=np.float32)
    except Exception as missing:  # no model on this machine: the timings barely change
        print(f"  practices: random centres ({missing})", file=sys.stderr)
        centres = np.random.default_rng(15).standard_normal((len(texts), DIMENSIONS))
    centres = centres.astype(np.float32)
    return centres / np.linalg.norm(centres, axis=1, keepdims=True)


def _like_this(client):
    return client.get(f"/practices/{_state['practice']}/like-this", headers=HTMX)


def _detail(client):
    return client.get(f"/practices/{_state['practice']}")


def _for_challenge(client):
    return client.get(f"/practices/for-challenge/{_state['challenge']}", headers=HTMX)


def _more_like_challenge(client):
    return client.get(f"/practices/?challenge={_state['challenge']}")


def _described(text: str):
    """GET "Find practices like this" with embedding on for this request only (bench-web runs
    with EMBEDDING_BACKEND "off", and other sections must not start embedding)."""

    def request(client):
        config = client.application.config
        saved, config["EMBEDDING_BACKEND"] = config["EMBEDDING_BACKEND"], "sync"
        try:
            return client.get("/practices/", query_string={"like": text})
        finally:
            config["EMBEDDING_BACKEND"] = saved

    return request


def _described_anew(client):
    _state["described"] = _state.get("described", 0) + 1
    return _described(f"{DESCRIBED} Case {_state['described']}.")(client)


SCENARIOS = [
    ("list, no filter", "/practices/"),
    ("list, theme", "/practices/?theme=membership"),
    ("list, type + maturity", "/practices/?type=service&maturity=developing"),
    ("list, text search", "/practices/?q=membership%20fees"),
    ("list, most adopted", "/practices/?sort=adopted"),
    ("list, combined", "/practices/?theme=green&ecosystem=energy-intensive&sort=adopted&q=energy"),
    (
        "list, theme, htmx fragment",
        lambda client: client.get("/practices/?theme=skills", headers=HTMX),
    ),
    ("list, page 50", "/practices/?page=50"),
    ("practice page", _detail),
    ("practices like this, htmx fragment", _like_this),
    ("practices that address a challenge, htmx fragment", _for_challenge),
    ("more practices like this challenge (full list)", _more_like_challenge),
    ("find practices like this, same text (vector cached)", _described(DESCRIBED)),
    ("find practices like this, new text each time (model runs)", _described_anew),
]


def main(argv: list[str] | None = None) -> int:
    """Seed bench-web's community plus 5,000 practices, time this section, record the table."""
    import tempfile

    from benchmarks import bench_web
    from benchmarks.web_results import format_report, record

    args = bench_web.parse_args(argv)
    module = sys.modules[__name__]
    scenarios = [bench_web.Scenario(SECTION, name, target) for name, target in SCENARIOS]
    timings, databases = [], []
    with tempfile.TemporaryDirectory(prefix="bench-practices-") as tmp:
        backends = {"sqlite": f"sqlite:///{tmp}/bench.db"}
        if args.backend in ("all", "postgresql") and (url := bench_web.fresh_postgres_url()):
            backends["postgresql"] = url
        if args.backend == "postgresql":
            backends.pop("sqlite")
        for name, url in backends.items():
            app = bench_web.build_app(url)
            seconds = bench_web.seed(
                app, profiles=args.profiles, challenges=args.challenges, extensions=[module]
            )
            databases.append(
                f"{name} {bench_web.database_version(app)} (seeded in {seconds:.0f} s)"
            )
            timings += bench_web.measure(app, scenarios, backend=name, requests=args.requests)
        if "postgresql" in backends:
            bench_web.drop_postgres()
    report = format_report(timings, list(backends), databases, args)
    print(report)
    if not args.no_record:
        record(report)
    return 0 if all(timing.statuses == {200} for timing in timings) else 1


if __name__ == "__main__":
    raise SystemExit(main())
