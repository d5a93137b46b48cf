# Install mssp-report like any Unix tool:
#   make install PREFIX=/usr/local      (binary, man page, bash/zsh/fish completions)
#   make uninstall PREFIX=/usr/local
# The binary links the Swift standard library and Foundation statically; at run time it needs only the
# system's libxml2, cmark-gfm and libcrypto libraries (Debian: libxml2, libcmark-gfm0, libcmark-gfm-extensions0,
# libssl3).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

SCRATCH = .build-static
BINARY = $(SCRATCH)/release/mssp-report
# A fixed date keeps the man page reproducible; SOURCE_DATE_EPOCH overrides it.
MANDATE ?= $(shell date -u -d @$${SOURCE_DATE_EPOCH:-1767225600} +%Y-%m-%d)

.PHONY: all build docs install uninstall clean

all: build docs

build:
	scripts/setup
	swift build -c release --static-swift-stdlib --scratch-path $(SCRATCH) --product mssp-report

docs: build
	mkdir -p .build/docs
	# The manual comes from the same argument definitions, through swift-argument-parser's plugin. It builds
	# in the default .build folder so that it cannot replace the static binary in $(SCRATCH).
	swift package plugin generate-manual --date $(MANDATE) >/dev/null
	cp .build/plugins/GenerateManual/outputs/mssp-report/mssp-report.1 .build/docs/mssp-report.1
	$(BINARY) --generate-completion-script bash > .build/docs/mssp-report.bash
	$(BINARY) --generate-completion-script zsh > .build/docs/_mssp-report
	$(BINARY) --generate-completion-script fish > .build/docs/mssp-report.fish

install: all
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(BINARY) $(BINDIR)/mssp-report
	install -m 644 .build/docs/mssp-report.1 $(MANDIR)/mssp-report.1
	install -m 644 .build/docs/mssp-report.bash $(BASHDIR)/mssp-report
	install -m 644 .build/docs/_mssp-report $(ZSHDIR)/_mssp-report
	install -m 644 .build/docs/mssp-report.fish $(FISHDIR)/mssp-report.fish

uninstall:
	rm -f $(BINDIR)/mssp-report $(MANDIR)/mssp-report.1 $(BASHDIR)/mssp-report \
		$(ZSHDIR)/_mssp-report $(FISHDIR)/mssp-report.fish

clean:
	rm -rf $(SCRATCH) .build/docs
