# Set-up is part of every target: a fresh machine needs nothing but python3.11 and make.
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test install lock clean

demo: $(STAMP)
	$(VENV)/bin/detente demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q

install: $(STAMP)

# The documentation site (mkdocs.yml, docs/) into site/; nothing is fetched from the network.
.PHONY: docs
docs: $(STAMP)
	$(VENV)/bin/python -m mkdocs build --strict

$(STAMP): requirements.lock pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-pin after changing dependencies in pyproject.toml.
lock:
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	$(VENV)/bin/python -m pip freeze --all --exclude-editable | grep -vE '^(detente|pip)==' > requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
