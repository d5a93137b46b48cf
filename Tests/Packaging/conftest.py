"""The packaging tests share the Python tests' policy for a missing program (helpers.require_tool) and their paths;
helpers.py lives beside the browser tests."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Browser"))
