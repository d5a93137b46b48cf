"""The CI recipes of docs/ci run as their CI would run them: each shell step taken from the YAML, in order, with the
variables and the PATH handling of GitHub Actions ($GITHUB_PATH) or Azure Pipelines (##vso[task.prependpath]),
installing the release tarball from a local stand-in for the releases page, annotating the diagnostics of a list
with mistakes, and on the main branch publishing the index to a local bare wiki repository."""

import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

from helpers import ROOT, require_tool

RECIPES = ROOT / "docs" / "ci"
DIST = ROOT / "dist"
MISTAKES = ROOT / "samples" / "customers-with-mistakes.csv"
CLEAN = ROOT / "samples" / "customers.csv"
# A PATH with no mssp-report on it: the recipe's install step must provide it.
PLAIN_PATH = "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"


class Stage:
    """What the recipes need around them: the release folder, the customer repository's checkout and the wiki."""

    def __init__(self, directory, list_source):
        self.directory = directory
        self.version = re.search(
            r'current = "([^"]+)"',
            (ROOT / "Sources" / "MSSPReport" / "Pipeline" / "MSSPReportVersion.swift").read_text(),
        ).group(1)
        tarball = DIST / f"mssp-report-{self.version}-linux-{os.uname().machine}.tar.gz"
        if not tarball.exists():
            pytest.fail(f"{tarball} is missing: run scripts/package (scripts/test does)")
        self.releases = directory / "releases"
        release = self.releases / f"v{self.version}"
        release.mkdir(parents=True)
        shutil.copy(tarball, release)
        shutil.copy(DIST / "SHA256SUMS", release)
        self.checkout = directory / "checkout"
        self.checkout.mkdir()
        shutil.copy(list_source, self.checkout / "customers.csv")
        self.temp = directory / "agent-temp"
        self.temp.mkdir()
        self.wiki = directory / "wiki.git"
        subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(self.wiki)], check=True)
        seed = directory / "seed"
        subprocess.run(["git", "clone", "--quiet", str(self.wiki), str(seed)], check=True, capture_output=True)
        (seed / "Home.md").write_text("# SOC wiki\n")
        git = ["git", "-C", str(seed), "-c", "user.name=t", "-c", "user.email=t@example.org"]
        subprocess.run(git + ["add", "Home.md"], check=True)
        subprocess.run(git + ["commit", "--quiet", "-m", "Home"], check=True)
        subprocess.run(git + ["push", "--quiet", "origin", "main"], check=True)

    def wiki_log(self):
        return subprocess.run(
            ["git", "--git-dir", str(self.wiki), "log", "--format=%s", "main"], capture_output=True, text=True
        ).stdout.splitlines()

    def wiki_file(self, name):
        return subprocess.run(
            ["git", "--git-dir", str(self.wiki), "show", f"main:{name}"], capture_output=True, text=True, check=True
        ).stdout


def run_step(script, environment, cwd):
    # GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`; Azure's bash task runs the file with bash.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def expected_diagnostics(list_path):
    """mssp-report's own JSON diagnostics for the list (the reference the annotations are compared with)."""
    result = subprocess.run(
        [DIST.parent / ".build-dist" / "mssp-report", list_path.name, "--check", "--diagnostics", "json"],
        cwd=list_path.parent,
        capture_output=True,
        text=True,
    )
    return [record for record in map(json.loads, result.stderr.splitlines()) if "file" in record]


@pytest.fixture(autouse=True)
def tools():
    for tool in ("jq", "git", "curl", "sha256sum"):
        require_tool(tool)


# --- GitHub Actions


def github_steps():
    workflow = yaml.safe_load((RECIPES / "github-actions.yml").read_text())
    assert workflow["defaults"]["run"]["shell"] == "bash"
    return workflow, workflow["jobs"]["index"]["steps"]


