"""The HTML page in headless Chromium: compact rows, the filter box, the copy buttons, the page without
JavaScript, hostile names, print, contrast and focus. Run by scripts/test (python3 -m pytest Tests/Browser)."""

import urllib.parse

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from helpers import LINKS, make_driver, render

SAMPLE_NAMES = [
    "Adatum Corporation", "Alpine Ski House", "Contoso Ltd", "Fabrikam, Inc.", "Müller & Söhne <Logistik> GmbH",
    "Northwind Traders", "Société Générale de Café", "Tailspin Toys", "Woodgrove Bank", "Ærøskøbing Sejl ApS",
    "Łódź Water Works", "Şişecam Cam Sanayi A.Ş.", "Ελληνική Ναυτιλιακή Α.Ε.", "株式会社さくら精機",
]
LABELS = ["Defender", "Entra", "Intune", "M365", "Exchange"]
# Names of about 40 characters, with typical letters, and long domains.
LONG_NAMES = """name,tenant id,domain,aliases
Contoso International Holdings Pty Ltd.,0b0c2a33-6d1f-4f43-9a51-0a6b3f0d4e23,contosointernational.onmicrosoft.com,
Northwind Traders Logistics Europe GmbH,0b0c2a33-6d1f-4f43-9a51-0a6b3f0d4e24,northwindlogisticseurope.onmicrosoft.com,
"""


def visible_names(driver):
    return [row.find_element(By.TAG_NAME, "th").text for row in driver.find_elements(By.CSS_SELECTOR, "main tbody tr")
            if row.is_displayed()]


def count_text(driver):
    return driver.find_element(By.ID, "filter-count").text


