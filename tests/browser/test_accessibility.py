"""Every page passes axe-core (shipped inside axe-selenium-python: nothing is fetched) with no serious or
critical violation, on a wide screen and on a phone; and the tick boxes and radio buttons of repeated rows
say which row they belong to.
"""

import json

import pytest
from axe_selenium_python import Axe
from every_page import every_page, viewport
from selenium.webdriver.common.by import By

SIZES = {"wide": (1280, 900), "phone": (390, 844)}
SERIOUS = {"serious", "critical"}

# axe-selenium-python 2.1.6, the last release for Python 3.11, ships axe-core 3.1.1 (2018), whose autocomplete
# checks predate parts of the HTML standard: "off", valid on every input (it takes it for a field name
# allowed on type=text only), "one-time-code", and "username" on the sign-in form's email box. They are
# taught those, as later axe-core releases know them; no rule is turned off for this.
TEACH_AXE = """
axe.configure({checks: [
  {id: 'autocomplete-appropriate', options: {off: ['search', 'password', 'email', 'url', 'tel', 'number'],
                                               username: ['email']}},
  {id: 'autocomplete-valid', options: {standaloneTerms: ['one-time-code']}}
]});
"""
# Two rules axe-core deprecated in 3.4 for their false positives and removed in 4.0 (dequelabs/axe-core#1640,
# #176): radiogroup and checkboxgroup want every box of a name inside one fieldset, which a form whose
# rows each hold one "Preferred" radio button cannot be, and WCAG does not ask for.
OPTIONS = json.dumps({"rules": {"radiogroup": {"enabled": False}, "checkboxgroup": {"enabled": False}}})
# axe-core 3.1 needs more than two minutes for the whole audit trail's 11,000 elements; the same markup is
# checked on the trail of one record ("admin audit of a record").
TOO_BIG_FOR_AXE = {"admin audit"}


def violations(browser):
    """The serious and critical violations on the page shown, one readable line per element."""
    axe = Axe(browser)
    axe.inject()
    browser.execute_script(TEACH_AXE)
    results = axe.run(options=OPTIONS)
    lines = []
    for violation in results["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"][:5]:
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}\n"
                         f"      at {', '.join(map(str, node['target']))}\n"
                         f"      {node.get('failureSummary', '').splitlines()[-1].strip() if node.get('failureSummary') else ''}")
    return lines


@pytest.mark.parametrize("size", SIZES)
def test_every_page_passes_axe(browser, server, size):
    pages = every_page(browser, server)
    found = []
    with viewport(browser, *SIZES[size]):
        for name, url in pages:
            if name in TOO_BIG_FOR_AXE:
                continue
            browser.get(url)
            if problems := violations(browser):
                found.append(f"{name} ({url}):\n" + "\n".join(problems))
        browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
        browser.get(f"{server}/sign-in")
        if problems := violations(browser):
            found.append("sign-in:\n" + "\n".join(problems))
    assert not found, f"axe at {size} ({SIZES[size][0]} px):\n" + "\n".join(found)


def test_repeated_rows_say_which_row_a_choice_belongs_to(browser, server):
    pages = dict(every_page(browser, server))
    browser.get(pages["person edit"])
    preferred = browser.find_elements(By.CSS_SELECTOR, "input[type=radio][name=preferredChannel]")
    assert len(preferred) >= 2
    names = [radio.accessible_name for radio in preferred]
    assert names[0] == "Preferred (Channel 1)" and names[1] == "Preferred (Channel 2)", names
    browser.get(pages["activity edit"])
    guangzhou = browser.find_element(By.XPATH, "//table[contains(@class,'participants-table')]//tr[th[starts-with(normalize-space(.), 'Guangzhou')]]")
    organizer = guangzhou.find_element(By.CSS_SELECTOR, "input[type=checkbox][name$='.organizer']")
    assert organizer.accessible_name == "Organizer (Guangzhou)", organizer.accessible_name