def run_github(stage, ref):
    """Runs the workflow's steps as the runner would for a push to `ref`; returns (step name, result) pairs."""
    workflow, steps = github_steps()
    path_file = stage.directory / "github-path"
    path_file.write_text("")
    environment = {
        **{key: str(value) for key, value in workflow["env"].items()},
        "MSSP_REPORT_RELEASES": stage.releases.as_uri(),
        "WIKI_REPOSITORY": str(stage.wiki),
        "HOME": str(stage.directory),
        "RUNNER_TEMP": str(stage.temp),
        "GITHUB_PATH": str(path_file),
        "GITHUB_WORKSPACE": str(stage.checkout),
        "GITHUB_REF": ref,
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_SHA": "0123abc",
    }
    results = []
    for step in steps:
        if "uses" in step:
            assert step["uses"].startswith("actions/checkout@"), step  # the checkout is the stage's
            continue
        assert "${{" not in step["run"], "expressions stay out of scripts (they are pasted in before bash sees them)"
        if "if" in step:
            assert step["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
            if ref != "refs/heads/main":
                continue
        # Secrets are empty here; a local bare repository needs none.
        step_environment = {key: ("" if "${{" in str(value) else str(value)) for key, value in step.get("env", {}).items()}
        added = [line for line in path_file.read_text().splitlines() if line]
        environment["PATH"] = ":".join(list(reversed(added)) + [PLAIN_PATH])
        result = run_step(step["run"], {**environment, **step_environment}, stage.checkout)
        results.append((step["name"], result))
        if result.returncode != 0:
            break
    return results


def github_annotation(record):
    def escaped(text, property=False):
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property else text

    return (
        f"::{record['severity']} file={escaped(record['file'], True)},line={record['line']},col={record['column']},"
        f"title={escaped(record['code'], True)}::{escaped(record['message'])}"
    )


def test_github_actions_annotates_every_diagnostic_and_fails_on_errors(tmp_path):
    stage = Stage(tmp_path, MISTAKES)
    results = run_github(stage, "refs/heads/feature")
    assert [name for name, _ in results] == ["Install mssp-report", "Check the customer list"]
    install, check = (result for _, result in results)
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1
    expected = [github_annotation(record) for record in expected_diagnostics(stage.checkout / "customers.csv")]
    assert len(expected) == 12
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::")]
    assert annotations == expected
    assert annotations[0] == (
        '::error file=customers.csv,line=3,col=18,title=invalid-tenant-id::tenant ID "8f3c-11" is not a GUID '
        "(expected 8-4-4-4-12 hex digits)"
    )
    assert check.stdout.splitlines()[-1].startswith("mssp-report: 14 rows read, 6 customers valid, 8 errors")
    assert stage.wiki_log() == ["Home"], "nothing is published from a branch"


def test_github_actions_publishes_the_index_from_main(tmp_path):
    stage = Stage(tmp_path, CLEAN)
    results = run_github(stage, "refs/heads/main")
    assert [name for name, _ in results] == [
        "Install mssp-report", "Check the customer list", "Publish the index to the wiki"
    ]
    assert all(result.returncode == 0 for _, result in results), [r.stderr for _, r in results]
    assert stage.wiki_log() == [f"Customer portals, from mssp-report {stage.version} (0123abc)", "Home"]
    page = stage.wiki_file("Customer-portals.md")
    assert "(https://security.microsoft.com/?tid=d13c513a-42f8-4da1-97b1-165f0971b7c4)" in page
    # A second run with the same list changes nothing and says so.
    shutil.rmtree(stage.temp / "wiki")
    again = run_github(stage, "refs/heads/main")
    assert "The index has not changed." in again[-1][1].stdout
    assert len(stage.wiki_log()) == 2


# --- Azure Pipelines


def azure_steps():
    pipeline = yaml.safe_load((RECIPES / "azure-pipelines.yml").read_text())
    return pipeline, pipeline["steps"]


def run_azure(stage, branch):
    """Runs the pipeline's steps as the agent would on `branch`; returns (display name, result) pairs."""
    pipeline, steps = azure_steps()
    environment = {
        # Pipeline variables reach scripts as environment variables, upper case, dots as underscores.
        **{key.upper().replace(".", "_"): str(value) for key, value in pipeline["variables"].items()},
        "MSSP_REPORT_RELEASES": stage.releases.as_uri(),
        "WIKI_REPOSITORY": str(stage.wiki),
        "HOME": str(stage.directory),
        "AGENT_TEMPDIRECTORY": str(stage.temp),
        "BUILD_SOURCESDIRECTORY": str(stage.checkout),
        "BUILD_SOURCEBRANCH": branch,
        "BUILD_SOURCEVERSION": "0123abc",
        "BUILD_REQUESTEDFOR": "Build Service",
        "BUILD_REQUESTEDFOREMAIL": "build@example.org",
    }
    prepended = []
    results = []
    for step in steps:
        if "checkout" in step:
            assert step["checkout"] == "self"
            continue
        # Azure replaces $(name) macros before bash runs; the scripts use no $( at all, so none can collide.
        assert "$(" not in step["bash"], step["displayName"]
        if "condition" in step:
            assert step["condition"] == "and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))"
            if branch != "refs/heads/main":
                continue
        # Macros such as $(System.AccessToken) are empty here; a local bare repository needs no token.
        step_environment = {key: ("" if str(value).startswith("$(") else str(value)) for key, value in step.get("env", {}).items()}
        environment["PATH"] = ":".join(list(reversed(prepended)) + [PLAIN_PATH])
        result = run_step(step["bash"], {**environment, **step_environment}, stage.checkout)
        results.append((step["displayName"], result))
        prepended += re.findall(r"^##vso\[task\.prependpath\](.*)$", result.stdout, re.MULTILINE)
        if result.returncode != 0:
            break
    return results


def azure_issue(record):
    def escaped(text, property=False):
        text = text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(";", "%3B").replace("]", "%5D") if property else text

    return (
        f"##vso[task.logissue type={record['severity']};sourcepath={escaped(record['file'], True)};"
        f"linenumber={record['line']};columnnumber={record['column']};code={escaped(record['code'], True)}]"
        f"{escaped(record['message'])}"
    )


def test_azure_pipelines_logs_every_diagnostic_as_an_issue_and_fails_on_errors(tmp_path):
    stage = Stage(tmp_path, MISTAKES)
    results = run_azure(stage, "refs/heads/feature")
    assert [name for name, _ in results] == ["Install mssp-report", "Check the customer list"]
    install, check = (result for _, result in results)
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1
    expected = [azure_issue(record) for record in expected_diagnostics(stage.checkout / "customers.csv")]
    issues = [line for line in check.stdout.splitlines() if line.startswith("##vso[task.logissue")]
    assert issues == expected and len(issues) == 12
    assert issues[5] == (
        "##vso[task.logissue type=error;sourcepath=customers.csv;linenumber=8;columnnumber=17;code=duplicate-tenant-id]"
        + expected_diagnostics(stage.checkout / "customers.csv")[5]["message"]
    )
    assert stage.wiki_log() == ["Home"]


def test_azure_pipelines_publishes_the_index_from_main(tmp_path):
    stage = Stage(tmp_path, CLEAN)
    results = run_azure(stage, "refs/heads/main")
    assert [name for name, _ in results] == [
        "Install mssp-report", "Check the customer list", "Publish the index to the wiki"
    ]
    assert all(result.returncode == 0 for _, result in results), [r.stderr for _, r in results]
    assert stage.wiki_log() == [f"Customer portals, from mssp-report {stage.version} (0123abc)", "Home"]
    page = stage.wiki_file("Customer-portals.md")
    assert "(https://security.microsoft.com/?tid=d13c513a-42f8-4da1-97b1-165f0971b7c4)" in page


def test_a_tarball_that_does_not_match_its_checksum_is_refused(tmp_path):
    stage = Stage(tmp_path, CLEAN)
    tarball = next((stage.releases / f"v{stage.version}").glob("*.tar.gz"))
    with open(tarball, "ab") as file:
        file.write(b"tampered")
    results = run_github(stage, "refs/heads/main")
    assert [name for name, _ in results] == ["Install mssp-report"]
    assert results[0][1].returncode != 0
    assert "FAILED" in results[0][1].stdout + results[0][1].stderr
