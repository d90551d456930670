# Two commands matter (see README): `make guide` builds, `make test` runs every test.
# Both create the virtual environment and install what they need on first use.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
SYSTEM_PACKAGES := chromium poppler-utils qpdf zbar-tools epubcheck fonts-dejavu-core fonts-urw-base35 fonts-noto-core
export NO_MKDOCS_2_WARNING := 1
# Tests on both cores (pytest-xdist); tests/conftest.py keeps the tests of one shared build, and of
# one file, on one worker. `make test TEST_WORKERS=0` runs them in this process, one after another.
TEST_WORKERS ?= 2
PARALLEL := -n $(TEST_WORKERS) --dist loadgroup

.PHONY: guide test quick lint pdfua system-deps vendor screenshots handout-picture benchmark clean

guide: $(STAMP)
	$(BIN)/guidegen build

test: $(STAMP) system-deps lint
	$(BIN)/pytest -p no:cacheprovider $(PARALLEL)

# The quick tests only: no browser, no PDF rendering, no MkDocs.
quick: $(STAMP) lint
	$(BIN)/pytest -p no:cacheprovider $(PARALLEL) -m "not slow and not browser"

# PDF/UA-1 over the last build's PDFs: page-validation, the judge the tests use (README, "Accessible PDFs").
pdfua: $(STAMP)
	$(BIN)/python tests/helpers/pdfua.py build/pdf

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,zensical]'
	touch $(STAMP)

# Browser tests use Debian's Chromium (Playwright cannot download its own here);
# PDF tests use poppler's pdftoppm and qpdf; the QR code tests zbar's zbarimg;
# the EPUB test uses epubcheck (Java); the Urdu, Arabic and Bengali guides copy fonts-noto-core's files.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v qpdf >/dev/null || missing="$$missing qpdf"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	command -v epubcheck >/dev/null || missing="$$missing epubcheck"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	test -f /usr/share/fonts/opentype/urw-base35/URWBookman-Light.otf || missing="$$missing fonts-urw-base35"; \
	test -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi

vendor:
	scripts/vendor.sh

screenshots: $(STAMP) system-deps
	$(BIN)/python scripts/screenshots.py

handout-picture: $(STAMP) system-deps
	$(BIN)/python scripts/render_handout_picture.py

benchmark: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,benchmark]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .build-* .pytest_cache
