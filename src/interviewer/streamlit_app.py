"""The Streamlit front end: a client of the public HTTP API, nothing more.

Run it with `interviewer streamlit --api-url http://127.0.0.1:8000` (the API must be served,
e.g. by `interviewer serve`). It reads the API's address from INTERVIEWER_API_URL, keeps the
token in st.session_state and never imports the server: only the level names come from the
core's value types. The browser app at / stays the default front end.
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

import httpx
import streamlit as st

from interviewer.core.formatting import plural, with_article
from interviewer.core.model import Level

API_URL_ENV = "INTERVIEWER_API_URL"
DEFAULT_API_URL = "http://127.0.0.1:8000"
PREFIX = "/api/v1"
LEVELS = [level.value for level in Level]
DIMENSIONS = (
    ("technical", "Technical"),
    ("communication", "Communication"),
    ("confidence", "Confidence"),
)
DOWNLOADS = (  # key, path under the interview, label, media type
    ("full", "report.pdf?kind=full", "Full report (PDF)", "application/pdf"),
    ("summary", "report.pdf?kind=summary", "One-page summary (PDF)", "application/pdf"),
    ("markdown", "report.md", "Report (Markdown)", "text/markdown"),
)
Json = dict[str, Any]
LISTED = re.compile(r"you (covered|missed):", re.IGNORECASE)


class ApiError(Exception):
    """A failed call, with the API's own `detail` as the message."""


def api_url() -> str:
    return os.environ.get(API_URL_ENV, DEFAULT_API_URL).rstrip("/")


def call(method: str, path: str, *, json: Json | None = None, raw: bool = False) -> Any:
    """One request to the API with the session's token; JSON back (or the response if raw)."""
    token = st.session_state.get("token")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with httpx.Client(base_url=api_url() + PREFIX, timeout=120) as http:
            response = http.request(method, path, json=json, headers=headers)
    except httpx.HTTPError as exc:
        raise ApiError(
            f"The API at {api_url()} could not be reached ({exc.__class__.__name__}). "
            "Start it with `interviewer serve`, or pass its address with --api-url."
        ) from exc
    if response.is_error:
        try:
            detail = response.json().get("detail")
        except ValueError:
            detail = None
        raise ApiError(str(detail or f"The API answered {response.status_code}."))
    return response if raw else response.json()


def action(function: Any) -> Any:
    """A button callback: an API failure becomes a message on the page, not a traceback."""

    def run(*args: Any) -> None:
        try:
            function(*args)
        except ApiError as exc:
            st.session_state.error = str(exc)

    return run


@st.cache_data(ttl=300, show_spinner=False)
def load_tracks(base_url: str) -> list[Json]:
    del base_url  # part of the cache key: another API, other tracks
    tracks: list[Json] = call("GET", "/tracks")
    return tracks


# Actions (button callbacks) ------------------------------------------------------------------


@action
def start() -> None:
    s = st.session_state
    if not s.get("token"):
        name, position = s.get("name", "").strip(), s.get("position", "").strip()
        if not name or not position:
            s.error = "Enter your name and the role you are interviewing for."
            return
        created = call(
            "POST",
            "/users",
            json={
                "name": name,
                "email": s.get("email", "").strip() or None,
                "position": position,
                "experience_level": s.level,
            },
        )
        s.token, s.user = created["token"], created["user"]
    started = call(
        "POST",
        "/interviews",
        json={
            "track": s.track,
            "level": s.level,
            "mode": s.mode,
            "length": int(s.length),
            "job_description": s.get("job_description", "").strip(),
        },
    )
    interview = started["interview"]
    s.interview, s.question = interview, interview["current_question"]
    s.feedback, s.report, s.files, s.hints, s.shown_at = None, None, {}, {}, {}
    s.stage = "interview"


@action
def send_answer(question: Json) -> None:
    s = st.session_state
    text = s.get(f"answer-{question['id']}", "").strip()
    if not text:
        s.error = "Write an answer first, or skip the question."
        return
    shown = s.shown_at.get(question["id"])
    result = call(
        "POST",
        f"/interviews/{s.interview['id']}/answers",
        json={
            "question_id": question["id"],
            "text": text,
            "input_mode": "text",
            "seconds_taken": round(time.monotonic() - shown, 1) if shown else None,
            "idempotency_key": f"streamlit-{question['id']}",
        },
    )
    s.feedback = {"question": question, "evaluation": result["evaluation"]}
    s.question = result["next_question"]


@action
def ask_hint(question: Json) -> None:
    s = st.session_state
    found = call("POST", f"/interviews/{s.interview['id']}/questions/{question['id']}/hint")
    s.hints[question["id"]] = found["hint"]


