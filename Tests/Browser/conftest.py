"""Fixtures for the page's browser tests: the built binary, pages rendered from CSV text, and headless
Chromium driven by Selenium through Debian's chromium-driver (scripts/setup --test installs both)."""

import os
import pathlib
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("MSSP_REPORT_BINARY", ROOT / ".build" / "debug" / "mssp-report"))
CHROMEDRIVER = "/usr/bin/chromedriver"


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


def make_driver(width=1280, height=900, javascript=True):
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


@pytest.fixture(scope="session", autouse=True)
def built_binary():
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: run swift build --product mssp-report (scripts/test does)")


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def samples(tmp_path):
    return render(tmp_path, "samples/customers.csv")
