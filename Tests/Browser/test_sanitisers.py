"""The HTML fragment through the sanitisers documentation tools run (nh3, bleach, DOMPurify), and Confluence
storage format and the fragment over the hostile corpus (issue 17)."""

import re
import xml.etree.ElementTree as ElementTree

import bleach
import nh3
import pytest

from helpers import (CORPUS, LINKS, ROOT, TRAP, body_rows, census, index, links, make_driver, parse,
                     require_tool, run_tool, runs_in_chromium, table)

CONFLUENCE_WRAPPER = ('<ac:confluence xmlns:ac="http://atlassian.com/content" '
                      'xmlns:ri="http://atlassian.com/resource/identifier" xmlns="http://www.w3.org/1999/xhtml">')
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "p", "h2", "h3"}
DOMPURIFY = "/usr/share/nodejs/dompurify/dist/purify.es.js"


@pytest.fixture(scope="module")
def fragment(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fragment")
    output = directory / "index.fragment.html"
    run_tool(ROOT, "samples/customers.csv", "--links", LINKS, "-o", str(output))
    return output.read_text(encoding="utf-8")


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
    require_tool(DOMPURIFY, "scripts/setup --test installs node-dompurify")
    with open(DOMPURIFY, encoding="utf-8") as file:
        source = file.read()
    source = source.replace("export { purify as default };", "window.DOMPurify = purify;")
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
