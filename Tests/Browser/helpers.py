"""What the Python tests share: the built binary and how to run it, headless Chromium, the hostile corpus, an HTML
tree to compare documents by, and the policy for a program a test needs."""

import html.parser
import json
import os
import pathlib
import shutil
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("MSSP_REPORT_BINARY", ROOT / ".build" / "debug" / "mssp-report"))
CHROMEDRIVER = "/usr/bin/chromedriver"
CORPUS = json.loads((pathlib.Path(__file__).with_name("hostile-names.json")).read_text(encoding="utf-8"))
# The extra links the tests ask for: M365 and Exchange need a domain, Entra and Intune only the tenant ID.
LINKS = "entra,intune,m365,exchange"


def require_tool(tool, how="scripts/setup --test installs it"):
    """Stops a test whose program is missing: skipped with the reason on a developer's machine, failed when `CI`
    is set (a CI run that skips the browser is not green). The Swift tests' ExternalTool does the same."""
    if shutil.which(tool) is not None or pathlib.Path(tool).exists():
        return
    message = f"{tool} is missing: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def render(directory, *arguments, csv=None, name="index.html"):
    """Runs mssp-report on the samples or on `csv` (text) and returns the written page's path."""
    inputs = list(arguments)
    if csv is not None:
        source = directory / (name + ".csv")
        source.write_text(csv, encoding="utf-8")
        inputs.insert(0, str(source))
    output = directory / name
    result = subprocess.run(
        [str(BINARY), *inputs, "-o", str(output)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return output


def run_tool(directory, *arguments):
    """Runs mssp-report in `directory`, which must succeed."""
    result = subprocess.run([str(BINARY), *arguments], cwd=directory, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result


def make_driver(width=1280, height=900, javascript=True):
    """Headless Chromium through Debian's chromium-driver, at `width` × `height` CSS pixels."""
    require_tool("chromium")
    require_tool(CHROMEDRIVER)
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    if width < 500:
        # Chromium's windows are at least 500 px wide: a phone's width is emulated.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver



def tenant(index):
    return f"{index:08x}-0000-4000-8000-{index:012x}"


class Node:
    def __init__(self, tag, attributes, parent):
        self.tag, self.attributes, self.parent, self.children = tag, attributes, parent, []

    def text(self):
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def elements(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()


VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "embed", "source", "track", "wbr"}


class TreeBuilder(html.parser.HTMLParser):
    """A tree as the HTML reads, enough for tables: void elements close themselves, an end tag closes up to its
    element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attributes):
        node = Node(tag, attributes, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attributes):
        self.current.children.append(Node(tag, attributes, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(text):
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def index(directory, names, stem, extension="md"):
    """The index (a `.md` unless `extension` says otherwise) of `names`, a list (tenants numbered from 1) or a
    dictionary from tenant number."""
    numbered = names.items() if isinstance(names, dict) else enumerate(names, start=1)
    source = directory / f"{stem}.json"
    source.write_text(json.dumps({"customers": [
        {"displayName": name, "tenantId": tenant(number)} for number, name in numbered]}), encoding="utf-8")
    output = directory / f"{stem}.{extension}"
    result = subprocess.run([str(BINARY), str(source), "--skip-invalid", "--links", LINKS, "-o", str(output)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8")


def body_rows(root):
    rows = []
    for element in root.elements():
        if element.tag == "tr" and any(isinstance(c, Node) and c.tag == "td" for c in element.children):
            rows.append([c for c in element.children if isinstance(c, Node) and c.tag in ("td", "th")])
    return rows


def census(root, names_only=()):
    """Elements with their attributes outside name cells, and what name cells hold; for the attributes in
    `names_only`, only that they are there."""
    outside, inside = [], []
    name_cells = {id(row[0]) for row in body_rows(root)}

    def walk(node, in_name):
        for child in node.children:
            if isinstance(child, Node):
                target = inside if in_name else outside
                attributes = [(name, None if name in names_only else value) for name, value in child.attributes]
                target.append((child.tag, tuple(sorted(attributes))))
                walk(child, in_name or id(child) in name_cells)

    walk(root, False)
    return outside, inside


def links(root):
    """The links of a tree: each `href` with the link's text."""
    return [(dict(e.attributes).get("href"), e.text()) for e in root.elements() if e.tag == "a"]


def table(root):
    """The text of every cell of every body row."""
    return [[cell.text() for cell in row] for row in body_rows(root)]


TRAP = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = (...args) => { window.__ran.push(name + ':' + String(args[0])); };
}
"""


def runs_in_chromium(driver, page, body):
    """Writes `body` into a page at `page`, loads it in `driver` (which has TRAP), hovers, focuses and clicks
    every element, and returns what ran."""
    page.write_text("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>" + body
                    + "</body></html>", encoding="utf-8")
    driver.get(page.as_uri())
    return driver.execute_script("""
        for (const element of document.querySelectorAll('body *')) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'click', 'toggle']) {
            element.dispatchEvent(new Event(type, {bubbles: true, cancelable: true}));
          }
          if (element.tagName !== 'A' && typeof element.click === 'function') element.click();
          if (typeof element.focus === 'function') element.focus();
        }
        return window.__ran.concat(window.pwned ? ['pwned'] : []);
    """)
