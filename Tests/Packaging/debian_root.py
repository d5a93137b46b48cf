"""Clean Debian 12 roots for the packaging tests: made once with mmdebstrap from the package registry and cached as
a tarball, then unpacked fresh for each test, so that every artifact is proven where no Swift toolchain exists."""

import hashlib
import os
import pathlib
import subprocess

SUITE = "bookworm"
# What a user's machine has that the tests use: man (the manual), bash-completion (the completions). Nothing of
# Swift, no libxml2, no cmark-gfm, no OpenSSL development files.
INCLUDE = ["man-db", "bash-completion"]
CACHE = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache")) / "mssp-report"
# What a root's own bookkeeping changes when a package comes and goes; the rest of the tree must come back as it was.
BOOKKEEPING = ["/proc", "/dev", "/tmp", "/var/lib/dpkg", "/var/lib/apt", "/var/cache", "/var/log", "/root"]


def cached_root_tar():
    """The tarball of a clean root, made by mmdebstrap the first time (about 20 s) and reused after."""
    key = hashlib.sha256(f"{SUITE} apt {' '.join(INCLUDE)}".encode()).hexdigest()[:12]
    tar = CACHE / f"debian-12-{key}.tar"
    if not tar.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = tar.with_suffix(".partial.tar")
        subprocess.run(
            ["mmdebstrap", "--quiet", "--variant=apt", "--mode=root", f"--include={','.join(INCLUDE)}", SUITE,
             str(partial)],
            check=True,
        )
        partial.rename(tar)
    return tar


def fresh_root(directory):
    """A clean root unpacked from the cached tarball into `directory`."""
    directory.mkdir(parents=True)
    subprocess.run(["tar", "-xf", str(cached_root_tar()), "-C", str(directory)], check=True)
    return directory


def run_in(root, script, check=True):
    """Runs a bash script inside `root` with chroot (in a mount namespace of its own, with /proc), as a user's
    login shell would: a plain PATH, no Swift, the C.UTF-8 locale. Returns the completed process."""
    environment = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "DEBIAN_FRONTEND": "noninteractive",
    }
    wrapped = f"mount -t proc proc {root}/proc && exec chroot {root} /bin/bash -euo pipefail -c \"$0\""
    result = subprocess.run(
        ["unshare", "--mount", "--fork", "--pid", "/bin/sh", "-c", wrapped, script],
        env=environment,
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"in the clean root, exit {result.returncode}:\n{script}\n{result.stdout}\n{result.stderr}")
    return result


def tree(root):
    """Every path in the root but its bookkeeping (see BOOKKEEPING), sorted."""
    pruned = " -o ".join(f"-path {path}" for path in BOOKKEEPING)
    listing = run_in(root, f"find / -xdev \\( {pruned} \\) -prune -o -print").stdout
    return sorted(listing.splitlines())
