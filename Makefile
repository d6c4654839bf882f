# Everyday commands. `make run` and `make test` work from a clean clone; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
STAMP := $(VENV)/.installed
export FLASK_APP := app:create_app
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run serve worker test test-fast lint db seed embed browser-deps bench-web bench-matching bench-api bench-import bench-quality bench-meetings bench-first-page clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: this exact CPU wheel is on the machine's disk (no CUDA download).
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

db: $(STAMP)
	$(BIN)/flask db upgrade

seed: db
	$(BIN)/flask seed-demo --if-empty

run: export PUBLIC_URL ?= http://127.0.0.1:$(PORT)
run: seed
	$(BIN)/flask demo-logins
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT) --debug

serve: db
	$(BIN)/gunicorn --config python:app.gunicorn_hooks --workers $${WORKERS:-4} --bind $${BIND:-127.0.0.1:8000} --access-logfile - 'app:create_app()'

worker: $(STAMP)
	$(BIN)/flask worker

embed: db
	$(BIN)/flask embed

# Debian's chromium drives the browser tests (Playwright cannot download its own browser here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

test: $(STAMP) browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser" -x $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy  # matching/, configured in pyproject.toml
	$(BIN)/ruff format --check .

bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py

# The JSON API's list endpoints at 10,000 profiles (a section of bench-web), and importing 10,000 people.
bench-api: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py --section "JSON API"

bench-import: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py

bench-matching: $(STAMP)
	$(BIN)/python benchmarks/bench_matching_recommend.py
	$(BIN)/python benchmarks/bench_matching_groups.py
	$(BIN)/python benchmarks/bench_matching_groups_real.py
	$(BIN)/python benchmarks/bench_matching_quality.py
	$(BIN)/python benchmarks/bench_matching_meetings.py

# Quality on the real texts of benchmarks/data/real/: random, TF-IDF, BM25, the raw model and ours side by
# side (P@3, nDCG@10, recall of the top-3, reasons passing, group coherence z, country-distinct, repeats).
# Add --record to keep it; make bench-matching runs it too.
bench-quality: $(STAMP)
	$(BIN)/python benchmarks/bench_matching_quality.py

bench-meetings: $(STAMP)
	$(BIN)/python benchmarks/bench_matching_meetings.py

# The first pages with suggestions after a start, with and without the warm-up (needs `make seed embed`).
bench-first-page: $(STAMP)
	$(BIN)/python -m benchmarks.bench_first_page

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
