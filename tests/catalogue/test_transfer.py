"""CSV and JSON import/export of destinations, called directly."""

import pytest

from itineraries.catalogue import transfer
from itineraries.catalogue.models import Destination

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_imports_back_unchanged(fmt):
    text = transfer.export_csv() if fmt == "csv" else transfer.export_json()
    report = transfer.destinations_import(transfer.parse(text, fmt), dry_run=False)
    assert report.errors == []
    assert report.unchanged == Destination.objects.count()
    assert report.created == report.updated == 0


def test_chinese_names_survive_the_csv():
    rows = transfer.parse(transfer.export_csv(bom=True), "csv")
    shuanglin = next(r for _line, r in rows if r["slug"] == "shuanglin-temple")
    assert shuanglin["name_zh"] == "双林寺"
    assert shuanglin["opening_hours"][0]["open"] == "08:30"


def test_a_dry_run_counts_a_change_and_writes_nothing():
    rows = transfer.parse(transfer.export_json(), "json")
    next(r for _line, r in rows if r["slug"] == "shuanglin-temple")["weight"] = 2
    report = transfer.destinations_import(rows, dry_run=True)
    assert report.updated == 1
    assert [(c.slug, c.fields) for c in report.changes] == [("shuanglin-temple", (("weight", 9, 2),))]
    assert not report.written
    assert Destination.objects.get(slug="shuanglin-temple").weight == 9


def test_bad_rows_are_all_reported_and_left_out_while_good_rows_are_written():
    rows = transfer.parse(transfer.export_json(), "json")
    rows[0][1]["lat"] = 80.0
    rows[1][1]["kind"] = "castle"
    rows[2][1]["weight"] = 1
    report = transfer.destinations_import(rows, dry_run=False)
    assert {(n, field) for n, _slug, field, _ in report.errors} >= {(1, "lat"), (2, "kind")}
    assert report.skipped == 2
    assert Destination.objects.get(slug=rows[0][1]["slug"]).lat != 80.0
    assert Destination.objects.get(slug=rows[2][1]["slug"]).weight == 1


def test_invalid_json_names_its_position():
    with pytest.raises(ValueError, match="line 2, column 1"):
        transfer.parse('[{"slug": "x"},\n}', "json")


def test_a_json_import_must_be_a_list():
    with pytest.raises(ValueError, match="must be a list"):
        transfer.parse('{"slug": "x"}', "json")
