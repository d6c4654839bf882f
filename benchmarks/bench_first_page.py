"""First suggestions after a start: how long a fresh process takes to answer its first pages with
peer suggestions, before and after the background warm-up (app/services/warmup.py).

    DATABASE_URL=sqlite:///instance/community.db .venv/bin/python -m benchmarks.bench_first_page
    make bench-first-page

Needs a database with stored vectors (`flask seed-demo`, then `flask embed`). Each case runs in a
fresh Python process, as a newly started web worker would, and asks as a member for, in order:
Find peers (`/peers/`, stored vectors only), an existing challenge's page and its suggestions
(stored vector), and a challenge posted just now (no vector yet: the model must embed it; it is
deleted again at the end). Every request is timed in wall seconds and in the process's CPU
seconds (`time.process_time`, which includes the warm-up thread while it runs). The warm-up's
own duration is its wall seconds until it finished, with its CPU seconds in the "warm" case.

- "no-warm-up": no background warm-up at all (how a process without it behaves);
- "early": the warm-up starts and the first request follows at once, as a visitor arriving
  right after a restart; a new challenge's suggestions then say they are coming, and the script
  asks again every half second until they are there ("new ready after");
- "warm": the warm-up starts and finishes (its duration is reported) before the first request.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CASE = r"""
import json, os, sys, time
os.environ.setdefault("EMBEDDING_BACKEND", "thread")
# A fresh process outside debug mode counts as production: give it the settings production needs.
os.environ.setdefault("SECRET_KEY", os.urandom(32).hex())
os.environ.setdefault("PUBLIC_URL", "http://localhost")
from flask_login import FlaskLoginClient
from app import create_app
from app.extensions import db
from app.models import Challenge, Profile, StoredVector, User
app = create_app()
app.test_client_class = FlaskLoginClient
case = sys.argv[1]
started, started_cpu = time.perf_counter(), time.process_time()
thread = None
if case != "no-warm-up":
    from app.services.warmup import warm_up
    thread = warm_up(app)
warm_up_s = warm_up_cpu_s = None
if case == "warm":
    thread.join()
    warm_up_s = time.perf_counter() - started
    warm_up_cpu_s = time.process_time() - started_cpu
with app.app_context():
    viewer, author = db.session.scalars(db.select(User).join(Profile).order_by(User.id).limit(2)).all()
    existing = db.session.scalar(db.select(Challenge.id).join(StoredVector, (StoredVector.owner_id == Challenge.id) & (StoredVector.owner_kind == "challenge")).where(Challenge.author_id == author.id, StoredVector.vector.is_not(None)).limit(1))
    # A challenge posted just now has no vector yet: its suggestions need the model.
    fresh = Challenge(author_id=author.id, title="Benchmark: finding SME members abroad",
                      body=f"We look for partner clusters to share member services ({time.time()}).")
    db.session.add(fresh)
    db.session.commit()
    fresh_id = fresh.id
    client = app.test_client(user=viewer)
    db.session.commit()  # keep the login session the test client opened for the viewer
HTMX = {"HX-Request": "true"}
timings, statuses = {}, []
def timed(name, url, headers=None):
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url, headers=headers or {})
    timings[name] = [round(time.perf_counter() - wall, 3), round(time.process_time() - cpu, 3)]
    statuses.append(response.status_code)
    return response.get_data(as_text=True)
timed("find peers", "/peers/")
timed("challenge page", f"/challenges/{existing}")
timed("its suggestions", f"/peers/challenges/{existing}/suggestions", HTMX)
timed("new challenge page", f"/challenges/{fresh_id}")
html = timed("new suggestions", f"/peers/challenges/{fresh_id}/suggestions", HTMX)
first_answer = time.perf_counter()
while "Suggestions appear once" in html and time.perf_counter() - first_answer < 180:
    time.sleep(0.5)
    html = client.get(f"/peers/challenges/{fresh_id}/suggestions", headers=HTMX).get_data(as_text=True)
ready_s = round(time.perf_counter() - first_answer, 1)
if thread is not None:
    thread.join()
    warm_up_s = warm_up_s or time.perf_counter() - started
with app.app_context():
    db.session.execute(db.delete(StoredVector).where(StoredVector.owner_kind == "challenge", StoredVector.owner_id == fresh_id))
    db.session.delete(db.session.get(Challenge, fresh_id))
    db.session.commit()
print(json.dumps({"timings": timings, "status": statuses, "new_ready_after_s": ready_s,
                  "shown": "Peers who faced something similar" in html,
                  "warm_up_s": round(warm_up_s, 1) if warm_up_s else None,
                  "warm_up_cpu_s": round(warm_up_cpu_s, 1) if warm_up_cpu_s else None}))
"""

CASES = ("no-warm-up", "early", "warm")


def run(case: str) -> dict:
    """One fresh process: its first pages, timed."""
    out = subprocess.run(
        [sys.executable, "-c", CASE, case],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--case", choices=CASES, action="append", help="default: all three")
    args = parser.parse_args()
    print("| case | load | warm-up s | " + " | ".join(_NAMES) + " | new ready after s |")
    print("| --- " * (4 + len(_NAMES)) + "|")
    for case in args.case or CASES:
        for _ in range(args.repeat):
            load = Path("/proc/loadavg").read_text().split()[0]
            result = run(case)
            if set(result["status"]) != {200} or not result["shown"]:
                raise SystemExit(f"{case}: unexpected answers {result}")
            cells = [f"{wall} ({cpu})" for wall, cpu in result["timings"].values()]
            print(
                f"| {case} | {load} | {_warm_up(result)} | "
                + " | ".join(cells)
                + f" | {result['new_ready_after_s']} |",
                flush=True,
            )


def _warm_up(result: dict) -> str:
    """The warm-up's wall seconds, and its CPU seconds when nothing else ran meanwhile ("warm")."""
    if not result["warm_up_s"]:
        return "—"
    cpu = result.get("warm_up_cpu_s")
    return f"{result['warm_up_s']} ({cpu})" if cpu else str(result["warm_up_s"])


_NAMES = (
    "find peers",
    "challenge page",
    "its suggestions",
    "new challenge page",
    "new suggestions",
)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(wall s (CPU s) per request; whole run {time.perf_counter() - started:.0f} s)")
