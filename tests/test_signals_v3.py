"""signal_detector.bertrend.v3: a flagged signal keeps its reports past the recent window (one identity, no lost
week), hysteresis bounded in time (a signal that never grew is dropped after a few quiet weeks, one that grew is
held through a quiet month), the split of two dense sub-groups and the Finnish reason are v2's and still hold."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from test_signals_over_time import START, DIM, World, _flagged_on, _weekly

from pipeline.registry import registry
from pipeline.settings import SignalsParams
from pipeline.signals import StickySignalDetector, TrackedSignalDetector, detector_from_params


def test_v3_is_registered_and_built_from_the_settings() -> None:
    assert "signal_detector.bertrend.v3" in registry.signal_detectors.names()
    det = detector_from_params(SignalsParams(detector="signal_detector.bertrend.v3", hold_days=30), min_cell=3)
    assert isinstance(det, StickySignalDetector) and det.hold_days == 30


def test_a_slow_phenomenon_keeps_one_identity_after_its_first_reports_leave_the_recent_window() -> None:
    # one report a month: after three months the first reports fall out of the 90-day window; v3 keeps them as
    # the signal's own, so the same signal stays flagged with its history
    world = World()
    world.add("huijaus", [600, 606, 612, 640, 668, 696, 724])
    first = START + timedelta(days=613)
    weeks = _weekly(StickySignalDetector(), world, first, 17)
    sigs = [_flagged_on(found, world, "huijaus") for found in weeks]
    assert all(sigs), [i for i, s in enumerate(sigs) if not s]  # no lost week
    assert len({s[0].signal_id for s in sigs}) == 1
    last = sigs[-1][0]
    assert last.first_seen == (START + timedelta(days=600)).isoformat()
    assert last.flagged_since == sigs[0][0].as_of
    assert "huijaus" in last.keywords[0] or "huijaus" in " ".join(last.keywords)


def test_hysteresis_holds_a_grown_signal_through_a_quiet_month_but_drops_one_that_never_grew() -> None:
    world = World()
    world.add("kasvava", [690, 694, 698, 702, 706, 709, 712])  # flagged early, then grows, then quiet
    world.add("kolmikko", [700, 703, 706], centre=world.rng.normal(size=DIM))  # three reports and nothing more
    first = START + timedelta(days=700)
    weeks = _weekly(StickySignalDetector(), world, first, 8)
    grown = [bool(_flagged_on(f, world, "kasvava")) for f in weeks]
    trio = [bool(_flagged_on(f, world, "kolmikko")) for f in weeks]
    # 712 is the grown signal's last report; the last run (749) is 37 days later, within hold_days (42)
    assert all(grown), grown
    assert "ei ole vielä hiipunut" in _flagged_on(weeks[-1], world, "kasvava")[0].reason
    assert any(trio[:3]), trio  # flagged when it appeared
    # once its last 30-day window stops rising (day 736 on) only hysteresis could hold it: its newest report is
    # then over 21 days old and it never grew, so it is dropped
    assert not any(trio[-2:]), trio
    v2 = [bool(_flagged_on(f, world, "kolmikko")) for f in _weekly(TrackedSignalDetector(), world, first, 8)]
    assert sum(v2) > sum(trio)  # v2 holds the trio for as long as its popularity has not decayed


def test_v3_still_splits_two_dense_sub_groups_and_writes_finnish_reasons() -> None:
    world = World(background_days=590)
    a = world.add("A", [660, 664, 668, 672, 676, 680])
    world.add("B", [662, 666, 670, 674, 678, 682], centre=world.rng.normal(size=DIM))
    X, dates, ids, lemmas = world.arrays()
    det = StickySignalDetector(distance_threshold=1.6)  # clustering alone would put A and B in one group
    found = [s for s in det.fit(X, dates, ids, lemmas, START + timedelta(days=684)).signals_ if s.flagged]
    lab = world.label_of()
    assert sorted({lab[r] for r in s.report_ids}.pop() for s in found) == ["A", "B"]
    assert all(len({lab[r] for r in s.report_ids}) == 1 for s in found)
    assert all(s.reason.startswith("Liputettu") and "raporttia" in s.reason for s in found)
    assert a is not None and np.isfinite(a).all()
