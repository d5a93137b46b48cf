"""The CI recipes of docs/ci run as their CI would run them: each shell step taken from the YAML, in order, with the
variables and the PATH handling of GitHub Actions ($GITHUB_PATH) or Azure Pipelines (##vso[task.prependpath]),
installing the release tarball from a local stand-in for the releases page, annotating the diagnostics of a list
with mistakes, and on the main branch publishing the index to a local bare wiki repository."""

import json
import re
import shutil
import subprocess

import pytest
import yaml

from helpers import BINARY, ROOT, require_tool

RECIPES = ROOT / "docs" / "ci"
MISTAKES = ROOT / "samples" / "customers-with-mistakes.csv"
CLEAN = ROOT / "samples" / "customers.csv"
# A PATH with no mssp-report on it: the recipe's install step must provide it.
PLAIN_PATH = "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"


class Stage:
    """What the recipes need around them: the release folder, the customer repository's checkout and the wiki."""

    def __init__(self, directory, list_source, release):
        self.directory = directory
        self.version = release["version"]
        self.releases = directory / "releases"
        published = self.releases / f"v{self.version}"
        published.mkdir(parents=True)
        shutil.copy(release["tarball"], published)
        shutil.copy(release["sums"], published)
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
        [BINARY, list_path.name, "--check", "--diagnostics", "json"],
        cwd=list_path.parent,
        capture_output=True,
        text=True,
    )
    return [record for record in map(json.loads, result.stderr.splitlines()) if "file" in record]


@pytest.fixture(autouse=True)
def tools():
    for tool in ("jq", "git", "curl", "sha256sum"):
        require_tool(tool)


def run_steps(steps, environment, main, *, kind, stage):
    """Runs a recipe's shell steps in order as a runner or agent does, each with bash in the checkout, the PATH
    extended by what earlier steps asked for; a step whose condition is the main branch runs only when `main`;
    it stops at the first step that fails. Returns (step name, result) pairs."""
    path = []
    results = []
    for step in steps:
        if kind.checkout in step:
            continue  # the checkout is the stage's
        if kind.condition in step:
            assert step[kind.condition] == kind.main_only
            if not main:
                continue
        # Secrets and tokens are empty here; a local bare repository needs none.
        step_environment = {
            key: ("" if kind.placeholder in str(value) else str(value)) for key, value in step.get("env", {}).items()
        }
        environment["PATH"] = ":".join(list(reversed(path)) + [PLAIN_PATH])
        result = run_step(step[kind.script], {**environment, **step_environment}, stage.checkout)
        results.append((step[kind.name], result))
        path += kind.added_paths(result)
        if result.returncode != 0:
            break
    return results


def escaped(text, pairs):
    for character, escape in pairs:
        text = text.replace(character, escape)
    return text


# --- GitHub Actions

# Workflow commands: data escapes %, CR and LF; property values also : and , (actions/toolkit's command.ts).
GITHUB_DATA = [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")]
GITHUB_PROPERTY = GITHUB_DATA + [(":", "%3A"), (",", "%2C")]


class GitHub:
    checkout = "uses"
    condition = "if"
    main_only = "github.ref == 'refs/heads/main' && github.event_name == 'push'"
    placeholder = "${{"
    script = "run"
    name = "name"

    def __init__(self, path_file):
        self.path_file = path_file

    def added_paths(self, result):
        """The folders a step wrote to $GITHUB_PATH (a fresh file for each step, as on the runner)."""
        lines = [line for line in self.path_file.read_text().splitlines() if line]
        self.path_file.write_text("")
        return lines


def run_github(stage, main):
    """Runs the workflow's steps as the runner would for a push to main or to another branch."""
    workflow = yaml.safe_load((RECIPES / "github-actions.yml").read_text())
    assert workflow["defaults"]["run"]["shell"] == "bash"
    steps = workflow["jobs"]["index"]["steps"]
    assert [step["uses"] for step in steps if "uses" in step] == ["actions/checkout@v4"]
    for step in steps:
        # Expressions are pasted into a script before bash sees it; the recipe keeps them out of scripts.
        assert "${{" not in step.get("run", "")
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
        "GITHUB_REF": "refs/heads/main" if main else "refs/heads/feature",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_SHA": "0123abc",
    }
    return run_steps(steps, environment, main, kind=GitHub(path_file), stage=stage)


def github_annotation(record):
    return (
        f"::{record['severity']} file={escaped(record['file'], GITHUB_PROPERTY)},line={record['line']},"
        f"col={record['column']},title={escaped(record['code'], GITHUB_PROPERTY)}::"
        f"{escaped(record['message'], GITHUB_DATA)}"
    )


# --- Azure Pipelines

# Logging commands: data escapes % (as %AZP25), CR and LF; property values also ; and ] (Microsoft's Logging
# commands page).
AZURE_DATA = [("%", "%AZP25"), ("\r", "%0D"), ("\n", "%0A")]
AZURE_PROPERTY = AZURE_DATA + [(";", "%3B"), ("]", "%5D")]


class Azure:
    checkout = "checkout"
    condition = "condition"
    main_only = "and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))"
    placeholder = "$("
    script = "bash"
    name = "displayName"

    @staticmethod
    def added_paths(result):
        return re.findall(r"^##vso\[task\.prependpath\](.*)$", result.stdout, re.MULTILINE)