@action
def skip(question: Json) -> None:
    s = st.session_state
    s.interview = call("POST", f"/interviews/{s.interview['id']}/questions/{question['id']}/skip")
    s.question = s.interview["current_question"]


def next_question() -> None:
    st.session_state.feedback = None


@action
def finalize() -> None:
    s = st.session_state
    interview_id = s.interview["id"]
    s.report = call("POST", f"/interviews/{interview_id}/finalize")
    files = {}
    for key, path, _label, _media in DOWNLOADS:
        response = call("GET", f"/interviews/{interview_id}/{path}", raw=True)
        found = re.search(r'filename="([^"]+)"', response.headers.get("content-disposition", ""))
        files[key] = (found.group(1) if found else f"interview-{key}", response.content)
    s.files, s.feedback, s.stage = files, None, "report"


def restart() -> None:
    st.session_state.stage = "profile"


# Pages ---------------------------------------------------------------------------------------


def profile_page() -> None:
    s = st.session_state
    st.header("Your interview")
    tracks = load_tracks(api_url())
    by_id = {track["id"]: track for track in tracks}
    if s.get("token"):
        st.caption(f"Signed in as {s.user['name']} ({s.user['position']}).")
    else:
        st.text_input("Your name", key="name", max_chars=200)
        st.text_input("Email (optional)", key="email", max_chars=320)
        st.text_input("Role you are interviewing for", key="position", max_chars=200)
    track = st.selectbox("Track", list(by_id), key="track", format_func=lambda t: by_id[t]["title"])
    st.caption(by_id[track]["description"])
    st.selectbox("Experience level", LEVELS, index=LEVELS.index("mid"), key="level")
    st.selectbox("Mode", by_id[track]["modes"], key="mode")
    st.number_input("Number of questions", min_value=1, max_value=30, value=5, key="length")
    st.text_area("Job description (optional)", key="job_description", max_chars=8000)
    st.button("Start the interview", type="primary", key="start", on_click=start)


def show_question(question: Json) -> None:
    s = st.session_state
    s.shown_at.setdefault(question["id"], time.monotonic())
    progress = s.interview["progress"]
    label = "Follow-up" if question["follow_up"] else f"Question {question['seq']}"
    st.caption(
        f"{label} of about {progress['planned']} · {question['topic_title']} · "
        f"difficulty {question['difficulty']}/5"
    )
    st.subheader(question["text"])
    if question.get("sheet"):
        show_sheet(question["sheet"])
    if hint := s.hints.get(question["id"]):
        st.info(f"Hint: {hint}")
    st.text_area("Your answer", key=f"answer-{question['id']}", height=200)
    send, hint_col, skip_col, finish = st.columns(4)
    send.button("Send answer", type="primary", key="send", on_click=send_answer, args=(question,))
    hint_col.button("Hint (costs a point)", key="hint", on_click=ask_hint, args=(question,))
    skip_col.button("Skip", key="skip", on_click=skip, args=(question,))
    finish.button("Finish now", key="finish-now", on_click=finalize)


def column_name(index: int) -> str:
    name, n = "", index + 1
    while n > 0:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def parse_cell(ref: str) -> tuple[int, int] | None:
    found = re.fullmatch(r"([A-Z]{1,3})([1-9][0-9]*)", ref.upper())
    if not found:
        return None
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    return column - 1, int(found.group(2))


def show_sheet(sheet: Json) -> None:
    """A formula task's sheet like a spreadsheet: column letters, row numbers, the target."""
    import pandas as pd  # a dependency of Streamlit

    cells: dict[tuple[int, int], Any] = {(c, 1): name for c, name in enumerate(sheet["columns"])}
    for r, row in enumerate(sheet["rows"]):
        cells.update({(c, r + 2): value for c, value in enumerate(row)})
    for ref, value in sheet["extra_cells"].items():
        if (at := parse_cell(ref)) is not None:
            cells[at] = value
    last = len(sheet["rows"]) + 1
    target = parse_cell(sheet["target"]) or (len(sheet["columns"]), 2)
    columns = max(c for c, _ in [*cells, target]) + 1
    rows = max(r for _, r in [*cells, target])

    def text(column: int, row: int) -> str:
        if (column, row) == target:
            return "fx ?"
        if sheet["fill_down"] and column == target[0] and target[1] < row <= last:
            return "↓"
        value = cells.get((column, row))
        return (
            "" if value is None else str(value).upper() if isinstance(value, bool) else str(value)
        )

    grid = [[str(r), *(text(c, r) for c in range(columns))] for r in range(1, rows + 1)]
    frame = pd.DataFrame(grid, columns=["", *(column_name(c) for c in range(columns))])
    st.table(frame)
    fill = f", then fill it down to {column_name(target[0])}{last}" if sheet["fill_down"] else ""
    spill = "; the result spills down from there" if sheet["spill"] else ""
    st.caption(f"Sheet “{sheet['sheet']}”. Write the formula for {sheet['target']}{fill}{spill}.")


