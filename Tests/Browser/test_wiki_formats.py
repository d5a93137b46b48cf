"""The formats for wikis and documentation tools (issue 17): the HTML fragment through real sanitisers, both
new formats over the hostile corpus, and the two publishing recipes of docs/publishing.md run end to end."""

import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ElementTree

import bleach
import nh3
import pytest

from conftest import BINARY, ROOT, make_driver
from test_markdown_renderers import CORPUS, LINKS, TRAP, body_rows, census, index, parse, runs_in_chromium

CONFLUENCE_WRAPPER = ('<ac:confluence xmlns:ac="http://atlassian.com/content" '
                      'xmlns:ri="http://atlassian.com/resource/identifier" xmlns="http://www.w3.org/1999/xhtml">')
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "p", "h2", "h3"}
DOMPURIFY = pathlib.Path("/usr/share/nodejs/dompurify/dist/purify.es.js")


def run_tool(directory, *arguments):
    result = subprocess.run([str(BINARY), *arguments], cwd=directory, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def fragment(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fragment")
    output = directory / "index.fragment.html"
    run_tool(ROOT, "samples/customers.csv", "--links", LINKS, "-o", str(output))
    return output.read_text(encoding="utf-8")


def links(root):
    return [(dict(e.attributes).get("href"), e.text()) for e in root.elements() if e.tag == "a"]


def table(root):
    return [[cell.text() for cell in row] for row in body_rows(root)]


def test_the_fragment_has_every_portal_link():
    samples = (ROOT / "samples" / "customers.csv").read_text(encoding="utf-8")
    tenants = [identifier.lower() for identifier in re.findall(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", samples, re.I)]
    output = run_tool(ROOT, "samples/customers.csv", "--format", "fragment").stdout
    hrefs = [href for href, _ in links(parse(output))]
    assert len(set(tenants)) == 14
    for identifier in tenants:
        assert hrefs.count(f"https://security.microsoft.com/?tid={identifier}") == 1


def test_nh3_keeps_every_link_its_text_and_the_table(fragment):
    cleaned = parse(nh3.clean(fragment))
    original = parse(fragment)
    assert links(cleaned) == links(original) and len(links(original)) > 14 * 5
    assert table(cleaned) == table(original) and len(table(original)) == 14
    # ammonia adds rel="noopener noreferrer" to each link and keeps its title.
    for element in cleaned.elements():
        if element.tag == "a" and "?tid=" in dict(element.attributes)["href"]:
            assert dict(element.attributes)["rel"] == "noopener noreferrer"
            assert dict(element.attributes)["title"]


def test_bleach_with_the_table_tags_keeps_everything(fragment):
    cleaned = parse(bleach.clean(fragment, tags=bleach.sanitizer.ALLOWED_TAGS | TABLE_TAGS))
    original = parse(fragment)
    assert links(cleaned) == links(original)
    assert table(cleaned) == table(original) and len(table(original)) == 14


def test_bleach_with_its_defaults_keeps_the_links_and_escapes_the_table(fragment):
    cleaned_text = bleach.clean(fragment)
    cleaned = parse(cleaned_text)
    assert links(cleaned) == links(parse(fragment))
    assert table(cleaned) == []
    assert "&lt;table&gt;" in cleaned_text


def test_dompurify_keeps_every_link_its_text_and_the_table(fragment):
    if not DOMPURIFY.exists():
        pytest.fail(f"{DOMPURIFY} is missing: scripts/setup --test installs node-dompurify")
    source = DOMPURIFY.read_text(encoding="utf-8").replace("export { purify as default };", "window.DOMPurify = purify;")
    driver = make_driver()
    try:
        driver.get("about:blank")
        driver.execute_script(source)
        cleaned = driver.execute_script("return window.DOMPurify.sanitize(arguments[0]);", fragment)
        removed = driver.execute_script("return window.DOMPurify.removed.length;")
    finally:
        driver.quit()
    original = parse(fragment)
    assert links(parse(cleaned)) == links(original)
    assert table(parse(cleaned)) == table(original) and len(table(original)) == 14
    assert removed == 0, "DOMPurify removed something"


@pytest.mark.parametrize("extension", ["confluence.xml", "fragment.html"])
def test_the_hostile_corpus_stays_text(extension, tmp_path):
    hostile = index(tmp_path, CORPUS, "hostile", extension)
    # Confluence storage format is XML: it must parse with the namespaces declared, and read back the same there.
    wrapped = ElementTree.fromstring((CONFLUENCE_WRAPPER if extension.startswith("confluence") else "<x>")
                                     + hostile + ("</ac:confluence>" if extension.startswith("confluence") else "</x>"))
    assert len(list(wrapped.iter())) > 1000
    root = parse(hostile)
    rows = body_rows(root)
    names = [row[0].text() for row in rows]
    assert len(names) > 200 and set(names) <= {name.strip() for name in CORPUS}
    numbers = [int(row[1].text().split("-")[-1], 16) for row in rows]
    benign = parse(index(
        tmp_path, {number: f"Customer {row:04d}" for row, number in enumerate(numbers)}, "benign", extension))
    outside, inside = census(root, names_only=("title",))
    benign_outside, benign_inside = census(benign, names_only=("title",))
    # The links' titles name the customer: same attributes, other values.
    assert outside == benign_outside and inside == benign_inside == []
    assert [href for href, _ in links(root)] == [href for href, _ in links(benign)]
    titles = [dict(e.attributes).get("title") for e in root.elements() if e.tag == "a" and "tid=" in dict(e.attributes)["href"]]
    if extension == "fragment.html":
        assert titles == [f"Microsoft Defender portal for {name}" for name in names]
        driver = make_driver()
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
            ran = runs_in_chromium(driver, tmp_path / "hostile-fragment.html", hostile)
            assert ran == []
        finally:
            driver.quit()


def recipe(name):
    """The shell block under `<!-- recipe: NAME ...-->` in docs/publishing.md."""
    page = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- recipe: " + re.escape(name) + r"\b[^>]*-->\n```sh\n(.*?)\n```", page, re.S)
    assert match, f"docs/publishing.md has no recipe {name}"
    return match.group(1)


def run_recipe(name, directory, environment):
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
