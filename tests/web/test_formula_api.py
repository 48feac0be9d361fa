"""Formula tasks through the API: practice them alone, answer by formula or by workbook."""

from __future__ import annotations

import io

import httpx
from openpyxl import load_workbook

from interviewer.banks.loader import BankSet
from interviewer.banks.schema import BankItem
from interviewer.grading.workbook import XLSX_TYPE
from tests.factories import API, answer, auth, register, start


def item_for(banks: BankSet, question: dict) -> BankItem:
    return next(i for i in banks.items.values() if i.text == question["text"])


async def test_tracks_count_formula_tasks(client: httpx.AsyncClient):
    excel = next(t for t in (await client.get(f"{API}/tracks")).json() if t["id"] == "excel")
    assert excel["kinds"]["excel_formula"] >= 30


async def test_a_formula_only_interview_graded_by_computation(
    client: httpx.AsyncClient, banks: BankSet
):
    token = await register(client)
    interview = await start(client, token, track="excel", kind="excel_formula", length=2)
    iid, first = interview["id"], interview["current_question"]
    assert first["kind"] == "excel_formula" and first["sheet"]["target"]
    assert "expected" not in first["sheet"] and "formulas" not in first["sheet"]
    item = item_for(banks, first)
    assert item.task is not None
    right = await answer(client, token, iid, first["id"], item.task.formulas[-1])
    assert right.status_code == 200, right.text
    evaluation = right.json()["evaluation"]
    assert evaluation["technical"] == 10 and evaluation["communication"] is None
    assert evaluation["cells"] and all(c["ok"] for c in evaluation["cells"])

    second = right.json()["next_question"]
    assert second["kind"] == "excel_formula"
    task = item_for(banks, second).task
    assert task is not None
    prose = "I would LOOK it up with an INDEX and MATCH"
    for hostile in ("=SUM(A:A)", "=NOSUCHFN(A2)", f"=SUM({task.target})", "=SUM((A2", prose):
        refused = await answer(client, token, iid, second["id"], hostile)
        assert refused.status_code == 422 and refused.json()["field"] == "text", hostile
    wrong = await answer(client, token, iid, second["id"], task.wrong[0].formula)
    assert wrong.status_code == 200
    assert wrong.json()["evaluation"]["technical"] < 10
    assert task.wrong[0].mentions in wrong.json()["evaluation"]["feedback"]

    report = (await client.post(f"{API}/interviews/{iid}/finalize", headers=auth(token))).json()
    assert "communication" not in report["averages"]
    assert "not scored from a formula" in report["summary"]


async def _workbook_round(client, banks, token, formula_for_target):
    interview = await start(client, token, track="excel", kind="excel_formula", length=1)
    iid, question = interview["id"], interview["current_question"]
    url = f"{API}/interviews/{iid}/questions/{question['id']}/workbook"
    download = await client.get(url, headers=auth(token))
    assert download.status_code == 200
    assert download.headers["content-type"] == XLSX_TYPE
    assert "attachment" in download.headers["content-disposition"]
    item = item_for(banks, question)
    assert item.task is not None
    book = load_workbook(io.BytesIO(download.content))
    sheet = book[item.task.sheet]
    from openpyxl.formula.translate import Translator

    from interviewer.grading.excel import target_cells

    cells = target_cells(item.task)[:1] if item.task.spill else target_cells(item.task)
    formula = formula_for_target(item)
    for cell in cells:
        sheet[cell] = Translator(formula, origin=item.task.target).translate_formula(cell)
    out = io.BytesIO()
    book.save(out)
    return await client.post(
        url, content=out.getvalue(), headers={**auth(token), "Content-Type": XLSX_TYPE}
    )


async def test_uploading_a_correct_and_an_incorrect_workbook(
    client: httpx.AsyncClient, banks: BankSet
):
    token = await register(client)
    good = await _workbook_round(client, banks, token, lambda i: i.task.formulas[0])
    assert good.status_code == 200, good.text
    assert good.json()["evaluation"]["technical"] == 10
    bad = await _workbook_round(client, banks, token, lambda i: i.task.wrong[0].formula)
    assert bad.status_code == 200, bad.text
    assert bad.json()["evaluation"]["technical"] < 10


async def test_hostile_uploads_get_a_4xx_and_the_question_stays_open(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="excel", kind="excel_formula", length=1)
    iid, qid = interview["id"], interview["current_question"]["id"]
    url = f"{API}/interviews/{iid}/questions/{qid}/workbook"
    headers = {**auth(token), "Content-Type": XLSX_TYPE}
    too_big = await client.post(url, content=b"0" * 2_100_000, headers=headers)
    assert too_big.status_code == 413 and "limit" in too_big.json()["detail"]
    not_xlsx = await client.post(url, content=b"plain text", headers=headers)
    assert not_xlsx.status_code == 422 and ".xlsx" in not_xlsx.json()["detail"]
    state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    assert state["current_question"]["id"] == qid and state["turns"][0]["answer"] is None
