#!/usr/bin/env python3
"""End-to-end test of `vigie serve` in headless Chromium (Selenium), run by Tests/VigieServeTests/BrowserTests.swift.

login -> queue -> pair -> "not a duplicate" (keyboard shortcut) -> the identity's journal shows the operator -> logout,
then a viewer opens a pair and cannot decide (no form, and the API answers 403). Every page is checked for console
errors, and screenshotted into SCREENSHOTS.

usage: cell_e2e.py BASE_URL CELL_LOGIN VIEWER_LOGIN PASSWORD ITEM_ID VIEWER_ITEM_ID SCREENSHOTS
Prints one JSON object on stdout; exits 1 with the reason on stderr when a check fails (never skips).
"""
import json
import os
import sys
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:  # a missing peer is a failure, not a skip
    sys.exit(f"selenium is required (python3 -m pip install selenium): {error}")


def fail(message):
    sys.exit(f"cell_e2e: {message}")


def main():
    if len(sys.argv) != 8:
        fail(__doc__)
    base, cell, viewer, password, item, viewer_item, shots = sys.argv[1:]
    base = base.rstrip("/")
    os.makedirs(shots, exist_ok=True)
    for binary in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(binary):
            fail(f"{binary} is missing (apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                     "--lang=fr-FR", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    wait = WebDriverWait(driver, 20)
    result = {"pages": [], "console": []}

    def console_errors(page):
        for entry in driver.get_log("browser"):
            if entry.get("level") in ("SEVERE", "ERROR"):
                result["console"].append({"page": page, "message": entry.get("message")})

    def shot(name):
        height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.set_window_size(1280, min(max(int(height) + 20, 700), 2600))
        time.sleep(0.2)
        path = os.path.join(shots, name)
        driver.save_screenshot(path)
        driver.set_window_size(1280, 900)
        result["pages"].append(name)

    def login(user, page_name=None):
        driver.get(base + "/")
        wait.until(EC.presence_of_element_located((By.ID, "login-form")))
        if "/connexion" not in driver.current_url:
            fail(f"an anonymous visit should land on the login page, not {driver.current_url}")
        if page_name:
            console_errors("connexion")
            shot(page_name)
        driver.find_element(By.ID, "login").send_keys(user)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.ID, "se-connecter").click()
        wait.until(EC.presence_of_element_located((By.ID, "operateur")))
        if driver.find_element(By.ID, "operateur").text != user:
            fail("the header does not show the logged-in operator")

    try:
        # 1. Login and the queue.
        login(cell, "01-connexion.png")
        wait.until(EC.presence_of_element_located((By.ID, "file")))
        rows = driver.find_elements(By.CSS_SELECTOR, "#file tbody tr")
        if not rows:
            fail("the queue is empty")
        first_kind = rows[0].find_element(By.CSS_SELECTOR, ".badge").text
        result["queue_rows"] = len(rows)
        result["first_kind"] = first_kind
        console_errors("file")
        shot("02-file-de-revue.png")

        # 2. The pair.
        driver.find_element(By.CSS_SELECTOR, f"tr[data-item='{item}'] a.open").click()
        wait.until(EC.presence_of_element_located((By.ID, "decision-form")))
        if not driver.find_elements(By.CSS_SELECTOR, "svg.waterfall rect"):
            fail("the pair page has no waterfall chart")
        result["marked_differences"] = len(driver.find_elements(By.CSS_SELECTOR, "#comparaison mark"))
        identity_a = driver.find_element(By.CSS_SELECTOR, "#comparaison thead th:nth-child(2) a").text
        console_errors("paire")
        shot("03-paire.png")

        # 3. "Not a duplicate" with the keyboard: n, a comment, Ctrl+Enter (sent through the JSON API by the script).
        driver.find_element(By.TAG_NAME, "body").send_keys("n")
        if not driver.find_element(By.ID, "decision-not-duplicate").is_selected():
            fail("the shortcut n did not select 'not a duplicate'")
        comment = driver.find_element(By.ID, "comment")
        comment.send_keys("Deux patientes distinctes : lieux de naissance différents, vérifié sur pièce d'identité")
        comment.send_keys(Keys.CONTROL, Keys.ENTER)
        wait.until(EC.url_contains(f"fait={item}"))
        wait.until(EC.presence_of_element_located((By.ID, "decision-faite")))
        console_errors("file après décision")

        # 4. The identity's journal shows the decision with the operator.
        driver.get(f"{base}/identites/{identity_a}")
        wait.until(EC.presence_of_element_located((By.ID, "journal")))
        entries = driver.find_elements(By.CSS_SELECTOR, "#journal li[data-action='review-resolved']")
        if not any(entry.find_element(By.CSS_SELECTOR, ".actor").text == cell for entry in entries):
            fail("the journal does not show the decision with the operator's login")
        viewed = driver.find_elements(By.CSS_SELECTOR, "#journal li[data-action='viewed'] .actor")
        if not any(v.text == cell for v in viewed):
            fail("the journal does not show the operator's views")
        console_errors("identité")
        shot("04-identite.png")

        # 5. Indicators.
        driver.find_element(By.LINK_TEXT, "Indicateurs").click()
        wait.until(EC.presence_of_element_located((By.ID, "indicateur-1")))
        charts = len(driver.find_elements(By.CSS_SELECTOR, "section[id^=indicateur] svg.chart"))
        if charts < 6:
            fail(f"the indicators page shows {charts} charts, expected 6")
        console_errors("indicateurs")
        shot("05-indicateurs.png")

        # 6. Logout: the session is gone.
        driver.find_element(By.ID, "deconnexion").click()
        wait.until(EC.presence_of_element_located((By.ID, "login-form")))
        driver.get(base + "/")
        wait.until(EC.presence_of_element_located((By.ID, "login-form")))
        console_errors("déconnexion")

        # 7. A viewer reads a pair but cannot decide.
        login(viewer)
        driver.get(f"{base}/revues/{viewer_item}")
        wait.until(EC.presence_of_element_located((By.ID, "decision-interdite")))
        if driver.find_elements(By.ID, "decision-form"):
            fail("a viewer sees the decision form")
        console_errors("paire (consultation)")
        shot("06-paire-consultation.png")
        # Forcing the API from the viewer's page: refused (this logs the 403 in the console, so it comes last).
        status = driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const csrf = document.querySelector('meta[name=csrf-token]').content;
            fetch('/api/reviews/""" + viewer_item + """/decision', {method: 'POST', credentials: 'same-origin',
              headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
              body: JSON.stringify({decision: 'not-duplicate', comment: 'essai'})}).then(r => done(r.status));
            """)
        result["viewer_decision_status"] = status
        if status != 403:
            fail(f"a viewer's decision got HTTP {status}, expected 403")
    finally:
        driver.quit()
    if result["console"]:
        fail("console errors: " + json.dumps(result["console"], ensure_ascii=False))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
