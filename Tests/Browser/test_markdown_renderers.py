"""The Markdown index is inert in every renderer internal wikis run (issue 17), not only in cmark-gfm.

One combined index holds every accepted name of the hostile corpus (hostile-names.json, recorded from the Swift
InjectionTests). Each renderer in renderers.RENDERERS renders it and a benign index with the same tenants; the
hostile one must have exactly the benign one's elements, attributes and links outside the name cells, only
attribute-less <code> inside them, one row per customer, and each name must read back exactly as its input.
Then every page is loaded in headless Chromium, with alert, confirm, prompt and print trapped and every element
hovered, focused and clicked, and nothing may run.
"""

import html
import html.parser
import json
import pathlib
import subprocess

import pytest

import renderers
from conftest import BINARY, ROOT, make_driver

CORPUS = json.loads((pathlib.Path(__file__).with_name("hostile-names.json")).read_text(encoding="utf-8"))
LINKS = "entra,intune,m365,exchange"

# Renderers that cannot show every name exactly, and why (the README repeats this).
INEXACT = {}


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


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    directory = tmp_path_factory.mktemp("renderers")
    hostile = index(directory, CORPUS, "hostile")
    # The accepted names, in order, as cmark-gfm (whose reading the tool's own check proves) shows them.
    rows = body_rows(parse(renderers.RENDERERS["cmark-gfm"](hostile)))
    accepted = [row[0].text() for row in rows]
    tenants = [row[1].text() for row in rows]
    # The tool trims white space (Unicode's, as Python's strip does) from names; nothing else changes them.
    assert len(accepted) > 200 and set(accepted) <= {name.strip() for name in CORPUS}
    numbers = [int(identifier.split("-")[-1], 16) for identifier in tenants]
    # Benign names that sort as the hostile ones do, so that both indexes list the same tenants in one order.
    benign = index(directory, {number: f"Customer {row:04d}" for row, number in enumerate(numbers)}, "benign")
    return {"hostile": hostile, "benign": benign, "names": accepted, "directory": directory}


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


RENDERED = {}


def rendered(name, indexes):
    if name not in RENDERED:
        missing = renderers.missing_tool(name)
        if missing:
            pytest.fail(f"{missing} is missing: scripts/setup --test installs it")
        render = renderers.RENDERERS[name]
        RENDERED[name] = (render(indexes["hostile"]), render(indexes["benign"]))
    return RENDERED[name]


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_customer_data_adds_no_element_attribute_or_link(name, indexes):
    hostile_html, benign_html = rendered(name, indexes)
    hostile, benign = parse(hostile_html), parse(benign_html)
    hostile_rows, benign_rows = body_rows(hostile), body_rows(benign)
    assert len(hostile_rows) == len(benign_rows) == len(indexes["names"])
    assert [len(row) for row in hostile_rows] == [len(row) for row in benign_rows], "a row broke"
    outside, inside = census(hostile)
    benign_outside, _ = census(benign)
    # The heading ids some renderers derive come from the template's text, which is the same in both.
    assert outside == benign_outside
    assert set(inside) <= {("code", ())}, f"a name made {set(inside) - {('code', ())}}"
    hrefs = [dict(e.attributes).get("href") for e in hostile.elements() if e.tag == "a"]
    assert hrefs == [dict(e.attributes).get("href") for e in benign.elements() if e.tag == "a"]
    # Every link goes exactly where cmark-gfm's does (the tool's own check proves those).
    reference = parse(renderers.RENDERERS["cmark-gfm"](indexes["hostile"]))
    assert hrefs == [dict(e.attributes).get("href") for e in reference.elements() if e.tag == "a"]
    # The portal, Entra and Intune per customer (M365 and Exchange need a domain, which the corpus lacks), and
    # the multitenant view, three related topics and the article.
    assert len(hrefs) == len(indexes["names"]) * 3 + 5
    assert not [e for e in hostile.elements() if e.tag in ("script", "img", "iframe", "style", "svg")]


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_every_name_reads_back_exactly(name, indexes):
    hostile_html, _ = rendered(name, indexes)
    names = [row[0].text() for row in body_rows(parse(hostile_html))]
    wrong = [(expected, shown) for expected, shown in zip(indexes["names"], names)
             if expected != shown and (name, expected) not in INEXACT]
    assert wrong == []


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_the_tools_own_text_shows_no_backslash(name, indexes):
    hostile_html, _ = rendered(name, indexes)
    root = parse(hostile_html)
    name_cells = {id(row[0]) for row in body_rows(root)}

    def text_outside(node):
        return "".join(child if isinstance(child, str) else
                       ("" if id(child) in name_cells else text_outside(child)) for child in node.children)

    text = text_outside(root)
    assert "\\" not in text
    assert "A link grants no access by itself:" in " ".join(text.split())


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


