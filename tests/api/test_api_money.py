"""`moneyTrace` over HTTP: the IATI money trace, each flow counted once."""

from __future__ import annotations

from pathlib import Path

from conftest import Api

from graphsvc.iati.importer import import_iati
from graphsvc.store.database import Database

TWO_PUBLISHERS = Path(__file__).resolve().parents[1] / "data" / "two-publishers.xml"

QUERY = """query($funder: String!) { moneyTrace(funder: $funder) {
  funder { name } totals { transactionType currency value }
  steps { depth how activity { ... on Programme { iatiIdentifier } }
          totals { transactionType value } alreadyCounted { transactionType value }
          places receivers sources } } }"""


def test_money_trace_over_http(database: Database, fresh_api: Api) -> None:
    import_iati(database, [TWO_PUBLISHERS], progress=lambda _: None)
    trace = fresh_api.data(QUERY, {"funder": "XM-FUNDER"})["moneyTrace"]
    assert trace["funder"]["name"] == "Funder Agency"
    assert {(t["transactionType"], t["value"]) for t in trace["totals"]} == {
        ("outgoing-commitment", 500000.0), ("disbursement", 200000.0),
        ("expenditure", 150000.0)}
    steps = {s["activity"]["iatiIdentifier"]: s for s in trace["steps"]}
    network = steps["XM-CITYNET-7"]
    assert network["depth"] == 2 and network["places"] == ["Tunisia"]
    assert network["alreadyCounted"] == [{"transactionType": "incoming-funds", "value": 200000.0}]
    assert network["sources"] == ["two-publishers.xml"]
    missing = fresh_api.errors('{ moneyTrace(funder: "nobody") { funder { name } } }')
    assert missing[0]["extensions"]["code"] == "NOT_FOUND"
