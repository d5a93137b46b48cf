"""What the packaging tests share: the Python tests' policy for a missing program (helpers.require_tool, beside the
browser tests) and the release scripts/package made, found by the version the source declares."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Browser"))

from helpers import ROOT  # noqa: E402 (the path above makes it importable)


@pytest.fixture(scope="session")
def release():
    """The version MSSPReportVersion declares, which every artifact must carry, and the artifacts' paths in dist/."""
    source = (ROOT / "Sources" / "MSSPReport" / "Pipeline" / "MSSPReportVersion.swift").read_text()
    version = re.search(r'current = "([^"]+)"', source).group(1)
    arch = os.uname().machine
    debarch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    dist = ROOT / "dist"
    paths = {
        "tarball": dist / f"mssp-report-{version}-linux-{arch}.tar.gz",
        "deb": dist / f"mssp-report_{version}_{debarch}.deb",
        "image": dist / f"mssp-report-{version}-linux-{arch}.oci.tar",
        "sums": dist / "SHA256SUMS",
    }
    missing = [str(path) for path in paths.values() if not path.exists()]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run scripts/package (scripts/test does)")
    return {"version": version, **paths}