def type_filter(driver, text):
    """Replaces the box's text as a user would (select all, then type), so that every keystroke is an input."""
    box = driver.find_element(By.ID, "filter-input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if text:
        box.send_keys(text)
    return box


def row_heights(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('main tbody tr')).map(function (row) {
            return [row.cells[0].textContent, row.getBoundingClientRect().height,
                    parseFloat(getComputedStyle(row.cells[0]).lineHeight)];
        });""")


@pytest.mark.parametrize("links", [None, LINKS])
def test_each_row_is_one_line_at_1280_px(tmp_path, browser, links):
    arguments = ["samples/customers.csv"] + (["--links", links] if links else [])
    page = render(tmp_path, *arguments, csv=LONG_NAMES)
    browser.get(page.as_uri())
    assert browser.execute_script("return window.innerWidth") == 1280
    rows = row_heights(browser)
    assert len(rows) == 16
    for name, height, line in rows:
        assert len(name) <= 40
        # One line of text plus the cell's padding and rule, well under two lines.
        assert height < 1.5 * line + 12, f"{name!r} is {height}px high (line {line}px)"


def test_below_40_rem_the_rows_are_cards(samples):
    driver = make_driver(width=375, height=800)
    try:
        driver.get(samples.as_uri())
        display = driver.execute_script(
            "return getComputedStyle(document.querySelector('main tbody tr')).display")
        assert display == "block"
        assert not driver.find_element(By.CSS_SELECTOR, "thead").is_displayed()
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375
    finally:
        driver.quit()


def test_links_show_short_labels_and_name_the_customer_to_assistive_technology(tmp_path, browser):
    page = render(tmp_path, "samples/customers.csv", "--links", LINKS)
    browser.get(page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "main tbody tr")
    assert [row.find_element(By.TAG_NAME, "th").text for row in rows] == SAMPLE_NAMES
    # What shows is the label alone; the accessible name (aria-label) starts with it and names the customer.
    for row, name in zip(rows, SAMPLE_NAMES):
        links = row.find_elements(By.TAG_NAME, "a")
        assert [link.text for link in links] == LABELS
        assert [link.get_attribute("aria-label") for link in links] == [f"{label} for {name}" for label in LABELS]
    tree = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    names = [node["name"]["value"] for node in tree
             if node.get("role", {}).get("value") == "link" and "name" in node and " for " in node["name"]["value"]]
    expected = [f"{label} for {name}" for name in SAMPLE_NAMES for label in LABELS]
    assert names == expected
    # WCAG 2.5.3: each visible label starts its accessible name.
    assert all(name.startswith(tuple(LABELS)) for name in names)
    # Rows laid out as grids keep the table's semantics.
    roles = [node.get("role", {}).get("value") for node in tree if not node.get("ignored")]
    assert roles.count("table") == 1
    assert roles.count("rowheader") == 14
    assert roles.count("columnheader") == 2 + len(LABELS) + 1
    assert roles.count("row") == 15
    buttons = [node["name"]["value"] for node in tree if node.get("role", {}).get("value") == "button"]
    assert buttons == [f"Copy the tenant ID of {name}" for name in SAMPLE_NAMES]


def test_the_filter_narrows_the_rows_ignoring_case_and_accents(samples, browser):
    browser.get(samples.as_uri())
    assert count_text(browser) == "14 customers"
    type_filter(browser, "muller")
    assert visible_names(browser) == ["Müller & Söhne <Logistik> GmbH"]
    assert count_text(browser) == "1 of 14 customers"
    assert browser.find_element(By.ID, "filter-count").get_attribute("role") == "status"
    type_filter(browser, "LODZ")
    assert visible_names(browser) == ["Łódź Water Works"]
    type_filter(browser, "aeroskobing")
    assert visible_names(browser) == ["Ærøskøbing Sejl ApS"]
    type_filter(browser, "d13c513a")  # part of a tenant ID
    assert visible_names(browser) == ["Contoso Ltd"]
    type_filter(browser, "tailspintoys.onmicrosoft")  # a domain
    assert visible_names(browser) == ["Tailspin Toys"]
    type_filter(browser, "ski alpine")  # every word, in any order
    assert visible_names(browser) == ["Alpine Ski House"]
    type_filter(browser, "no such customer")
    assert visible_names(browser) == []
    assert count_text(browser) == "0 of 14 customers"


def test_the_filter_searches_aliases_and_groups_and_hides_empty_groups(tmp_path, browser):
    csv = """name,tenant id,region,tags
Contoso Ltd,d13c513a-42f8-4da1-97b1-165f0971b7c4,Europe,CTS; the big one
Fabrikam Inc,25abd89b-d67e-4d92-8a83-18174d645fa6,Americas,
Tailspin Toys,72488b81-0dfa-4e39-8727-d4dad921bf95,Europe,
"""
    page = render(tmp_path, "--group-by", "region", csv=csv)
    browser.get(page.as_uri())
    sections = browser.find_elements(By.CSS_SELECTOR, "main section")
    assert len(sections) == 2
    type_filter(browser, "cts")
    assert visible_names(browser) == ["Contoso Ltd"]
    type_filter(browser, "americas")
    assert visible_names(browser) == ["Fabrikam Inc"]
    assert [section.is_displayed() for section in sections] == [True, False]
    entries = browser.find_elements(By.CSS_SELECTOR, "nav li")
    assert [entry.is_displayed() for entry in entries] == [True, False]
    assert count_text(browser) == "1 of 3 customers"


def test_the_filter_is_kept_in_the_url_and_read_back_from_it(samples, browser):
    browser.get(samples.as_uri())
    type_filter(browser, "Société Gén")
    fragment = urllib.parse.urlsplit(browser.current_url).fragment
    assert urllib.parse.unquote(fragment) == "filter=Société Gén"
    shared = browser.current_url
    browser.get("about:blank")
    browser.get(shared)
    assert browser.find_element(By.ID, "filter-input").get_attribute("value") == "Société Gén"
    assert visible_names(browser) == ["Société Générale de Café"]
    type_filter(browser, "")
    assert urllib.parse.urlsplit(browser.current_url).fragment == ""
    assert len(visible_names(browser)) == 14


def test_slash_focuses_escape_clears_and_enter_opens_the_first_match(samples, browser):
    browser.get(samples.as_uri())
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "filter-input"
    box.send_keys("cont")
    assert visible_names(browser) == ["Contoso Ltd"]
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("value") == ""
    assert len(visible_names(browser)) == 14
    box.send_keys("woodgrove")
    tabs = browser.window_handles
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.number_of_windows_to_be(len(tabs) + 1))
    opened = [handle for handle in browser.window_handles if handle not in tabs]
    assert len(opened) == 1
    browser.switch_to.window(opened[0])
    assert browser.current_url == "https://security.microsoft.com/?tid=e14c1d7e-8448-4709-af4d-6ee6dda4dd1e"
    # The portal opened without a reference back to the index (rel="noopener noreferrer").
    assert browser.execute_script("return window.opener") is None


def test_copy_puts_the_tenant_id_on_the_clipboard(samples, browser):
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    browser.get(samples.as_uri())
    row = browser.find_elements(By.CSS_SELECTOR, "main tbody tr")[2]
    button = row.find_element(By.CSS_SELECTOR, "button.copy")
    assert button.text == "Copy"
    button.click()
    copied = browser.execute_async_script(
        "var done = arguments[0]; navigator.clipboard.readText().then(done, function (e) { done('error: ' + e); });")
    assert copied == "d13c513a-42f8-4da1-97b1-165f0971b7c4"
    assert button.text == "Copied"
    # The ID stays selectable text.
    code = row.find_element(By.TAG_NAME, "code")
    assert browser.execute_script("return getComputedStyle(arguments[0]).userSelect", code) == "all"


def test_without_javascript_the_page_is_complete_and_the_box_absent(tmp_path):
    page = render(tmp_path, "samples/customers.csv", "--links", LINKS)
    driver = make_driver(javascript=False)
    try:
        driver.get(page.as_uri())
        assert not driver.find_element(By.ID, "filter").is_displayed()
        assert driver.find_elements(By.CSS_SELECTOR, "button") == []
        links = [link for link in driver.find_elements(By.CSS_SELECTOR, "a[href^='https://']") if link.is_displayed()]
        portal = [link.get_attribute("href") for link in links if "security.microsoft.com/?tid=" in link.get_attribute("href")]
        assert len(portal) == 14
        assert len(links) == 14 * 5 + 1 + 3 + 1  # rows, multitenant view, related topics, source article
        assert [row.text.split("\n")[0] for row in driver.find_elements(By.CSS_SELECTOR, "main tbody th")] == SAMPLE_NAMES
    finally:
        driver.quit()


HOSTILE = [
    "<img src=x onerror=\"window.pwned=1\">", "<script>window.pwned=2</script>", "'><svg onload='window.pwned=3'>",
    "\"><iframe src=javascript:window.pwned=4>", "javascript:window.pwned=5", "{{title}} ${window.pwned=6}",
    "</bdi></th></tr></table><b>broken</b>", "\u202eevil\u202c Corp", "a&amp;b &#60;x&#62;", "</script><script>pwned=7</script>",
]


def test_hostile_names_stay_text_with_the_script_running(tmp_path, browser):
    lines = ["name,tenant id"]
    for number, name in enumerate(HOSTILE):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"{quoted},{number:08x}-0000-4000-8000-000000000000")
    page = render(tmp_path, csv="\n".join(lines) + "\n")
    browser.get(page.as_uri())
    names = browser.execute_script(
        "return Array.from(document.querySelectorAll('main tbody th')).map(function (e) { return e.textContent; })")
    assert sorted(names) == sorted(HOSTILE)
    for query in ["<img src=x onerror=window.pwned=8>", "pwned", "<script>", "\"'><"]:
        type_filter(browser, query)
    type_filter(browser, "pwned")
    assert count_text(browser) == f"7 of {len(HOSTILE)} customers"
    state = browser.execute_script("""return [window.pwned === undefined, document.title,
        document.querySelectorAll('img, svg, iframe, b, object, embed').length,
        document.querySelectorAll('script').length]""")
    assert state == [True, "Microsoft Defender portals of our customers", 0, 1]
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    violations = [entry for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert violations == []


def test_print_shows_no_box_and_no_buttons(samples, browser):
    browser.get(samples.as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    displays = browser.execute_script("""return [getComputedStyle(document.getElementById('filter')).display,
        Array.from(document.querySelectorAll('button.copy')).map(function (b) { return getComputedStyle(b).display; })]""")
    assert displays[0] == "none"
    assert set(displays[1]) == {"none"} and len(displays[1]) == 14


CONTRAST = """
function rgb(text) {
  var parts = text.match(/[\\d.]+/g).map(Number);
  return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
}
function luminance(c) {
  var channel = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}
function background(element) {
  for (var e = element; e; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c.a > 0) return c;
  }
  return { r: 255, g: 255, b: 255, a: 1 };
}
function ratio(a, b) {
  var x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
var results = [];
function text(selector) {
  document.querySelectorAll(selector).forEach(function (e) {
    results.push([selector, 'text', ratio(rgb(getComputedStyle(e).color), background(e)), 4.5]);
  });
}
function border(selector) {
  document.querySelectorAll(selector).forEach(function (e) {
    results.push([selector, 'border', ratio(rgb(getComputedStyle(e).borderTopColor), background(e.parentElement)), 3]);
  });
}
['h1', '.summary', '.note', '.filter label', '#filter-input', '#filter-count', '.filter-keys', 'kbd',
 'caption', 'thead th', 'tbody th', 'code', 'tbody a', 'td.domain', 'button.copy', 'footer a',
 '.access-summary h2', '.access-summary p', '.access-counts a', '.access-state', '.roles'].forEach(text);
['.access-state'].forEach(function (selector) {
  document.querySelectorAll(selector).forEach(function (e) {
    results.push([selector, 'bar', ratio(rgb(getComputedStyle(e).borderLeftColor), background(e)), 3]);
  });
});
['#filter-input', 'button.copy', 'kbd'].forEach(border);
results.push(['focus outline', 'outline', ratio(rgb(getComputedStyle(document.querySelector('a')).color),
  background(document.body)), 3]);
return results;
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("access", [False, True])
def test_every_element_has_aa_contrast(tmp_path, browser, scheme, access):
    relationships = ["--relationships", "samples/relationships.json", "--as-of", "2026-12-06"] if access else []
    page = render(tmp_path, "samples/customers.csv", "--links", LINKS, *relationships)
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.get(page.as_uri())
    is_dark = browser.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
    assert is_dark == (scheme == "dark")
    results = browser.execute_script(CONTRAST)
    assert len(results) > 14 * 6
    # With relationships, every customer's state is measured (its words and its bar), in each state's colour.
    assert sum(1 for result in results if result[0] == ".access-state") == (14 * 2 if access else 0)
    failing = [(selector, kind, round(value, 2)) for selector, kind, value, floor in results if value < floor]
    assert failing == []


def test_focus_is_visible_on_the_box_and_the_buttons(samples, browser):
    browser.get(samples.as_uri())
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    outline = "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]"
    assert browser.execute_script("return document.activeElement.id") == "filter-input"
    style, width = browser.execute_script(outline)
    assert style == "solid" and width >= 2
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.execute_script("return document.activeElement.className") == "copy"
    style, width = browser.execute_script(outline)
    assert style == "solid" and width >= 2


ACCESS_SAMPLE = ["samples/customers.csv", "--relationships", "samples/relationships.json", "--as-of", "2026-12-06"]


def test_the_access_counts_filter_the_page_by_state(tmp_path, browser):
    page = render(tmp_path, *ACCESS_SAMPLE)
    browser.get(page.as_uri())
    counts = browser.find_elements(By.CSS_SELECTOR, ".access-counts a")
    assert [link.text for link in counts] == [
        "3 active", "2 expiring", "3 pending", "1 no Defender role", "3 ended", "2 no relationship"]
    counts[1].click()
    WebDriverWait(browser, 5).until(lambda driver: count_text(driver) == "2 of 14 customers")
    assert visible_names(browser) == ["Fabrikam, Inc.", "Northwind Traders"]
    assert browser.find_element(By.ID, "filter-input").get_attribute("value") == "access:expiring"
    states = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "main tbody td.access .access-state")
              if cell.is_displayed()]
    assert states == ["Expiring on 2026-12-13 (7 days left)", "Expiring today, 2026-12-06"]
    browser.find_element(By.CSS_SELECTOR, ".access-counts a.access-pending").click()
    WebDriverWait(browser, 5).until(lambda driver: count_text(driver) == "3 of 14 customers")
    assert visible_names(browser) == ["Adatum Corporation", "Müller & Söhne <Logistik> GmbH", "Ελληνική Ναυτιλιακή Α.Ε."]


