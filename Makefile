# Tanya KPPS — the two set-up commands are `make run` and `make test`.
PY := .venv/bin/python

.PHONY: run test test-unit lint format ingest eval kind-prior bench

run:            ## install, ingest docs_corpus (incremental), run the Telegram bot
	@scripts/setup_venv.sh run
	$(PY) -m ingest
	$(PY) -m bot serve

test:           ## install dev tools, then the whole test suite
	@scripts/setup_venv.sh dev
	$(PY) -m pytest -q

test-unit:      ## fast tests only (no reference corpus, no servers)
	@scripts/setup_venv.sh dev
	$(PY) -m pytest -q -m "not integration"

lint:
	$(PY) -m ruff check bot ingest knowledge tests scripts
	$(PY) -m mypy

format:
	$(PY) -m ruff format bot ingest knowledge tests scripts
	$(PY) -m ruff check --fix bot ingest knowledge tests scripts

ingest:
	$(PY) -m ingest

eval:           ## retrieval quality on the dev questions (needs ../shared)
	KPPS_CORPUS_DIR=../shared/corpus KPPS_DATA_DIR=data/eval $(PY) -m ingest --quiet
	KPPS_CORPUS_DIR=../shared/corpus KPPS_DATA_DIR=data/eval $(PY) -m bot eval --questions ../shared/eval/dev.jsonl --compare
	for set in $$(ls eval/probe*.jsonl | sort -V); do KPPS_CORPUS_DIR=../shared/corpus KPPS_DATA_DIR=data/eval $(PY) -m bot eval --questions $$set; done

kind-prior:     ## refit config/kind_prior.json on the project's question sets (needs ../shared)
	KPPS_CORPUS_DIR=../shared/corpus KPPS_DATA_DIR=data/eval $(PY) -m ingest --quiet
	KPPS_DATA_DIR=data/eval $(PY) scripts/train_kind_prior.py --check
	KPPS_DATA_DIR=data/eval $(PY) scripts/train_kind_prior.py

bench:          ## ingestion and query benchmarks (figures, not pass/fail)
	$(PY) scripts/bench_ingest.py
	$(PY) scripts/bench_query.py
