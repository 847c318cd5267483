"""End to end in headless Chromium (Debian's chromium and chromium-driver):
a real server on localhost with the sample archive, the search page, the
permalink page, and the widget on a host page served from another origin.
Screenshots go to tests/artifacts/."""

import http.server
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.conftest import DATA

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
HOST_PAGE = Path(__file__).resolve().parent.parent.parent / "examples" / "widget-host.html"
READER_KEY = "intranet-reader-key"
ADMIN_KEY = "clerk-admin-key"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Debian's chromium and chromium-driver (make test installs them)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def servers(model_index, model, tmp_path_factory):
    api_port, host_port = free_port(), free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    index = tmp_path_factory.mktemp("browser") / "index"
    shutil.copytree(model_index, index)
    writer = PassageIndex.open(index, model)
    writer.ingest(load([DATA / "restricted"]), model)
    writer.close()
    settings = Settings(
        index=index,
        cors_origins=[host_origin],
        restricted_keys_env=READER_KEY,
        api_keys_env=ADMIN_KEY,
    )
    app = create_app(settings, encoder=model)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=api_port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    api = f"http://127.0.0.1:{api_port}"
    site = tmp_path_factory.mktemp("host-site")
    (site / "host.html").write_text(HOST_PAGE.read_text().replace("MINUTES_QA_SERVER", api))
    # The same page behind an intranet login: its widget carries a reader key.
    (site / "host-key.html").write_text(
        HOST_PAGE.read_text()
        .replace("MINUTES_QA_SERVER", api)
        .replace('k="5">', f'k="5" key="{READER_KEY}">')
    )
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(site))  # noqa: E731
    host = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    yield api, host_origin
    server.should_exit = True
    host.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chrome')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting in the browser")


def search(browser, question: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    widget = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "minutes-search"))[0]
    root = wait_for(lambda: widget.shadow_root)
    box = root.find_element(By.CSS_SELECTOR, "input[type=search]")
    box.send_keys(question, Keys.ENTER)
    results = wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.result"))
    return root, results


def test_search_page_context_and_permalink(servers, browser):
    from selenium.webdriver.common.by import By

    api, _ = servers
    browser.get(api + "/")
    root, results = search(browser, "What was said about Smart Water?")
    first = results[0]
    assert "Smart Water" in first.find_element(By.CSS_SELECTOR, ".text").text
    assert first.find_elements(By.CSS_SELECTOR, "mark")
    cite = first.find_element(By.CSS_SELECTOR, ".cite").text
    assert "Overview and Scrutiny Board" in cite and "2019-11-13" in cite
    label = root.find_element(By.CSS_SELECTOR, "label.q")
    assert "Search the minutes" in label.text
    # Where good matches end, a visible line; what follows is marked weaker.
    items = root.find_elements(By.CSS_SELECTOR, ".results > li")
    classes = [item.get_attribute("class") for item in items]
    line = classes.index("weaker")
    assert line >= 1 and items[line].is_displayed() and "Weaker passages" in items[line].text
    assert all(c == "result" for c in classes[:line])
    assert classes[line + 1 :] and all(c == "result weak" for c in classes[line + 1 :])
    assert "good match" in root.find_element(By.CSS_SELECTOR, ".status").text
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "search-page.png"))

    toggle = first.find_element(By.CSS_SELECTOR, '[data-act="context"]')
    toggle.click()
    context = first.find_element(By.CSS_SELECTOR, ".context")
    wait_for(lambda: "Resolution" in context.text)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert "RESOLVED that the North Worcestershire" in context.text

    first.find_element(By.LINK_TEXT, "Permalink").click()
    here = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "p.here"))[0]
    assert here.text.startswith("The introduction of Smart Water")
    assert (
        "Scrutiny of the Community Safety Partnership"
        in browser.find_element(By.TAG_NAME, "h1").text
    )


def test_widget_on_a_host_page_of_another_origin(servers, browser):
    from selenium.webdriver.common.by import By

    _, host_origin = servers
    browser.get(host_origin + "/host.html")
    root, results = search(browser, "PACT meetings")
    assert "PACT meetings" in results[0].find_element(By.CSS_SELECTOR, ".text").text
    assert len(results) <= 5
    # The host page's styles stop at the shadow root.
    button = root.find_element(By.CSS_SELECTOR, "button[type=submit]")
    assert "255, 105, 180" not in button.value_of_css_property("background-color")
    browser.save_screenshot(str(ARTIFACTS / "widget-host.png"))


