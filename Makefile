# Two commands for a fresh clone (see README):
#   make demo   set everything up, index the bundled sample, answer a question
#   make test   set everything up, run the tests
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
QUESTION ?= What was said about Smart Water?
SHARED ?= ../shared

.PHONY: setup demo serve test test-fast browser tesseract lint bench load eval tune-fusion kinds clean

setup: $(STAMP)

# The CPU build of torch goes in first: an unpinned torch would pull a CUDA
# build of several GB.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	touch $(STAMP)

demo: setup
	$(BIN)/minutes-qa ingest sample/ --index .minutes-qa
	$(BIN)/minutes-qa search "$(QUESTION)" --index .minutes-qa --k 3

PORT ?= 8000
serve: setup
	$(BIN)/minutes-qa ingest sample/ --index .minutes-qa
	$(BIN)/minutes-qa serve --index .minutes-qa --port $(PORT)

# Browser tests drive Debian's Chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian's chromium and chromium-driver for the browser tests (quietly)"; \
	  $$SUDO apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver >/dev/null; }

# Scanned PDFs are read by OCR through Debian's Tesseract (and its English
# data); install it when it is missing.
tesseract:
	@command -v tesseract >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian's tesseract-ocr to read scanned PDFs (quietly)"; \
	  $$SUDO apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    tesseract-ocr >/dev/null; }

# CI runs this: ruff and mypy first, then every test.
test: setup browser tesseract lint
	$(BIN)/python -m pytest -q

# The edit-test loop: everything but the real model, the browser and the
# slow process tests (make test, which CI runs, runs them all).
test-fast: setup
	$(BIN)/python -m pytest -q -m "not model and not slow and not browser"

# Benchmarks read the shared corpora from $(SHARED); they print figures.
BENCH_INDEX := bench/out/index

# Both development sets side by side, each against plain BM25, plain dense
# and naive RRF over the same passages in the same run: the shared council
# corpus (its dev questions and bench/council-queries.jsonl) and the QMSum
# committee meetings. Indexes are built on first use, then brought up to date.
QMSUM := $(SHARED)/eval/qmsum/qmsum.py
QUALITY_ARGS := --council $(BENCH_INDEX) $(SHARED)/eval/dev-queries.jsonl bench/council-queries.jsonl \
	--qmsum bench/out/qmsum-index --shared $(SHARED)
eval: setup
	$(BIN)/python bench/corpus_ingest.py $(BENCH_INDEX) $(SHARED)/corpus $(SHARED)/seeds
	$(BIN)/python $(QMSUM) docs bench/out/qmsum-docs
	$(BIN)/python $(QMSUM) queries bench/out/qmsum-queries.jsonl
	$(BIN)/minutes-qa ingest bench/out/qmsum-docs --index bench/out/qmsum-index
	$(BIN)/python bench/quality.py report $(QUALITY_ARGS)

# Fusion settings by cross-validation, and the good-match line, on both sets
# (after make eval has built the indexes).
tune-fusion: setup
	$(BIN)/python bench/quality.py tune $(QUALITY_ARGS)
	$(BIN)/python bench/quality.py calibrate $(QUALITY_ARGS)

# Speed, each figure against a reference measured in the same run: ingest
# against the raw encoder (fp32 and int8), then search through HTTP at 10^4,
# 10^5 and 10^6 passages against bare FAISS, with memory, disk, recall and
# cold start (the larger sizes are built from $(BENCH_INDEX): run `make eval` first).
bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/scale.py --source $(BENCH_INDEX)

# 16 clients for 60 s of search/ask/passage requests while an ingest runs,
# on the 10^5-passage index `make bench` built.
load: setup
	$(BIN)/python bench/load.py

# Precision and recall of the passage-kind rules on a hand-labelled sample.
kinds: setup
	$(BIN)/python bench/kinds.py score

lint: setup
	$(BIN)/ruff check corpus index qa api minutes_qa tests bench
	$(BIN)/ruff format --check corpus index qa api minutes_qa tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .minutes-qa .pytest_cache
