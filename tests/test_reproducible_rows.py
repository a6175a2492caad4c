"""One seed in, the same rows out, on every interpreter and Mesa version negosim supports.

The rows were recorded on the project's reference machine (`python tests/make_golden_rows.py`);
CI runs this module on Python 3.11 with Mesa 3.3 and, from the built wheel, on 3.12 and 3.13
with Mesa 3.5.
"""

from __future__ import annotations

import json

import pytest

from tests.make_golden_rows import CASES, GOLDEN, rows

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize("name", sorted(CASES))
def test_seeded_runs_give_the_recorded_rows(name: str) -> None:
    recorded = json.loads(GOLDEN.read_text())[name]
    found = rows(name, CASES[name])
    assert len(found) == len(recorded)
    for now, then in zip(found, recorded, strict=True):
        assert now.keys() == then.keys()
        for key, value in then.items():
            if isinstance(value, float):
                assert now[key] == pytest.approx(value, abs=1e-12), (name, now["run"], key)
            else:
                assert now[key] == value, (name, now["run"], key)
