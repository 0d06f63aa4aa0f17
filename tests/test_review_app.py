"""The reviewer app in a real browser: `signaali review app` (Voila) driven by headless Chromium through Selenium.

A reviewer types a name, changes one report's themes, marks another "ei sovi mihinkään teemaan"; the store then holds
both decisions under that name and the theme table on the page shows the effect. A screenshot is kept under
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.review.cards import report_card_html, theme_labels
from pipeline.store.queries import effective_themes
from pipeline.store.schema import reviews
from test_review import seed_store

CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1300,2200"]


def test_report_card_is_finnish_prose_not_reprs() -> None:
    """What the reviewer reads: Finnish labels, decimal commas, evidence as words; no keys, no Python lists."""
    from types import SimpleNamespace
    from datetime import date

    row = SimpleNamespace(report_id="R-9", submitted=date(2025, 2, 5), area=["Lahti"], target_group="työikäiset",
                          phenomenon_type="negatiivinen", snippet="Jonot ovat pitkiä.", themes=[], source="review",
                          reviewer="Aino", model_themes=[("mental_health", 0.9123)], topic=3.0,
                          evidence={"mental_health": {"keywords": ["ahdistus", "jono"], "neighbours": ["R-1"],
                                                      "cluster": 3}})
    card = report_card_html(row, theme_labels(["mental_health"]))
    label = theme_labels()["mental_health"]
    assert label in card and "mental_health" not in card
    assert "0,91" in card and "osuneet sanat: ahdistus, jono" in card and "R-1" in card and "klusteri 3" in card
    assert "ei sovi mihinkään teemaan" in card  # a reviewed report with no themes
    assert not re.search(r"\[\(|\('|\]\)", card)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise AssertionError(f"signaali review app exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


@pytest.mark.slow
@pytest.mark.skipif(not CHROMEDRIVER.exists(), reason="needs Debian chromium-driver (scripts/system-deps.sh)")
def test_reviewer_corrects_a_report_in_the_browser(tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = seed_store(url)
    labels = theme_labels()
    port = _free_port()
    log = open(tmp_path / "voila.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "review", "app", "--db", url, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "SIGNAALI_REVIEWER": ""})
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        opts.add_argument(flag)
    driver = None
    try:
        _wait_port(port, proc)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
        driver.get(f"http://127.0.0.1:{port}/")
        wait = WebDriverWait(driver, 120)
        card = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".sg-report-R-2")))
        page = driver.find_element(By.TAG_NAME, "body").text
        assert "Teemojen tarkistus" in page and "Hyväksy mallin teemat" in page
        assert "import " not in page and "review_app(" not in page  # code hidden
        assert "ageing" not in page and labels["ageing"] in page  # Finnish labels, keys only inside

        name = driver.find_element(By.CSS_SELECTOR, ".sg-reviewer input")
        name.clear()
        name.send_keys("Aino Arvioija")
        name.send_keys("\t")
        select = Select(card.find_element(By.CSS_SELECTOR, ".sg-pick select"))
        select.deselect_all()
        select.select_by_visible_text(labels["housing"])
        card.find_element(By.CSS_SELECTOR, ".sg-change button, button.sg-change").click()
        wait.until(lambda d: "Tallennettu" in d.find_element(By.CSS_SELECTOR, ".sg-report-R-2").text)

        other = driver.find_element(By.CSS_SELECTOR, ".sg-report-R-5")
        other.find_element(By.CSS_SELECTOR, "button.sg-none").click()
        wait.until(lambda d: "Tallennettu" in d.find_element(By.CSS_SELECTOR, ".sg-report-R-5").text)

        driver.find_elements(By.CSS_SELECTOR, ".lm-TabBar-tab, .p-TabBar-tab")[2].click()
        wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".sg-theme-table")))
        mh = re.escape(labels["mental_health"])
        wait.until(lambda d: re.search(rf"{mh}\s+\d+\s+-1", d.find_element(By.CSS_SELECTOR, ".sg-theme-table").text))
        table = driver.find_element(By.CSS_SELECTOR, ".sg-theme-table").text
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "review_app_theme_table.png"))
        driver.find_elements(By.CSS_SELECTOR, ".lm-TabBar-tab, .p-TabBar-tab")[0].click()
        time.sleep(0.5)
        driver.save_screenshot(str(ARTIFACTS / "review_app.png"))
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()

    with engine.connect() as conn:
        now = effective_themes(conn, ["R-2", "R-5"])
        rows = conn.execute(sa.select(reviews.c.target, reviews.c.reviewer, reviews.c.new)
                            .where(reviews.c.kind == "report").order_by(reviews.c.id)).all()
    assert now["R-2"] == ["housing"]
    assert now["R-5"] == []  # counts under no theme
    assert [(r.target, r.reviewer, r.new.get("decision")) for r in rows] == [
        ("R-2", "Aino Arvioija", "change"), ("R-5", "Aino Arvioija", "no_theme")]
    # the theme table on the page shows the effect: one more housing report, one less mental health report
    assert re.search(rf"{re.escape(labels['housing'])}\s+\d+\s+\+1", table), table
    assert re.search(rf"{re.escape(labels['mental_health'])}\s+2\s+-1", table), table
    assert re.search(r"ei mitään teemaa\s+2\s+\+1", table), table
