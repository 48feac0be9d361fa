"""The profile's validation, signing out and back in, deleting my data, report downloads."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.flows import answer, fill_profile, next_step, start_interview


def open_account_menu(page):
    page.locator(".account-button").click()
    expect(page.locator(".account-panel")).to_be_visible()


def test_profile_is_validated_with_messages_next_to_the_fields(new_page, screenshot):
    page = new_page()
    page.goto("/")
    page.get_by_role("button", name="Continue to setup").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There are 2 problems")
    expect(page.get_by_label("Your name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-name-error")).to_have_text("Enter your name.")
    screenshot(page, "12-profile-errors")

    # The API's own check: an address without a domain dot is refused by the server.
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Role you are interviewing for").fill("Analyst")
    page.get_by_label("Email (optional)").fill("ada@example")
    page.get_by_role("button", name="Continue to setup").click()
    expect(page.locator("#f-email-error")).to_have_text(
        "Enter an email address like name@example.com."
    )
    expect(page.get_by_label("Email (optional)")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".avatar")).to_have_count(0)  # nobody was registered


def test_sign_out_and_back_in_with_the_token(new_page):
    page = new_page()
    fill_profile(page)
    open_account_menu(page)
    page.get_by_role("button", name="Sign out").click()
    dialog = page.get_by_role("dialog", name="Sign out?")
    token = dialog.get_by_label("Your access token").input_value()
    assert len(token) > 20
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.locator(".account-button")).to_be_visible()

    open_account_menu(page)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("dialog").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status").first).to_contain_text("You are signed out.")
    assert page.evaluate("localStorage.getItem('mi.session.v1')") is None

    page.locator(".signin-callout").get_by_role("link", name="Sign in").click()
    page.get_by_text("Use your access token instead").click()
    page.get_by_role("textbox", name="Your access token").fill("not-a-real-token")
    page.get_by_role("button", name="Sign in with token").click()
    expect(page.locator("#f-token-error")).to_contain_text("That token is not valid")
    page.get_by_role("textbox", name="Your access token").fill(token)
    page.get_by_role("button", name="Sign in with token").click()
    expect(page.get_by_text("Welcome back, Ada Lovelace.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    page.get_by_role("link", name="New interview").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()


def test_delete_my_data_asks_first_then_deletes_everything(new_page, live_server, screenshot):
    page = new_page()
    start_interview(page, length=1)
    token = page.evaluate("JSON.parse(localStorage.getItem('mi.session.v1')).token")

    open_account_menu(page)
    page.get_by_role("button", name="Delete my data").click()
    dialog = page.get_by_role("dialog", name="Delete all your data?")
    expect(dialog).to_contain_text("cannot be undone")
    screenshot(page, "13-delete-confirm")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    me = page.request.get(
        f"{live_server}/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}
    )
    assert me.status == 200

    open_account_menu(page)
    page.get_by_role("button", name="Delete my data").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete everything").click()
    expect(page.get_by_text("Your data has been deleted")).to_be_visible()
    expect(page.locator(".account-button")).to_have_count(0)
    gone = page.request.get(
        f"{live_server}/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}
    )
    assert gone.status == 401


def test_pdf_links_appear_only_when_the_server_offers_them(new_page):
    page = new_page()
    start_interview(page, length=1)
    answer(page)
    # Before the PDF routes exist: 404, and no PDF link is shown.
    page.route(
        re.compile(r".*/report\.(pdf|md)(\?.*)?$"),
        lambda route: route.fulfill(
            status=404,
            content_type="application/json",
            body='{"detail":"Not Found","code":"not_found"}',
        ),
    )
    while next_step(page):
        answer(page)
    expect(page.get_by_role("link", name=re.compile("^JSON"))).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name=re.compile("^PDF"))).to_have_count(0)

    # Once they exist: the links appear, as downloads of what the server sent.
    page.unroute(re.compile(r".*/report\.(pdf|md)(\?.*)?$"))
    page.route(
        re.compile(r".*/report\.pdf\?kind=(full|summary)$"),
        lambda route: route.fulfill(
            status=200, content_type="application/pdf", body=b"%PDF-1.4 test"
        ),
    )
    page.reload()
    expect(page.get_by_role("link", name=re.compile("^PDF report"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^PDF summary"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^PDF summary")).click()
    assert download.value.suggested_filename.endswith(".pdf")
