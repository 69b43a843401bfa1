"""Hypothesis profiles for the property tests: `ci` (default) and `long` (ten times the examples).

Choose one with HYPOTHESIS_PROFILE=long. Each property test asks `examples(n)` for its count,
so the CI counts stay written next to the test and a long run scales all of them.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_SCALE = {"ci": 1, "long": 10}
_COMMON = {"deadline": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture]}
for _name in PROFILE_SCALE:
    settings.register_profile(_name, derandomize=_name == "ci", database=None, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE if PROFILE in PROFILE_SCALE else "ci")


def examples(count: int) -> int:
    """The number of examples a property test runs under the current profile."""
    return count * PROFILE_SCALE.get(PROFILE, 1)
