"""Fixtures for the Python tests (the shared functions are in helpers.py)."""

import pytest

from helpers import BINARY, make_driver, render


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
