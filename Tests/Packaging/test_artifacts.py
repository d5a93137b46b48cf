"""The release artifacts (scripts/package) proven where no Swift exists: the Debian package and the tarball installed
into clean Debian 12 roots, the container image unpacked and its entry point run as its user in its working
folder; lintian on the package; one version everywhere."""

import csv
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import tarfile

import pytest

from debian_root import fresh_root, run_in, tree
from helpers import ROOT, require_tool

FORMATS = {"html": "html", "markdown": "md", "confluence": "confluence.xml", "fragment": "fragment.html"}


def sample_links():
    """The Defender link of every customer in samples/customers.csv, tenant IDs in their canonical lower case."""
    with open(ROOT / "samples" / "customers.csv", newline="", encoding="utf-8") as file:
        return [f"https://security.microsoft.com/?tid={row['Tenant ID'].strip().lower()}" for row in csv.DictReader(file)]


@pytest.fixture(scope="module")
def version(release):
    return release["version"]


@pytest.fixture(scope="module")
def roots():
    """Stops the module's root-based tests where clean roots cannot be made."""
    require_tool("mmdebstrap")
    require_tool("unshare")
    if os.geteuid() != 0:
        message = "clean roots need chroot and mounts: run the packaging tests as root (CI does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def render_all_formats(root, binary, examples):
    """Renders the samples in each format inside the root and returns each written document."""
    documents = {}
    for format, extension in FORMATS.items():
        run_in(root, f"{binary} {examples}/customers.csv --format {format} -o /tmp/index.{extension}")
        documents[format] = (root / "tmp" / f"index.{extension}").read_text(encoding="utf-8")
    return documents


def assert_every_sample_linked(documents):
    for format, text in documents.items():
        for link in sample_links():
            assert link in text, f"{format}: {link} missing"


def assert_manual_and_completion(root, version):
    manual = run_in(root, "MANWIDTH=80 man -P cat mssp-report").stdout
    assert "mssp-report — Build a checked index" in manual
    assert f"mssp-report {version}" in manual.splitlines()[-1]
    # bash-completion finds the completion where the package or the tarball put it, loads it on demand, and
    # completes an option from its first letters.
    completion = run_in(
        root,
        """
        set +euo pipefail  # as in an interactive shell, which completion scripts are written for
        source /usr/share/bash-completion/bash_completion
        __load_completion mssp-report
        function=$(complete -p mssp-report | sed -E 's/.* -F ([^ ]+) .*/\\1/')
        COMP_LINE="mssp-report --form"; COMP_WORDS=(mssp-report --form); COMP_CWORD=1; COMP_POINT=${#COMP_LINE}
        "$function" mssp-report --form mssp-report
        printf '%s\\n' "${COMPREPLY[@]}"
        """,
    ).stdout.split()
    assert completion == ["--format"], completion


def test_the_binary_is_fully_static(release, tmp_path):
    require_tool("file")
    with tarfile.open(release["tarball"]) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/bin/mssp-report"))
        archive.extract(member, tmp_path, filter="data")
    binary = tmp_path / member.name
    assert "statically linked" in subprocess.run(["file", "-L", binary], capture_output=True, text=True).stdout
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True)
    assert "not a dynamic executable" in ldd.stdout + ldd.stderr


