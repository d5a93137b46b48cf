# Release artifacts and installing from a checkout:
#   make dist                           scripts/package: the static binary's tarball, the Debian package and the
#                                       container image in dist/ (docs/install.md)
#   make install PREFIX=/usr/local      the same static binary, its man page and bash/zsh/fish completions
#   make uninstall PREFIX=/usr/local
# The binary is fully static: at run time it needs no library at all.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

# What scripts/package leaves beside the artifacts: the stripped binary, the manual and the completions.
WORK = .build-dist

.PHONY: all dist install uninstall clean

all: dist

dist:
	scripts/package

install: dist
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(WORK)/mssp-report $(BINDIR)/mssp-report
	install -m 644 $(WORK)/mssp-report.1 $(MANDIR)/mssp-report.1
	install -m 644 $(WORK)/mssp-report.bash $(BASHDIR)/mssp-report
	install -m 644 $(WORK)/_mssp-report $(ZSHDIR)/_mssp-report
	install -m 644 $(WORK)/mssp-report.fish $(FISHDIR)/mssp-report.fish

uninstall:
	rm -f $(BINDIR)/mssp-report $(MANDIR)/mssp-report.1 $(BASHDIR)/mssp-report \
		$(ZSHDIR)/_mssp-report $(FISHDIR)/mssp-report.fish

clean:
	rm -rf .build-static $(WORK) dist
