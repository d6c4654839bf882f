"""Find-peers pages for `make bench-web`, and this area's own check at 10,000 profiles.

Vectors: `prepare` stores random unit 384-d float32 vectors in the database for every profile
text and challenge, instead of running the model over 50,000 texts (about 5 minutes at ~160
texts/s on this machine's CPU). The page timings do not depend on the vectors' values, only on
their number; the PeerIndex is built once per process (during the warm-up) and refreshed only
when the vectors' fingerprint changes, never per request.

Run directly (`python benchmarks/web_scenarios_peers.py`) it seeds 10,000 profiles and 20,000
challenges in a temporary SQLite file, times each page against this area's 150 ms p95 target,
measures the real model's throughput on a sample of the demo texts and estimates how long
`flask embed` takes for the whole community.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Challenge, Profile, StoredVector, User  # noqa: E402
from matching.text.embedder import DIMENSIONS  # noqa: E402

SECTION = "Find peers (random stored vectors, index built once per process)"
TARGET_P95_MS = 150.0
HTMX = {"HX-Request": "true"}
_state: dict = {}


def prepare(app) -> None:
    """Random unit vectors for every profile field and challenge, bulk-inserted (say so in results)."""
    rng = np.random.default_rng(7)
    rows = [
        {"owner_kind": "profile", "owner_id": pid, "field": field}
        for pid in db.session.scalars(select(Profile.id))
        for field in ("expertise", "needs", "about")
    ]
    rows += [
        {"owner_kind": "challenge", "owner_id": cid, "field": "text"}
        for cid in db.session.scalars(select(Challenge.id))
    ]
    for start in range(0, len(rows), 5000):
        chunk = rows[start : start + 5000]
        vectors = rng.standard_normal((len(chunk), DIMENSIONS)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        for row, vector in zip(chunk, vectors, strict=True):
            row.update(
                vector=vector.tobytes(), model_name="random-bench", text_hash="", stale=False
            )
        db.session.execute(insert(StoredVector), chunk)
    participant = db.session.scalar(select(User.id).where(User.email == "participant@demo.eu"))
    _state["challenge_id"] = db.session.scalar(
        select(Challenge.id).where(Challenge.author_id == participant).limit(1)
    )


def _challenge_suggestions(client):
    return client.get(f"/peers/challenges/{_state['challenge_id']}/suggestions", headers=HTMX)


SCENARIOS = [
    ("similar challenges", "/peers/"),
    ("can help me", "/peers/?tab=helpers"),
    ("surprise me", "/peers/?tab=surprise"),
    (
        "can help me, not my country, htmx fragment",
        lambda client: client.get("/peers/?tab=helpers&exclude_country=y", headers=HTMX),
    ),
    ("suggestions on my challenge, htmx fragment", _challenge_suggestions),
    ("notification bell", lambda client: client.get("/notifications/bell", headers=HTMX)),
]


def real_model_rate(app, sample: int = 320) -> float:
    """Texts per second of the real model over a sample of the seeded demo texts."""
    from matching.text.embedder import Embedder

    with app.app_context():
        texts = [t for t in db.session.scalars(select(Profile.expertise).limit(sample)) if t]
    model = Embedder(progress=False)
    model.embed(["warm up"])
    started = time.perf_counter()
    model.embed(texts)
    return len(texts) / (time.perf_counter() - started)


def machine_note() -> str:
    """Load average and one 10,000 × 384 matrix-vector product: how busy the CPU was during the run."""
    import os

    matrix = np.random.default_rng(0).random((10_000, DIMENSIONS), dtype=np.float32)
    matrix @ matrix[0]
    started = time.perf_counter()
    for _ in range(20):
        matrix @ matrix[0]
    product_ms = (time.perf_counter() - started) / 20 * 1000
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}; one 10,000×384 matvec took {product_ms:.1f} ms"


def _verdict(timing) -> str:
    """Met, or missed — and whether the page's own CPU time would have met it on an idle machine."""
    if timing.statuses != {200}:
        return f"FAILED (status {sorted(timing.statuses)})"
    if timing.p95_ms <= TARGET_P95_MS:
        return "met"
    cpu = (
        "CPU time within target: the machine was busy"
        if timing.cpu_p95_ms <= TARGET_P95_MS
        else "CPU time too"
    )
    return f"missed on wall clock ({cpu})"


def main(argv: list[str] | None = None) -> int:
    """Seed, time the pages against 150 ms p95, estimate the real embedding time; exit 1 on a miss."""
    from benchmarks import bench_web

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--challenges", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--no-model", action="store_true", help="skip the real-model throughput sample"
    )
    args = parser.parse_args(argv)
    module = sys.modules[__name__]
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp:
        app = bench_web.build_app(f"sqlite:///{tmp}/bench.db")
        seconds = bench_web.seed(
            app, profiles=args.profiles, challenges=args.challenges, extensions=[module]
        )
        print(
            f"seeded {args.profiles} profiles, {args.challenges} challenges and random vectors in {seconds:.0f} s"
        )
        scenarios = [bench_web.Scenario(SECTION, name, target) for name, target in SCENARIOS]
        started = time.perf_counter()
        timings = bench_web.measure(app, scenarios, backend="sqlite", requests=args.requests)
        print(
            f"(timed in {time.perf_counter() - started:.0f} s, including the one index build in the warm-up)"
        )
        print(f"Machine during the run: {machine_note()}")
        print(f"\n| Page | p50 ms | p95 ms | CPU p95 ms | target p95 ≤ {TARGET_P95_MS:.0f} ms |")
        print("|---|---|---|---|---|")
        for timing in timings:
            print(
                f"| {timing.scenario.name} | {timing.p50_ms:.1f} | {timing.p95_ms:.1f} | "
                f"{timing.cpu_p95_ms:.1f} | {_verdict(timing)} |"
            )
        if not args.no_model:
            rate = real_model_rate(app)
            texts = args.profiles * 3 + args.challenges
            print(
                f"\nReal model: {rate:.0f} texts/s on this CPU → `flask embed` for {texts:,} texts ≈ "
                f"{texts / rate / 60:.1f} min (once; afterwards only changed texts are embedded)."
            )
    missed = [t for t in timings if t.p95_ms > TARGET_P95_MS or t.statuses != {200}]
    print(
        f"median p95 {statistics.median(t.p95_ms for t in timings):.1f} ms; {len(missed)} page(s) missed the target"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