def test_one_version_everywhere(release, version, tmp_path):
    built = subprocess.run([ROOT / ".build" / "debug" / "mssp-report", "--version"], capture_output=True, text=True)
    assert built.stdout.strip() == version
    with tarfile.open(release["tarball"]) as archive:
        names = archive.getnames()
        assert all(name.split("/")[0] == f"mssp-report-{version}" for name in names)
        manual = archive.extractfile(f"mssp-report-{version}/share/man/man1/mssp-report.1").read().decode()
        changelog = archive.extractfile(f"mssp-report-{version}/CHANGELOG.md").read().decode()
    assert f".Os mssp-report {version}\n" in manual
    released = re.findall(r"^## \[(\d[^\]]*)\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)
    assert released[0] == version, f"CHANGELOG.md's newest release is {released[0]}"
    control = subprocess.run(["dpkg-deb", "--field", release["deb"], "Version"], capture_output=True, text=True)
    assert control.stdout.strip() == version
    debian_changelog = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", release["deb"]], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(debian_changelog)) as archive:
        entry = archive.extractfile("./usr/share/doc/mssp-report/changelog.gz").read()
    assert gzip.decompress(entry).decode().startswith(f"mssp-report ({version}) ")
    require_tool("skopeo")
    config = json.loads(
        subprocess.run(
            ["skopeo", "inspect", "--config", f"oci-archive:{release['image']}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert config["config"]["Labels"]["org.opencontainers.image.version"] == version


def test_lintian_finds_no_error_or_warning(release):
    require_tool("lintian")
    result = subprocess.run(
        ["lintian", "--fail-on", "error,warning", "--pedantic", release["deb"]], capture_output=True, text=True
    )
    complaints = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:", "P:")]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr


def test_the_package_installs_works_and_removes_cleanly(release, version, roots, tmp_path):
    root = fresh_root(tmp_path / "root")
    assert run_in(root, "command -v swift swiftc || true").stdout == ""
    before = tree(root)
    shutil.copy(release["deb"], root / "tmp")
    run_in(root, f"apt-get install -y -qq /tmp/{release['deb'].name}")
    assert run_in(root, "mssp-report --version").stdout.strip() == version
    documents = render_all_formats(root, "mssp-report", "/usr/share/doc/mssp-report/examples")
    assert_every_sample_linked(documents)
    assert_manual_and_completion(root, version)
    run_in(root, "apt-get remove -y -qq mssp-report")
    status = run_in(root, "dpkg-query -W -f '${db:Status-Status}' mssp-report 2>/dev/null || true").stdout
    assert status in ("", "not-installed"), f"after apt-get remove: {status}"
    after = tree(root)
    assert after == before, f"left behind: {sorted(set(after) - set(before))}"


def test_the_tarball_unpacks_and_works(release, version, roots, tmp_path):
    root = fresh_root(tmp_path / "root")
    shutil.copy(release["tarball"], root / "tmp")
    folder = f"mssp-report-{version}"
    # docs/install.md: unpack and run from the folder; or put bin/ and share/ under /usr/local.
    run_in(root, f"cd /tmp && tar -xzf {release['tarball'].name}")
    assert run_in(root, f"/tmp/{folder}/bin/mssp-report --version").stdout.strip() == version
    run_in(root, f"tar -C /usr/local --strip-components=1 -xzf /tmp/{release['tarball'].name} {folder}/bin {folder}/share")
    assert run_in(root, "command -v mssp-report").stdout.strip() == "/usr/local/bin/mssp-report"
    documents = render_all_formats(root, "mssp-report", f"/tmp/{folder}/samples")
    assert_every_sample_linked(documents)
    assert_manual_and_completion(root, version)


def test_the_container_image_runs_its_entry_point_as_its_user(release, roots, tmp_path):
    require_tool("umoci")
    require_tool("skopeo")
    layout = tmp_path / "layout"
    subprocess.run(["skopeo", "copy", "-q", f"oci-archive:{release['image']}", f"oci:{layout}:image"], check=True)
    bundle = tmp_path / "bundle"
    subprocess.run(["umoci", "unpack", "--image", f"{layout}:image", str(bundle)], check=True, capture_output=True)
    process = json.loads((bundle / "config.json").read_text())["process"]
    rootfs = bundle / "rootfs"
    assert process["cwd"] == "/data"
    assert (process["user"]["uid"], process["user"]["gid"]) == (10001, 10001)
    assert process["args"][0] == "/usr/bin/mssp-report"
    assert not (rootfs / "bin" / "sh").exists(), "the image is the static binary alone"

    # The customer list in a folder of the host, mounted at /data as `podman run -v "$PWD":/data` would.
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "samples" / "customers.csv", data)
    os.chown(data, 10001, 10001)
    arguments = [process["args"][0], "customers.csv", "-o", "index.html"]  # the image's CMD replaced
    # chroot(1) starts in /, and the image has no shell to change folder: the working folder is set from outside.
    result = subprocess.run(
        ["unshare", "--mount", "--pid", "--fork", "python3", "-c", RUN_AS_IMAGE, str(rootfs), str(data), json.dumps(process),
         json.dumps(arguments)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "14 customers valid" in result.stderr
    written = data / "index.html"
    assert written.stat().st_uid == 10001
    text = written.read_text(encoding="utf-8")
    for link in sample_links():
        assert link in text


# Runs the image's process as its config says, in mount and PID namespaces of its own: /proc and /dev as every
# container runtime provides them (the OCI runtime spec's default mounts; the Swift runtime reads /proc/self), the
# data folder bound at /data, chroot into the root file system, the working folder, then the user and group, then
# exec with the image's environment only.
RUN_AS_IMAGE = """
import json, os, subprocess, sys
rootfs, data, process, arguments = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
for folder in ("proc", "dev"):
    os.makedirs(rootfs + "/" + folder, exist_ok=True)
subprocess.run(["mount", "-t", "proc", "proc", rootfs + "/proc"], check=True)
subprocess.run(["mount", "--rbind", "/dev", rootfs + "/dev"], check=True)
subprocess.run(["mount", "--bind", data, rootfs + "/data"], check=True)
os.chroot(rootfs)
os.chdir(process["cwd"])
os.setgroups([])
os.setgid(process["user"]["gid"])
os.setuid(process["user"]["uid"])
environment = dict(pair.split("=", 1) for pair in process.get("env", []))
os.execve(arguments[0], arguments, environment)
"""
