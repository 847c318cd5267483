"""The timeline view and a commitment's "what happened next", in headless
Chromium, on a real server over the sample archive and the invented
Quillbury minutes (tests/data/timeline), embedded with the real model."""

import shutil

import pytest

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.api.test_browser import ARTIFACTS, CHROMEDRIVER, CHROMIUM, wait_for
from tests.api.test_browser import browser as browser  # noqa: F401 (a fixture)
from tests.conftest import DATA, live_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Debian's chromium and chromium-driver (make test installs them)",
    ),
]


@pytest.fixture(scope="module")
def api(model_index, model, tmp_path_factory):
    index = tmp_path_factory.mktemp("timeline-browser") / "index"
    shutil.copytree(model_index, index)
    writer = PassageIndex.open(index, model)
    writer.ingest(load([DATA / "timeline"]), model)
    writer.close()
    with live_server(create_app(Settings(index=index), encoder=model)) as url:
        yield url


def _root(browser):
    from selenium.webdriver.common.by import By

    widget = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "minutes-search"))[0]
    return wait_for(lambda: browser.execute_script("return arguments[0].shadowRoot", widget))


def test_timeline_view_from_the_address(api, browser):
    """A shared ?q=…&view=timeline link opens on the meetings, oldest first,
    each with its date, undated last; passages link to their permalinks; the
    Results button and back step between the two views."""
    from selenium.webdriver.common.by import By

    browser.get(api + "/?q=flooding+on+Mill+Lane&view=timeline")
    root = _root(browser)
    meetings = wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.meeting"))
    dates = [
        m.find_element(By.CSS_SELECTOR, "time").get_attribute("datetime")
        for m in meetings
        if m.find_elements(By.CSS_SELECTOR, "time")
    ]
    assert dates == ["2023-01-10", "2023-03-14", "2023-06-20"]
    headings = [m.find_element(By.CSS_SELECTOR, "h3").text for m in meetings]
    assert headings[0].startswith("2023-01-10 · Environment Committee, Quillbury Town Council")
    assert headings[-1].startswith("Date not stated")
    separator = root.find_element(By.CSS_SELECTOR, "li.undated")
    assert "state no date" in separator.text and separator.is_displayed()
    assert "culvert be accepted" in meetings[1].text
    pressed = root.find_element(By.CSS_SELECTOR, '[data-view="timeline"]')
    assert pressed.get_attribute("aria-pressed") == "true"
    assert not root.find_element(By.CSS_SELECTOR, "ol.results").is_displayed()
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "timeline.png"))

    root.find_element(By.CSS_SELECTOR, '[data-view="results"]').click()
    wait_for(lambda: "view=timeline" not in browser.current_url)
    wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.result"))
    browser.back()
    wait_for(lambda: "view=timeline" in browser.current_url)
    meetings = wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.meeting"))

    march = meetings[1].find_element(By.CSS_SELECTOR, "li.passage")
    link = march.find_element(By.LINK_TEXT, "Permalink")
    assert link.get_attribute("href").endswith("/p/" + march.get_attribute("data-id"))
    link.click()
    here = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "p.here"))[0]
    assert "Mill Lane culvert" in here.text


def test_a_commitments_what_happened_next(api, browser):
    """A commitment's "What happened next" shows the later passage that
    answers it, and its permalink opens that passage."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(api + "/")
    root = _root(browser)
    box = root.find_element(By.CSS_SELECTOR, "input[type=search]")
    box.send_keys("The Clerk would report back with quotes for the Mill Lane culvert", Keys.ENTER)
    results = wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.result"))
    promise = next(r for r in results if r.find_elements(By.CSS_SELECTOR, '[data-act="next"]'))
    assert promise.text.count("The Clerk would report back to the next meeting")
    promise.find_element(By.CSS_SELECTOR, '[data-act="next"]').click()
    answer = promise.find_element(By.CSS_SELECTOR, ".next")
    wait_for(lambda: "What happened next" in answer.text)
    assert "The Clerk reported that three quotes had been received" in answer.text
    assert "2023-03-14" in answer.text
    answer.find_element(By.LINK_TEXT, "Permalink").click()
    here = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "p.here"))[0]
    assert here.text.startswith("The Clerk reported that three quotes had been received")