def test_no_page_runs_anything_in_chromium(indexes):
    driver = make_driver()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
        for name in renderers.RENDERERS:
            hostile_html, _ = rendered(name, indexes)
            page = indexes["directory"] / (name.replace("/", "-").replace(" ", "-") + ".html")
            ran = runs_in_chromium(driver, page, hostile_html)
            assert ran == [], f"{name}: {ran}"
            assert driver.current_url == page.as_uri(), f"{name} navigated"
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """An index of benign names grouped (`--group-by`) by the hostile values, and one grouped by benign values
    that sort the same way."""
    directory = tmp_path_factory.mktemp("grouped")

    def grouped_index(groups, stem):
        source = directory / f"{stem}.json"
        source.write_text(json.dumps({"customers": [
            {"displayName": f"Customer {number:04d}", "tenantId": tenant(number), "group": group}
            for number, group in groups.items()]}), encoding="utf-8")
        output = directory / f"{stem}.md"
        result = subprocess.run([str(BINARY), str(source), "--skip-invalid", "--group-by", "group", "-o",
                                 str(output)], cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return output.read_text(encoding="utf-8")

    hostile = grouped_index(dict(enumerate(CORPUS, start=1)), "hostile")
    root = parse(renderers.RENDERERS["cmark-gfm"](hostile))
    headings = [element.text() for element in root.elements() if element.tag == "h2"][1:-1]
    order = [int(row[1].text().split("-")[-1], 16) for row in body_rows(root)]
    benign = grouped_index({number: f"Group {row:04d}" for row, number in enumerate(order)}, "benign")
    return {"hostile": hostile, "benign": benign, "headings": headings}


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_group_values_add_no_element_attribute_or_link(name, grouped):
    render = renderers.RENDERERS[name]
    hostile, benign = parse(render(grouped["hostile"])), parse(render(grouped["benign"]))
    # Renderers that give headings an id derive it from the heading's text: its value differs, nothing else.
    # The escaper's code spans (`@`, `//`, `.` in a word) are the one element a value may add.
    outside = [entry for entry in census(hostile, names_only=("id",))[0] if entry != ("code", ())]
    assert outside == [entry for entry in census(benign, names_only=("id",))[0] if entry != ("code", ())]
    assert [dict(e.attributes).get("href") for e in hostile.elements() if e.tag == "a"] == [
        dict(e.attributes).get("href") for e in benign.elements() if e.tag == "a"]
    assert len(body_rows(hostile)) == len(body_rows(benign)) > 200
    headings = [element.text() for element in hostile.elements() if element.tag == "h2"][1:-1]
    # league/commonmark starts an item with a line break, which a browser does not show.
    items = [element.text().strip("\n") for element in hostile.elements() if element.tag == "li"][:len(headings)]
    assert len(headings) == len(items) == len(grouped["headings"])

    # Group values keep control characters (names cannot have them), which renderers drop, keep or replace
    # (cmark-gfm, whose reading is the reference here, shows U+0000 as U+FFFD).
    def exact(want):
        return not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\ufffd" for c in want)

    assert [(want, got) for want, got in zip(grouped["headings"], headings) if want != got and exact(want)] == []
    assert [(want, got) for want, got in zip(grouped["headings"], items) if want != got and exact(want)] == []
