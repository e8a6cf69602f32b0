"""loaders/profile.py: phases are recorded only inside ``profiled()``, by name, summed
over their blocks (what they measure is for benchmarks/, not asserted here)."""

from __future__ import annotations

from loaders.profile import phase, profiled


def test_phases_are_recorded_by_name_only_when_profiling() -> None:
    with phase("read"):
        pass  # no profile: nothing to record into, nothing fails
    with profiled() as phases:
        with phase("read"):
            pass
        with phase("facts"):
            pass
        with phase("read"):
            pass
        with profiled() as inner:  # a profile inside another has its own phases
            with phase("commit"):
                pass
    assert sorted(phases) == ["facts", "read"]
    assert sorted(inner) == ["commit"]
    with phase("read"):
        pass
    assert sorted(phases) == ["facts", "read"]  # closed: no more phases added


def test_a_phase_that_raises_is_recorded() -> None:
    with profiled() as phases:
        try:
            with phase("publish"):
                raise ValueError("refused")
        except ValueError:
            pass
    assert list(phases) == ["publish"]
