"""The Streamlit front end, driven by Streamlit's own testing API against the real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Server, running_server

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

APP = Path(__file__).parents[1] / "src" / "interviewer" / "streamlit_app.py"
ANSWER = (
    "I would use INDEX with MATCH, or XLOOKUP, with an exact match, because VLOOKUP only looks "
    "to the right of its lookup column. For example, I check the codes first and then explain "
    "the result plainly."
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`interviewer serve` on a free port, migrating a fresh SQLite database first."""
    with running_server(f"sqlite+aiosqlite:///{tmp_path / 'interviewer.db'}") as served:
        yield served


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    return app


def click(app: AppTest, key: str) -> AppTest:
    app.button(key=key).click()
    return run(app)


def test_a_whole_interview_through_the_streamlit_app(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEWER_API_URL", server.base)
    app = run(AppTest.from_file(str(APP), default_timeout=60))

    # Profile: the tracks come from GET /api/v1/tracks.
    assert "Data analyst" in app.selectbox(key="track").options
    app.text_input(key="name").input("Ada Lovelace")
    app.text_input(key="email").input("ada@example.com")
    app.text_input(key="position").input("Data analyst")
    app.selectbox(key="track").select("data-analyst")
    run(app)
    app.selectbox(key="level").select("senior")
    app.selectbox(key="mode").select("technical")
    app.number_input(key="length").set_value(2)
    app.text_area(key="job_description").input("SQL and dashboards for a retail team.")
    click(app, "start")
    token = app.session_state["token"]
    assert token and app.session_state["stage"] == "interview"

    # The first question: a hint, then an answer, then its scores and feedback.
    question = app.session_state["question"]
    assert app.subheader[0].value == question["text"]
    click(app, "hint")
    assert app.info and app.info[-1].value.startswith("Hint: ")
    app.text_area(key=f"answer-{question['id']}").input(ANSWER)
    click(app, "send")
    labels = [m.label for m in app.metric]
    assert labels == ["Technical", "Communication", "Confidence"]
    assert all(m.value.endswith("/10") or m.value == "—" for m in app.metric)
    text = "\n".join(m.value for m in app.markdown)
    assert "**Why these scores:**" in text
    assert "**What you missed**" in text or "**What you covered**" in text

    # The next question is skipped; then the interview is finished.
    while app.session_state["question"] is not None:
        if app.session_state["feedback"]:
            click(app, "next")
        else:
            click(app, "skip")
    click(app, "report")

    # The report and its downloads.
    assert app.session_state["stage"] == "report"
    assert app.header[-1].value == "Your results"
    overall = app.session_state["report"]["overall"]
    assert app.metric[0].label == "Overall score"
    assert app.metric[0].value == f"{overall}/100"
    assert [m.label for m in app.metric[1:]] == [
        "Technical (average)",
        "Communication (average)",
        "Confidence (average)",
    ]
    titles = [s.value for s in app.subheader]
    for title in ("Strengths", "Areas to improve", "Download the report"):
        assert title in titles
    assert app.session_state["report"]["summary"] in [m.value for m in app.markdown]
    buttons = {b.label: b for b in app.download_button}
    assert set(buttons) == {"Full report (PDF)", "One-page summary (PDF)", "Report (Markdown)"}
    assert all(b.proto.url for b in buttons.values())
    files = app.session_state["files"]
    for kind in ("full", "summary"):
        filename, data = files[kind]
        assert filename.endswith(".pdf") and data.startswith(b"%PDF-")
    assert files["markdown"][1].decode().startswith("#")
    assert app.session_state["token"] == token  # still signed in

    # Another interview with the same token: no profile fields this time.
    click(app, "again")
    assert not app.text_input and app.button(key="start")
