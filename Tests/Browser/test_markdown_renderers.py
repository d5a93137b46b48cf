"""The Markdown index is inert in every renderer internal wikis run (issue 17), not only in cmark-gfm.

One combined index holds every accepted name of the hostile corpus (hostile-names.json, recorded from the Swift
InjectionTests). Each renderer in renderers.RENDERERS renders it and a benign index with the same tenants; the
hostile one must have exactly the benign one's elements, attributes and links outside the name cells, only
attribute-less <code> inside them, one row per customer, and each name must read back exactly as its input.
Then every page is loaded in headless Chromium, with alert, confirm, prompt and print trapped and every element
hovered, focused and clicked, and nothing may run.
"""

import json
import subprocess

import pytest
import yaml

import renderers
from helpers import (BINARY, CORPUS, ROOT, TRAP, body_rows, census, index, make_driver, parse, run_tool,
                     runs_in_chromium, tenant)

# Renderers that cannot show every name exactly, and why (docs/security.md repeats this).
INEXACT = {}


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


def test_every_renderer_names_the_program_it_needs():
    assert set(renderers.RENDERERS) == set(renderers.TOOLS) | renderers.PYTHON_RENDERERS
    assert not set(renderers.TOOLS) & renderers.PYTHON_RENDERERS


RENDERED = {}


def rendered(name, indexes):
    if name not in RENDERED:
        renderers.require(name)
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
def test_every_link_kind_reaches_the_page_exactly(name, tmp_path):
    """Every kind of the link catalog, with the samples' domains, keeps the href cmark-gfm gives it: an @ in a
    path (My Access), an & in a query (the device inventory), a domain as a query value."""
    renderers.require(name)
    catalog = yaml.safe_load((ROOT / "Catalog" / "links.yaml").read_text(encoding="utf-8"))
    output = tmp_path / "every-kind.md"
    run_tool(ROOT, "samples/customers-with-domains.csv", "--quiet", "--links",
             ",".join(kind["name"] for kind in catalog["links"]), "-o", str(output))
    markdown = output.read_text(encoding="utf-8")

    def hrefs(html):
        return [dict(e.attributes).get("href") for e in parse(html).elements() if e.tag == "a"]

    shown = hrefs(renderers.RENDERERS[name](markdown))
    assert shown == hrefs(renderers.RENDERERS["cmark-gfm"](markdown))
    assert "https://myaccess.microsoft.com/@contoso.onmicrosoft.com" in shown
    assert ("https://security.microsoft.com/machines?category=all-devices&tid=d13c513a-42f8-4da1-97b1-165f0971b7c4"
            in shown)


ACCESS_STATES = {
    "Contoso Ltd": "Active until 2027-03-01, auto-extends",
    "Fabrikam, Inc.": "Expiring on 2026-12-13 (7 days left)",
    "Müller & Söhne <Logistik> GmbH": "Pending the customer's approval Approval link",
    "Northwind Traders": "Expiring today, 2026-12-06",
    "Woodgrove Bank": "Ended: past its end date, 2026-11-30",
    "Alpine Ski House": "No GDAP relationship (B2B may still give access)",
}


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_the_access_column_and_the_approval_link_read_back_exactly(name, tmp_path):
    """Each customer's access state reads back as its sentence in every renderer, and the approval link (a
    fragment with slashes, `#/partners/invitation/...`) keeps its href."""
    renderers.require(name)
    output = tmp_path / "access.md"
    run_tool(ROOT, "samples/customers.csv", "--relationships", "samples/relationships.json", "--as-of",
             "2026-12-06", "--quiet", "-o", str(output))
    root = parse(renderers.RENDERERS[name](output.read_text(encoding="utf-8")))
    cells = {row[0].text(): row[3].text().strip() for row in body_rows(root)}
    assert {customer: cells.get(customer) for customer in ACCESS_STATES} == ACCESS_STATES
    hrefs = [dict(e.attributes).get("href") for e in root.elements() if e.tag == "a"]
    assert ("https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
            "00000004-0000-4000-8000-000000000004-8777b240-c6f0-4469-9e98-a3205431b836") in hrefs


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