@pytest.mark.parametrize("query, names", [
    ("expiring", ["Fabrikam, Inc.", "Northwind Traders"]),
    ("pending", ["Adatum Corporation", "Müller & Söhne <Logistik> GmbH", "Ελληνική Ναυτιλιακή Α.Ε."]),
    ("ended 2026-10", ["Société Générale de Café"]),
    ("security operator", ["Fabrikam, Inc."]),
])
def test_typing_a_state_filters_to_it(tmp_path, browser, query, names):
    page = render(tmp_path, *ACCESS_SAMPLE)
    browser.get(page.as_uri())
    type_filter(browser, query)
    WebDriverWait(browser, 5).until(lambda driver: count_text(driver) == f"{len(names)} of 14 customers")
    assert visible_names(browser) == names


def test_the_access_state_is_in_words_without_javascript_and_the_approval_link_is_there(tmp_path):
    page = render(tmp_path, *ACCESS_SAMPLE)
    driver = make_driver(javascript=False)
    try:
        driver.get(page.as_uri())
        row = driver.find_element(By.ID, "tenant-3cbb7daa-64c1-44fa-88a7-c8252abc5619")
        cell = row.find_element(By.CSS_SELECTOR, "td.access")
        assert cell.find_element(By.CLASS_NAME, "access-state").text == "Pending the customer's approval"
        link = cell.find_element(By.TAG_NAME, "a")
        assert link.text == "Approval link"
        assert link.get_attribute("href") == (
            "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
            "00000004-0000-4000-8000-000000000004-8777b240-c6f0-4469-9e98-a3205431b836")
        assert driver.find_element(By.ID, "access-heading").text == "Access as of 2026-12-06"
    finally:
        driver.quit()
