"""The Graph export recipe of docs/access.md runs end to end against a stand-in Graph server: the relationships in
two pages (following @odata.nextLink), each active relationship's access assignments tagged with its ID, and the
index that mssp-report writes from them says what it says from the samples directly."""

import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.parse

from helpers import BINARY, ROOT, require_tool

RELATIONSHIPS = json.loads((ROOT / "samples" / "relationships.json").read_text(encoding="utf-8"))["value"]
ASSIGNMENTS = json.loads((ROOT / "samples" / "access-assignments.json").read_text(encoding="utf-8"))["value"]
PREFIX = "/v1.0/tenantRelationships/delegatedAdminRelationships"


def recipe(name):
    """The shell block under `<!-- recipe: NAME ...-->` in docs/access.md."""
    page = (ROOT / "docs" / "access.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- recipe: " + re.escape(name) + r"\b[^>]*-->\n```sh\n(.*?)\n```", page, re.S)
    assert match, f"docs/access.md has no recipe {name}"
    return match.group(1)


class StandInGraph(http.server.BaseHTTPRequestHandler):
    """Answers as Microsoft Graph does: the relationships in two pages, each relationship's assignments (the first
    one's in two pages, the second empty), without a relationshipId in them. Keeps the requests."""
    requests = []

    def log_message(self, *arguments):
        pass

    def reply(self, document):
        body = json.dumps(document).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.requests.append((self.path, self.headers.get("Authorization")))
        base = f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"
        path, _, query = self.path.partition("?")
        parameters = urllib.parse.parse_qs(query)
        if path == PREFIX:
            if "$skiptoken" in parameters:
                return self.reply({"value": RELATIONSHIPS[10:]})
            return self.reply({"value": RELATIONSHIPS[:10], "@odata.nextLink": f"{base}?$skiptoken=page2"})
        match = re.fullmatch(re.escape(PREFIX) + r"/([^/]+)/accessAssignments", path)
        if not match:
            self.send_error(404)
            return None
        relationship = match.group(1)
        items = [{key: value for key, value in item.items() if key != "relationshipId"}
                 for item in ASSIGNMENTS if item["relationshipId"] == relationship]
        if relationship == RELATIONSHIPS[0]["id"] and "$skiptoken" not in parameters:
            return self.reply({"value": [], "@odata.nextLink": f"{base}/{relationship}/accessAssignments?$skiptoken=2"})
        return self.reply({"value": items})


def states(page):
    """(row id, access state) of each customer row of a page."""
    return re.findall(r'<tr id="(tenant-[0-9a-f-]+)"[^>]*>.*?<span class="access-state">([^<]*)</span>', page, re.S)


def test_the_graph_export_recipe_reads_every_page_and_tags_the_assignments(tmp_path):
    for tool in ("bash", "curl", "jq"):
        require_tool(tool)
    shutil.copy(ROOT / "samples" / "customers.csv", tmp_path / "customers.csv")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInGraph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandInGraph.requests = []
    try:
        env = dict(os.environ, PATH=f"{BINARY.parent}:{os.environ['PATH']}", TOKEN="token-123",
                   GRAPH=f"http://127.0.0.1:{server.server_address[1]}", SOURCE_DATE_EPOCH="1796515200")
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", recipe("graph export")], cwd=tmp_path, env=env,
                                capture_output=True, text=True, check=False)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert {authorization for _, authorization in StandInGraph.requests} == {"Bearer token-123"}
    # Two pages of relationships, then the assignments of each active relationship (the first in two pages).
    active = [item["id"] for item in RELATIONSHIPS if item["status"] == "active"]
    assert [path for path, _ in StandInGraph.requests] == (
        [PREFIX, PREFIX + "?$skiptoken=page2", f"{PREFIX}/{active[0]}/accessAssignments",
         f"{PREFIX}/{active[0]}/accessAssignments?$skiptoken=2"]
        + [f"{PREFIX}/{identifier}/accessAssignments" for identifier in active[1:]])
    tagged = json.loads((tmp_path / "access-assignments.json").read_text(encoding="utf-8"))
    expected = [item for item in ASSIGNMENTS if item["relationshipId"] in active]
    assert sorted(tagged, key=lambda item: item["id"]) == sorted(expected, key=lambda item: item["id"])

    direct = subprocess.run(
        [str(BINARY), "samples/customers.csv", "--relationships", "samples/relationships.json",
         "--access-assignments", "samples/access-assignments.json", "--as-of", "2026-12-06", "-q"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout
    written = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert states(written) == states(direct)
    assert len(states(written)) == 14
    assert "From the GDAP relationships in relationships-000.json, relationships-001.json;" in written