def run_azure(stage, main):
    """Runs the pipeline's steps as the agent would on main or on another branch."""
    pipeline = yaml.safe_load((RECIPES / "azure-pipelines.yml").read_text())
    steps = pipeline["steps"]
    assert [step["checkout"] for step in steps if "checkout" in step] == ["self"]
    for step in steps:
        # Azure replaces $(name) macros before bash runs; the scripts use no $( at all, so none can collide.
        assert "$(" not in step.get("bash", "")
    environment = {
        # Pipeline variables reach scripts as environment variables, upper case, dots as underscores.
        **{key.upper().replace(".", "_"): str(value) for key, value in pipeline["variables"].items()},
        "MSSP_REPORT_RELEASES": stage.releases.as_uri(),
        "WIKI_REPOSITORY": str(stage.wiki),
        "HOME": str(stage.directory),
        "AGENT_TEMPDIRECTORY": str(stage.temp),
        "BUILD_SOURCESDIRECTORY": str(stage.checkout),
        "BUILD_SOURCEBRANCH": "refs/heads/main" if main else "refs/heads/feature",
        "BUILD_SOURCEVERSION": "0123abc",
        "BUILD_REQUESTEDFOR": "Build Service",
        "BUILD_REQUESTEDFOREMAIL": "build@example.org",
    }
    return run_steps(steps, environment, main, kind=Azure, stage=stage)


def azure_issue(record):
    return (
        f"##vso[task.logissue type={record['severity']};sourcepath={escaped(record['file'], AZURE_PROPERTY)};"
        f"linenumber={record['line']};columnnumber={record['column']};code={escaped(record['code'], AZURE_PROPERTY)}]"
        f"{escaped(record['message'], AZURE_DATA)}"
    )


# --- Both

# Each system: how its steps run, how it writes one diagnostic, how its annotation lines begin, and the first
# annotation for samples/customers-with-mistakes.csv as its documentation spells it.
SYSTEMS = {
    "github": (
        run_github,
        github_annotation,
        "::",
        '::error file=customers.csv,line=3,col=18,title=invalid-tenant-id::tenant ID "8f3c-11" is not a GUID '
        "(expected 8-4-4-4-12 hex digits)",
    ),
    "azure": (
        run_azure,
        azure_issue,
        "##vso[task.logissue",
        "##vso[task.logissue type=error;sourcepath=customers.csv;linenumber=3;columnnumber=18;code=invalid-tenant-id]"
        'tenant ID "8f3c-11" is not a GUID (expected 8-4-4-4-12 hex digits)',
    ),
}


@pytest.mark.parametrize("system", SYSTEMS)
def test_every_diagnostic_becomes_an_annotation_and_errors_fail_the_step(system, tmp_path, release):
    run, annotation, prefix, first = SYSTEMS[system]
    stage = Stage(tmp_path, MISTAKES, release)
    results = run(stage, False)
    assert [name for name, _ in results] == ["Install mssp-report", "Check the customer list"]
    install, check = (result for _, result in results)
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1
    expected = [annotation(record) for record in expected_diagnostics(stage.checkout / "customers.csv")]
    annotations = [line for line in check.stdout.splitlines() if line.startswith(prefix)]
    assert len(annotations) == 12
    assert annotations == expected
    assert annotations[0] == first
    assert check.stdout.splitlines()[-1].startswith("mssp-report: 14 rows read, 6 customers valid, 8 errors")
    assert stage.wiki_log() == ["Home"], "nothing is published from a branch"


@pytest.mark.parametrize("system", SYSTEMS)
def test_main_publishes_the_index_to_the_wiki_when_it_changed(system, tmp_path, release):
    run = SYSTEMS[system][0]
    stage = Stage(tmp_path, CLEAN, release)
    results = run(stage, True)
    assert [name for name, _ in results] == [
        "Install mssp-report", "Check the customer list", "Publish the index to the wiki"
    ]
    assert all(result.returncode == 0 for _, result in results), [r.stderr for _, r in results]
    assert stage.wiki_log() == [f"Customer portals, from mssp-report {stage.version} (0123abc)", "Home"]
    page = stage.wiki_file("Customer-portals.md")
    for line in CLEAN.read_text().splitlines()[1:]:
        tenant = line.rsplit(",", 2)[-2].strip().lower()
        assert f"(https://security.microsoft.com/?tid={tenant})" in page
    # The same list again changes nothing and says so.
    shutil.rmtree(stage.temp / "wiki")
    again = run(stage, True)
    assert "The index has not changed." in again[-1][1].stdout
    assert len(stage.wiki_log()) == 2


def test_a_tarball_that_does_not_match_its_checksum_is_refused(tmp_path, release):
    stage = Stage(tmp_path, CLEAN, release)
    tarball = next((stage.releases / f"v{stage.version}").glob("*.tar.gz"))
    with open(tarball, "ab") as file:
        file.write(b"tampered")
    results = run_github(stage, True)
    assert [name for name, _ in results] == ["Install mssp-report"]
    assert results[0][1].returncode != 0
    assert "FAILED" in results[0][1].stdout + results[0][1].stderr