def show_feedback(question: Json, evaluation: Json) -> None:
    st.subheader(f"Feedback on question {question['seq']}")
    st.caption(question["text"])
    for column, (key, label) in zip(st.columns(3), DIMENSIONS, strict=True):
        value = evaluation.get(key)
        column.metric(label, "—" if value is None else f"{value}/10")
    has_lists = bool(evaluation["covered"] or evaluation["missed"])
    for paragraph in re.split(r"\n\s*\n", evaluation["feedback"] or ""):
        # The covered and missed points are listed below; the rest of the advice is shown as is.
        if paragraph.strip() and not (has_lists and LISTED.match(paragraph.strip())):
            st.markdown(paragraph.strip())
    if evaluation["rationale"]:
        st.markdown(f"**Why these scores:** {evaluation['rationale']}")
    if evaluation["covered"]:
        st.markdown("**What you covered**")
        st.markdown(
            "\n".join(
                f"- {c['point']}" + (f" (“{c['quote']}”)" if c.get("quote") else "")
                for c in evaluation["covered"]
            )
        )
    if evaluation["missed"]:
        st.markdown("**What you missed**")
        st.markdown("\n".join(f"- {point}" for point in evaluation["missed"]))
    if evaluation["examples_or_corrections"]:
        st.markdown("**A stronger answer**")
        st.markdown(evaluation["examples_or_corrections"])
    show_resources(evaluation["resources"])


def show_resources(resources: list[Json]) -> None:
    if resources:
        st.markdown("**Resources**")
        st.markdown("\n".join(f"- [{r['title']}]({r['url']})" for r in resources))


def interview_page() -> None:
    s = st.session_state
    if s.interview.get("notice"):
        st.info(s.interview["notice"])
    if s.feedback:
        show_feedback(s.feedback["question"], s.feedback["evaluation"])
        if s.question:
            st.button("Next question", type="primary", key="next", on_click=next_question)
        else:
            st.button("See your report", type="primary", key="report", on_click=finalize)
    elif s.question:
        show_question(s.question)
    else:
        st.success("Every question is answered or skipped.")
        st.button("See your report", type="primary", key="report", on_click=finalize)


def report_page() -> None:
    s = st.session_state
    report: Json = s.report
    st.header("Your results")
    st.metric("Overall score", f"{report['overall']}/100")
    for column, (key, label) in zip(st.columns(3), DIMENSIONS, strict=True):
        value = report["averages"].get(key)
        column.metric(f"{label} (average)", "—" if value is None else f"{value:.1f}/10")
    st.markdown(report["summary"])
    st.caption(
        f"{report['counts']['answered']} of {report['counts']['main']} answered · "
        f"{plural(report['counts']['follow_ups'], 'follow-up')} · "
        f"{report['counts']['skipped']} skipped · {plural(report['hints_used'], 'hint')} · "
        f"{round(report['duration_seconds'] / 60)} min · answers consistent with "
        f"{with_article(report['level_estimate'])}-level candidate"
    )
    if report["topic_scores"]:
        st.subheader("Scores by topic")
        st.table(
            [
                {
                    "Topic": report["topic_titles"].get(topic, topic),
                    "Technical score (out of 10)": f"{score:.1f}",
                }
                for topic, score in report["topic_scores"].items()
            ]
        )
    sections = (
        ("Strengths", report["strengths"]),
        ("Areas to improve", report["areas_to_improve"]),
    )
    for title, items in sections:
        st.subheader(title)
        st.markdown("\n".join(f"- {item}" for item in items) or "Nothing stood out.")
    show_resources(report["resources"])
    st.subheader("Download the report")
    for key, _path, label, media in DOWNLOADS:
        filename, data = s.files[key]
        st.download_button(label, data, file_name=filename, mime=media, key=f"download-{key}")
    st.button("Start another interview", key="again", on_click=restart)


def main() -> None:
    st.set_page_config(page_title="Mock Interviewer", layout="centered")
    s = st.session_state
    if "stage" not in s:
        s.stage = "profile"
    st.title("Mock Interviewer")
    if error := s.pop("error", None):
        st.error(error)
    try:
        {"profile": profile_page, "interview": interview_page, "report": report_page}[s.stage]()
    except ApiError as exc:
        st.error(str(exc))


main()
