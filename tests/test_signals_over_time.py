"""Weak signals week after week (signal_detector.bertrend.v2): identity, hysteresis, split, no flag on unrelated
reports, reasons without small counts; and the retraining gate's evidence rule.

Each behaviour is also run through the v1 rule where v1 gets it wrong, so the test shows what v2 adds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np

from pipeline.retraining import decide_promotion, promotion_criterion
from pipeline.signals import SignalDetector, TrackedSignalDetector, masked_count, stored_signals, write_signals

START = date(2024, 1, 1)
DIM = 32


class World:
    """Background reports on 6 steady topics for ``background_days``, plus the groups added with `add`."""

    def __init__(self, seed: int = 0, background_days: int = 720, step: int = 3) -> None:
        self.rng = np.random.default_rng(seed)
        self.centres = self.rng.normal(size=(6, DIM))
        self.X, self.dates, self.labels = [], [], []
        for day in range(0, background_days, step):
            t = (day // step) % 6
            self._one(self.centres[t], START + timedelta(days=day), f"bg{t}")

    def _one(self, centre: np.ndarray, d: date, label: str, noise: float = 0.3) -> None:
        self.X.append(centre + noise * self.rng.normal(size=DIM))
        self.dates.append(d)
        self.labels.append(label)

    def add(self, label: str, days: list[int], centre: np.ndarray | None = None) -> np.ndarray:
        """Reports of one new phenomenon on ``days`` (days after START); returns its centre."""
        centre = self.rng.normal(size=DIM) if centre is None else centre
        for day in days:
            self._one(centre, START + timedelta(days=day), label)
        return centre

    def arrays(self):  # noqa: ANN201
        X = np.asarray(self.X, dtype=np.float32)
        ids = [f"R{i:04d}" for i in range(len(X))]
        lemmas = [[lab, "asiakas", f"{lab}sana"] for lab in self.labels]
        return X / np.linalg.norm(X, axis=1, keepdims=True), self.dates, ids, lemmas

    def label_of(self) -> dict[str, str]:
        return {f"R{i:04d}": lab for i, lab in enumerate(self.labels)}


def _weekly(detector, world: World, first: date, weeks: int, previous=()):  # noqa: ANN001, ANN202
    X, dates, ids, lemmas = world.arrays()
    out = []
    for w in range(weeks):
        as_of = first + timedelta(days=7 * w)
        found = detector.fit(X, dates, ids, lemmas, as_of, previous=previous).signals_
        out.append(found)
        previous = found
    return out


def _flagged_on(found, world: World, label: str):  # noqa: ANN001, ANN202
    lab = world.label_of()
    return [s for s in found if s.flagged and sum(lab[r] == label for r in s.report_ids) >= 2]


def test_a_growing_signal_keeps_its_id_first_seen_and_history_week_after_week() -> None:
    world = World()
    world.add("sähkö", [700, 706, 711, 716, 720, 724, 728, 733, 737])
    weeks = _weekly(TrackedSignalDetector(), world, START + timedelta(days=712), 5)
    sigs = [_flagged_on(found, world, "sähkö") for found in weeks]
    assert all(len(s) == 1 for s in sigs), [[x.report_ids for x in s] for s in sigs]
    ids = {s[0].signal_id for s in sigs}
    assert len(ids) == 1, ids  # one identity across the five runs
    last = sigs[-1][0]
    assert last.first_seen == (START + timedelta(days=700)).isoformat()
    assert last.flagged_since == sigs[0][0].as_of
    assert [h["as_of"] for h in last.history][-5:] == [s[0].as_of for s in sigs]
    assert [h["reports"] for h in last.history][-5:] == sorted(h["reports"] for h in last.history[-5:])


def test_one_quiet_month_does_not_drop_a_flagged_signal_hysteresis() -> None:
    world = World()
    world.add("huijaus", [690, 694, 698, 702, 705])  # a burst, then nothing more
    first = START + timedelta(days=706)
    v2 = [_flagged_on(f, world, "huijaus") for f in _weekly(TrackedSignalDetector(), world, first, 6)]
    assert all(v2), [bool(x) for x in v2]  # flagged in every quiet week that follows
    assert "ei ole vielä hiipunut" in v2[-1][0].reason
    v1 = [_flagged_on(f, world, "huijaus") for f in _weekly(SignalDetector(), world, first, 6)]
    assert not all(v1)  # the rule without hysteresis drops it once the last window holds fewer reports


def test_two_phenomena_in_one_group_are_split_into_two_signals() -> None:
    world = World(background_days=590)  # the recent window holds only the two new phenomena
    a = world.add("A", [660, 664, 668, 672, 676, 680])
    b = world.add("B", [662, 666, 670, 674, 678, 682], centre=world.rng.normal(size=DIM))
    assert float(a @ b) / (np.linalg.norm(a) * np.linalg.norm(b)) < 0.5
    X, dates, ids, lemmas = world.arrays()
    as_of = START + timedelta(days=684)
    loose = dict(distance_threshold=1.6)  # so loose that clustering alone puts A and B in one group
    v1 = [s for s in SignalDetector(**loose).fit(X, dates, ids, lemmas, as_of).signals_ if s.flagged]
    assert len(v1) == 1 and len(v1[0].report_ids) == 12  # merged
    v2 = [s for s in TrackedSignalDetector(**loose).fit(X, dates, ids, lemmas, as_of).signals_ if s.flagged]
    lab = world.label_of()
    assert sorted({lab[r] for r in s.report_ids}.pop() for s in v2) == ["A", "B"]
    assert all(len({lab[r] for r in s.report_ids}) == 1 for s in v2)


def test_unrelated_recent_reports_are_not_flagged_as_a_signal() -> None:
    world = World(background_days=590)
    for k, day in enumerate((660, 665, 670, 675)):
        world.add(f"yksittäinen{k}", [day])  # four reports, each about something else
    X, dates, ids, lemmas = world.arrays()
    as_of = START + timedelta(days=680)
    loose = dict(distance_threshold=1.6)
    unchecked = TrackedSignalDetector(min_coherence=-1.0, **loose)  # the same rule without the coherence check
    assert [s for s in unchecked.fit(X, dates, ids, lemmas, as_of).signals_ if s.flagged]
    assert not [s for s in TrackedSignalDetector(**loose).fit(X, dates, ids, lemmas, as_of).signals_ if s.flagged]


def test_reasons_are_finnish_and_show_no_count_below_the_minimum_cell() -> None:
    assert [masked_count(n, 3) for n in (0, 1, 2, 3, 7)] == ["ei yhtään", "alle 3", "alle 3", "3", "7"]
    world = World()
    world.add("sähkö", [700, 706, 711, 716])
    X, dates, ids, lemmas = world.arrays()
    found = TrackedSignalDetector(min_cell=5).fit(X, dates, ids, lemmas, START + timedelta(days=718)).signals_
    flagged = [s for s in found if s.flagged]
    assert flagged
    for s in found:
        assert "raporttia" in s.reason
        counts = [int(n) for n in re.findall(r"(?<![\d.\-])(\d+) raport", s.reason)]
        assert all(n >= 5 for n in counts), s.reason
    assert "alle 5" in flagged[0].reason


def test_signal_history_survives_the_store(db_url: str) -> None:
    from pipeline.store import get_engine

    world = World()
    world.add("sähkö", [700, 706, 711, 716, 720])
    weeks = _weekly(TrackedSignalDetector(), world, START + timedelta(days=714), 2)
    engine = get_engine(db_url)
    for found in weeks:
        write_signals(engine, date.fromisoformat(found[0].as_of), found)
    back = stored_signals(engine)
    sig = next(s for s in back if s.flagged)
    mine = next(s for s in weeks[-1] if s.signal_id == sig.signal_id)
    assert sig.history == mine.history and len(sig.history) >= 2
    assert sig.flagged_since == mine.flagged_since


# ---------------------------------------------------------------------- retraining gate
def test_gate_never_promotes_a_tie_without_evidence() -> None:
    same = {"review_agreement": 0.0, "reviewed_reports": 0, "outlier_share": 0.2, "coherence": 0.1,
            "diversity": 0.8}
    ok, reason = decide_promotion(dict(same), dict(same))
    assert not ok and reason.startswith("unsupervised") and "no evidence" in reason
    assert promotion_criterion(dict(same), dict(same)) == "unsupervised"
    # the same tie with many reviewed labels is still not evidence: it falls back to the unsupervised criteria
    tie = dict(same, reviewed_reports=100)
    assert promotion_criterion(tie, dict(tie)) == "unsupervised"
    assert not decide_promotion(tie, dict(tie))[0]


def test_gate_uses_unsupervised_criteria_and_says_which() -> None:
    old = {"reviewed_reports": 0, "outlier_share": 0.30, "coherence": 0.05, "diversity": 0.70}
    ok, reason = decide_promotion(dict(old, outlier_share=0.20), old)
    assert ok and "better on outlier_share" in reason
    ok, reason = decide_promotion(dict(old, coherence=0.10, diversity=0.50), old)
    assert not ok and "worse on diversity" in reason
    ok, reason = decide_promotion(dict(old, coherence=0.10, diversity=0.50), old, force=True)
    assert ok and reason.startswith("promoted on request")
    reviewed = {"review_agreement": 0.7, "reviewed_reports": 60}
    ok, reason = decide_promotion(dict(reviewed, review_agreement=0.75), reviewed)
    assert ok and reason.startswith("reviewed labels")
    assert promotion_criterion(dict(reviewed, review_agreement=0.75), reviewed) == "reviewed"
