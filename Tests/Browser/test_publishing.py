"""The publishing recipes of docs/publishing.md run end to end: the Confluence REST recipe against a stand-in
server, the Git wiki recipe against a local bare repository."""

import http.server
import json
import os
import re
import shutil
import subprocess
import threading

import pytest

from helpers import BINARY, ROOT, require_tool, run_tool


def recipe(name):
    """The shell block under `<!-- recipe: NAME ...-->` in docs/publishing.md."""
    page = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- recipe: " + re.escape(name) + r"\b[^>]*-->\n```sh\n(.*?)\n```", page, re.S)
    assert match, f"docs/publishing.md has no recipe {name}"
    return match.group(1)


def run_recipe(name, directory, environment):
    for tool in ("bash", "curl", "jq", "git"):
        require_tool(tool)
    shutil.copy(ROOT / "samples" / "customers.csv", directory / "customers.csv")
    env = dict(os.environ, PATH=f"{BINARY.parent}:{os.environ['PATH']}", **environment)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", recipe(name)], cwd=directory, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result


class StandInConfluence(http.server.BaseHTTPRequestHandler):
    """Answers the two requests of the recipe as Confluence's REST API does, and keeps them."""
    requests = []

    def log_message(self, *arguments):
        pass

    def do_GET(self):
        self.requests.append(("GET", self.path, self.headers.get("Authorization"), None))
        body = json.dumps({"id": "123456", "type": "page", "title": "Customer portals",
                           "version": {"number": 7}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        length = int(self.headers["Content-Length"])
        self.requests.append(("PUT", self.path, self.headers.get("Authorization"),
                              (self.headers.get("Content-Type"), self.rfile.read(length))))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")


def test_the_confluence_recipe_puts_the_file_as_the_next_version(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInConfluence)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandInConfluence.requests = []
    try:
        run_recipe("confluence", tmp_path, {
            "CONFLUENCE": f"http://127.0.0.1:{server.server_address[1]}", "PAGE_ID": "123456",
            "CONFLUENCE_USER": "soc@example.com", "CONFLUENCE_TOKEN": "token"})
    finally:
        server.shutdown()
    (get, put) = StandInConfluence.requests
    assert get[:2] == ("GET", "/wiki/rest/api/content/123456?expand=version")
    assert put[0:2] == ("PUT", "/wiki/rest/api/content/123456")
    assert get[2] == put[2] == "Basic c29jQGV4YW1wbGUuY29tOnRva2Vu"  # soc@example.com:token
    content_type, body = put[3]
    assert content_type == "application/json"
    request = json.loads(body)
    stored = (tmp_path / "index.confluence.xml").read_text(encoding="utf-8")
    assert request == {"id": "123456", "type": "page", "title": "Customer portals",
                       "version": {"number": 8, "message": "mssp-report"},
                       "body": {"storage": {"value": stored, "representation": "storage"}}}
    assert "security.microsoft.com/?tid=" in stored


def git(*arguments, cwd=None):
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True).stdout


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "SOC", "GIT_AUTHOR_EMAIL": "soc@example.com", "GIT_COMMITTER_NAME": "SOC",
                "GIT_COMMITTER_EMAIL": "soc@example.com", "GIT_CONFIG_GLOBAL": "/dev/null"}


@pytest.mark.parametrize("order", [False, True], ids=["GitHub or GitLab wiki", "Azure DevOps wiki (.order)"])
def test_the_git_wiki_recipe_commits_the_index_once(order, tmp_path):
    bare = tmp_path / "soc.wiki.git"
    seed = tmp_path / "seed"
    env = dict(os.environ, **GIT_IDENTITY)
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True, env=env)
    subprocess.run(["git", "clone", "--quiet", str(bare), str(seed)], check=True, env=env, capture_output=True)
    (seed / "Home.md").write_text("# Home\n", encoding="utf-8")
    if order:
        (seed / ".order").write_text("Home\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(seed), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(seed), "commit", "--quiet", "-m", "Home"], check=True, env=env)
    subprocess.run(["git", "-C", str(seed), "push", "--quiet", "origin", "HEAD"], check=True, env=env)

    for run in (1, 2):
        work = tmp_path / f"run{run}"
        work.mkdir()
        run_recipe("git wiki", work, dict(GIT_IDENTITY, WIKI=str(bare)))
    log = git("--git-dir", str(bare), "log", "--format=%s")
    assert log.splitlines() == ["Customer portals, from mssp-report", "Home"], "the second run committed again"
    published = git("--git-dir", str(bare), "show", "HEAD:Customer-portals.md")
    written = run_tool(ROOT, "samples/customers.csv", "--format", "markdown").stdout
    assert published == written
    if order:
        assert git("--git-dir", str(bare), "show", "HEAD:.order").splitlines() == ["Home", "Customer-portals"]
