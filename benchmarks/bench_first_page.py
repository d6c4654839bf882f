"""First suggestions after a start: how long a fresh process takes to answer its first challenge page
and that page's peer suggestions, with and without the background warm-up (app/services/warmup.py).

    DATABASE_URL=sqlite:///instance/community.db .venv/bin/python -m benchmarks.bench_first_page

Needs a database with stored vectors (`flask seed-demo`, then `flask embed`); each run posts one
challenge (deleted again at the end), whose page must embed it. Each case runs in a fresh Python
process, as a newly started worker would. "warm" starts the warm-up, then waits
`--settle` seconds (the time a worker is up before its first visitor) before the first request.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

CASE = r"""
import json, os, sys, time
os.environ.setdefault("EMBEDDING_BACKEND", "thread")
started = time.perf_counter()
from flask_login import FlaskLoginClient
from app import create_app
from app.extensions import db
from app.models import Challenge, User
app = create_app()
app.test_client_class = FlaskLoginClient
warm, settle = sys.argv[1] == "warm", float(sys.argv[2])
thread = None
if warm:
    from app.services.warmup import warm_up
    thread = warm_up(app)
    time.sleep(settle)
with app.app_context():
    # A challenge posted just now has no vector yet: its page must embed it, so it needs the model.
    author, viewer = db.session.scalars(db.select(User).order_by(User.id).limit(2)).all()
    challenge = Challenge(author_id=author.id, title="Benchmark: finding SME members abroad",
                          body=f"We look for partner clusters to share member services ({time.time()}).")
    db.session.add(challenge)
    db.session.commit()
    cid = challenge.id
    client = app.test_client(user=viewer)
t = time.perf_counter(); page = client.get(f"/challenges/{cid}"); page_s = time.perf_counter() - t
t = time.perf_counter(); sugg = client.get(f"/peers/challenges/{cid}/suggestions", headers={"HX-Request": "true"}); sugg_s = time.perf_counter() - t
with app.app_context():
    from app.models import StoredVector
    db.session.execute(db.delete(StoredVector).where(StoredVector.owner_kind == "challenge", StoredVector.owner_id == cid))
    db.session.delete(db.session.get(Challenge, cid))
    db.session.commit()
print(json.dumps({"page_s": round(page_s, 3), "suggestions_s": round(sugg_s, 3), "status": [page.status_code, sugg.status_code],
                  "warm_up_done": bool(thread and not thread.is_alive())}))
"""


def run(case: str, settle: float) -> dict:
    """One fresh process: its first challenge page and suggestions, timed."""
    out = subprocess.run(
        [sys.executable, "-c", CASE, case, str(settle)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--settle",
        type=float,
        default=15.0,
        help="seconds a warm worker is up before its first page",
    )
    args = parser.parse_args()
    for case in ("cold", "warm"):
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = run(case, args.settle)
            print(case, result, f"(process {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