def test_widget_shows_restricted_passages_only_with_a_key(servers, browser):
    from selenium.webdriver.common.by import By

    _, host_origin = servers
    secret = "confidential tender prices"
    browser.get(host_origin + "/host.html")
    _, results = search(browser, secret)
    assert not any(secret in r.find_element(By.CSS_SELECTOR, ".text").text for r in results)
    browser.get(host_origin + "/host-key.html")
    _, results = search(browser, secret)
    assert secret in results[0].find_element(By.CSS_SELECTOR, ".text").text


def test_api_docs_render_offline(servers, browser):
    """Swagger UI draws the API's operations from assets the app serves."""
    from selenium.webdriver.common.by import By

    api, _ = servers
    browser.get(api + "/docs")
    operations = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path"))
    paths = {op.text.replace("\u200b", "") for op in operations}
    assert "/api/v1/search" in paths


def test_search_page_address_holds_the_search(servers, browser):
    """A shared ?q= link opens on its results, with its filters; a new search
    gets its own address, and back returns to the one before."""
    from selenium.webdriver.common.by import By

    api, _ = servers
    browser.get(api + "/?q=Smart+Water&kind=discussion")
    widget = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "minutes-search"))[0]
    root = browser.execute_script("return arguments[0].shadowRoot", widget)
    first = wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.result"))[0]
    assert "Smart Water" in first.find_element(By.CSS_SELECTOR, ".text").text
    assert root.find_element(By.CSS_SELECTOR, "select[name=kind]").get_attribute("value") == (
        "discussion"
    )
    box = root.find_element(By.CSS_SELECTOR, "input[type=search]")
    box.clear()
    box.send_keys("PACT meetings")
    root.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: "q=PACT+meetings" in browser.current_url)
    browser.back()
    wait_for(lambda: "q=Smart+Water" in browser.current_url)
    wait_for(lambda: box.get_attribute("value") == "Smart Water")


NEW_MINUTES = """Minutes of the Community Safety Partnership held on 4 March 2026

Present: Cllr A Reed (Chair)

1. Smart Water

The Partnership heard that Smart Water kits had been given to 300 more homes in the
Quillbury ward, and that burglaries there had fallen since the kits were marked.
"""


def test_save_a_search_then_new_minutes_reach_its_feed(servers, browser):
    """A councillor saves the search on the page, new minutes are uploaded,
    and the search's feed link shows the new passage."""
    import xml.etree.ElementTree as ET

    import httpx
    from selenium.webdriver.common.by import By

    api, _ = servers
    browser.get(api + "/?q=Smart+Water+kits")
    widget = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "minutes-search"))[0]
    root = browser.execute_script("return arguments[0].shadowRoot", widget)
    wait_for(lambda: root.find_elements(By.CSS_SELECTOR, "li.result"))
    browser.find_element(By.CSS_SELECTOR, "#save summary").click()
    browser.find_element(By.CSS_SELECTOR, "#save input[name=key]").send_keys(ADMIN_KEY)
    browser.find_element(By.CSS_SELECTOR, "#save button[type=submit]").click()
    feed = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#save a.feed"))[0]
    assert 'Saved: "Smart Water kits"' in browser.find_element(By.CSS_SELECTOR, "#save").text
    url = feed.get_attribute("href")
    atom = "{http://www.w3.org/2005/Atom}"
    assert ET.fromstring(httpx.get(url).content).findall(f"{atom}entry") == []
    upload = httpx.post(
        f"{api}/api/v1/documents",
        headers={"X-API-Key": ADMIN_KEY},
        files={"files": ("csp-2026-03-04.md", NEW_MINUTES.encode(), "text/markdown")},
        timeout=60,
    )
    assert upload.status_code == 200, upload.text
    entries = wait_for(
        lambda: ET.fromstring(httpx.get(url).content).findall(f"{atom}entry"), timeout=30
    )
    assert "300 more homes" in ET.tostring(entries[0], encoding="unicode")
