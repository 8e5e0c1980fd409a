# The few commands people type. `make demo` and `make test` each set up what they need first.
.PHONY: setup setup-dev demo test test-unit test-integration lint format typecheck bench stack-up stack-down airflow-up airflow-down clean

VENV := .venv/bin

setup:
	scripts/setup.sh

setup-dev:
	scripts/setup.sh --dev

demo: setup
	$(VENV)/csphub demo

test: setup-dev
	scripts/test.sh

test-unit: setup-dev
	$(VENV)/python -m pytest tests/unit -q

test-integration: setup-dev
	$(VENV)/python -m pytest tests/integration -q

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

format:
	$(VENV)/ruff format .
	$(VENV)/ruff check --fix .

typecheck:
	$(VENV)/mypy

bench: setup-dev
	$(VENV)/python bench/bench_pipeline.py --json bench/results/pipeline.json
	$(VENV)/python bench/bench_pii.py

stack-up: setup-dev
	$(VENV)/csphub --stack local stack up

stack-down:
	$(VENV)/csphub --stack local stack down

airflow-up: setup-dev stack-up
	$(VENV)/csphub --stack local airflow up

airflow-down:
	$(VENV)/csphub --stack local airflow down

clean:
	rm -rf var/hub var/test
