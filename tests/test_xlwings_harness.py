"""Round trips through xlwings' remote engine with the harness in xlwings_remote.

A workbook made with XlsxWriter -> payload as the client builds it ->
xw.Book(json=payload) -> reads/writes through the xlwings API -> book.json()
-> actions applied with openpyxl -> checked cell by cell.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import xlsxwriter

from tests import xlwings_remote as xr

xw = xr.xlwings()


@pytest.fixture()
def small_book(tmp_path):
    """Data: tblData at B2 (dates with a built-in and a custom format);
    Pengaturan: book-scoped TahunLaporan, sheet-scoped Lokal, a constant name;
    Hasil: empty; Beranda: a text box linked to a cell under it."""
    path = tmp_path / "kecil.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    short_date = wb.add_format({"num_format": 14})
    custom_date = wb.add_format({"num_format": "dd/mm/yyyy"})
    data = wb.add_worksheet("Data")
    rows = [
        [1, dt.datetime(2024, 6, 28), "Budi", dt.datetime(2024, 1, 2), 3.5],
        [2, dt.datetime(2024, 7, 1), "Sari", None, 4],
        [3, dt.datetime(2024, 12, 31), "Ani", dt.datetime(2024, 2, 29), None],
    ]
    data.add_table(
        "B2:F5",
        {
            "name": "tblData",
            "columns": [
                {"header": "No"},
                {"header": "Tanggal", "format": short_date},
                {"header": "Nama"},
                {"header": "Tanggal Selesai", "format": custom_date},
                {"header": "Nilai"},
            ],
            "data": rows,
        },
    )
    settings = wb.add_worksheet("Pengaturan")
    settings.write("A2", "Tahun")
    settings.write("B2", 2024)
    settings.write("A3", "Kecamatan")
    settings.write("B3", "Bathin Solapan")
    wb.define_name("TahunLaporan", "=Pengaturan!$B$2")
    wb.define_name("Pengaturan!Lokal", "=Pengaturan!$B$3")
    wb.define_name("Konstanta", "=0.5")
    wb.add_worksheet("Hasil")
    home = wb.add_worksheet("Beranda")
    home.insert_textbox("B4", "Hitung", {"url": "internal:Beranda!B4", "width": 120, "height": 40})
    wb.close()
    return path


# -- the payload -------------------------------------------------------------


def test_payload_matches_office_js_client(small_book):
    payload = xr.payload_from_xlsx(small_book)
    assert payload["client"] == "Office.js"
    assert payload["version"] == xw.__version__
    assert payload["book"] == {
        "name": "kecil.xlsx",
        "active_sheet_index": 0,
        "selection": "A1",
        "calculation": "Automatic",
    }
    # Named ranges only (the constant is not NamedItemType.range), book scope first.
    assert [n["name"] for n in payload["names"]] == ["TahunLaporan", "Lokal"]
    assert payload["names"][0] == {
        "name": "TahunLaporan",
        "sheet_index": 1,
        "address": "B2",
        "scope_sheet_name": None,
        "scope_sheet_index": None,
        "book_scope": True,
        "refers_to": "=Pengaturan!$B$2",
    }
    assert payload["names"][1]["book_scope"] is False
    assert payload["names"][1]["scope_sheet_index"] == 1

    data = payload["sheets"][0]
    # Values start at A1 even though the used range starts at B2.
    assert data["used_range_address"] == "B2:F5"
    assert len(data["values"]) == 5 and all(len(r) == 6 for r in data["values"])
    assert data["values"][0] == [""] * 6
    assert data["values"][1] == ["", "No", "Tanggal", "Nama", "Tanggal Selesai", "Nilai"]
    # Dates as Office.js' toISOString(), whole numbers as JSON ints, empty as "".
    assert data["values"][2] == ["", 1, "2024-06-28T00:00:00.000Z", "Budi", "2024-01-02T00:00:00.000Z", 3.5]
    assert data["values"][3][4:] == ["", 4]
    (table,) = data["tables"]
    assert table["name"] == "tblData"
    assert table["range_address"] == "B2:F5"
    assert table["header_row_range_address"] == "B2:F2"
    assert table["data_body_range_address"] == "B3:F5"
    assert table["total_row_range_address"] is None
    assert table["columns"] == ["No", "Tanggal", "Nama", "Tanggal Selesai", "Nilai"]
    assert (table["row_count"], table["column_count"]) == (4, 5)

    assert payload["sheets"][2]["values"] == [[""]]  # empty sheet
    assert payload["sheets"][2]["used_range_address"] is None
    (button,) = payload["sheets"][3]["shapes"]
    assert button["type"] == "GeometricShape"
    assert (button["width"], button["height"]) == (90.0, 30.0)


def test_payload_variants(small_book):
    minimal = xr.payload_from_xlsx(small_book, extended=False)
    table = minimal["sheets"][0]["tables"][0]
    assert "columns" not in table and "refers_to" not in minimal["names"][0]
    assert set(minimal["sheets"][0]) == {"name", "values", "pictures", "tables"}

    vba = xr.payload_from_xlsx(small_book, client="VBA")
    assert vba["sheets"][0]["tables"][0]["data_body_range_address"] == "$B$3:$F$5"
    assert vba["sheets"][0]["values"][0] == [None] * 6
    assert vba["sheets"][2]["values"] == [[]]

    # Custom date formats may arrive as serial numbers (Excel files them under
    # "Custom"), and every date does on Excel without ExcelApi 1.12.
    builtin = xr.payload_from_xlsx(small_book, dates="builtin")["sheets"][0]["values"][2]
    assert builtin[2] == "2024-06-28T00:00:00.000Z" and builtin[4] == 45293
    serial = xr.payload_from_xlsx(small_book, dates="serial")["sheets"][0]["values"][2]
    assert serial[2] == 45471 and serial[4] == 45293

    only = xr.payload_from_xlsx(small_book, include=["Pengaturan"])
    assert only["sheets"][0]["values"] == [[]] and only["sheets"][0]["tables"] == []
    assert only["sheets"][1]["values"][1] == ["Tahun", 2024]


# -- reading through the xlwings API on the remote engine --------------------


def test_remote_engine_reads_tables_names_and_dates(small_book):
    book = xr.load_book(xr.payload_from_xlsx(small_book))
    assert book.sheets["Data"]["C3"].value == dt.datetime(2024, 6, 28)
    sheet = book.sheets["Data"]
    assert [t.name for t in sheet.tables] == ["tblData"]
    table = sheet.tables["tblData"]
    assert table.header_row_range.value == ["No", "Tanggal", "Nama", "Tanggal Selesai", "Nilai"]
    assert [c.name for c in table.columns] == table.header_row_range.value
    assert len(table.rows) == 3
    body = table.data_body_range.options(ndim=2).value
    assert body[0] == [1, dt.datetime(2024, 6, 28), "Budi", dt.datetime(2024, 1, 2), 3.5]
    assert body[1][3] is None
    assert table.data_body_range.options(ndim=2, dates=dt.date).value[2][1] == dt.date(2024, 12, 31)
    assert sheet["tblData"].address == "$B$3:$F$5"  # a table name resolves to its body

    assert "TahunLaporan" in book.names
    assert book.names["TahunLaporan"].refers_to_range.value == 2024
    assert book.sheets["Hasil"]["TahunLaporan"].value == 2024  # book names resolve anywhere
    assert book.sheets["Pengaturan"].names["Pengaturan!Lokal"].refers_to_range.value == "Bathin Solapan"
    assert book.sheets["Pengaturan"]["Lokal"].value == "Bathin Solapan"
    assert [s.name for s in book.sheets["Beranda"].shapes] == ["TextBox 1"]

    # Formatting can't be read synchronously from the payload.
    with pytest.raises(NotImplementedError):
        sheet["B3"].color
    with pytest.raises(NotImplementedError):
        sheet["B3"].number_format


def test_minimal_payload_has_no_table_columns(small_book):
    book = xr.load_book(xr.payload_from_xlsx(small_book, extended=False))
    table = book.sheets["Data"].tables["tblData"]
    assert table.header_row_range.value[0] == "No"  # works with every client
    with pytest.raises(NotImplementedError):
        list(table.columns)


def test_serial_dates_read_as_numbers(small_book):
    book = xr.load_book(xr.payload_from_xlsx(small_book, dates="serial"))
    value = book.sheets["Data"]["C3"].value
    assert value == 45471
    assert xr.excel_date(value) == dt.datetime(2024, 6, 28)


# -- the round trip ------------------------------------------------------------


def _script(book):
    data = book.sheets["Data"].tables["tblData"].data_body_range.options(ndim=2).value
    out = book.sheets["Hasil"]
    block = [["No", "Nama", "Tanggal", "Nilai x2", "Kode"]]
    block += [
        [row[0], row[2], row[1].date(), (row[4] or 0) * 2, f"'{row[0]:03d}"] for row in data
    ]
    out["A1"].value = block  # one call for the whole block
    out["A2:A4"].number_format = "0"
    out["B3"].color = "#FFC7CE"
    out["F1"].add_hyperlink("#'Data'!C4", "Data!C4", "Lihat sel asal")
    book.sheets["Pengaturan"]["A3:B3"].clear_contents()
    book.app.alert("Perhitungan selesai", title="xl-iku")


def test_round_trip(small_book, tmp_path):
    out = tmp_path / "hasil.xlsx"
    run = xr.run_remote(small_book, _script, out)
    assert run.counts == {
        "setValues": 1,
        "setNumberFormat": 1,
        "setRangeColor": 1,
        "addHyperlink": 1,
        "rangeClearContents": 1,
        "alert": 1,
    }
    (write,) = [a for a in run.actions if a["func"] == "setValues"]
    assert write["sheet_position"] == 2
    corner = (write["start_row"], write["start_column"])
    assert corner == (0, 0) and (write["row_count"], write["column_count"]) == (4, 5)
    assert write["values"][1] == [1, "Budi", "2024-06-28", 7, "'001"]  # dates go out as ISO text

    assert run.result.warnings == []
    assert run.result.alerts == [
        {"prompt": "Perhitungan selesai", "title": "xl-iku", "buttons": "ok", "mode": "", "callback": ""}
    ]

    wb = openpyxl.load_workbook(out)
    ws = wb["Hasil"]
    assert [c.value for c in ws[2]] == [1, "Budi", dt.datetime(2024, 6, 28), 7, "001", None]
    assert ws["C4"].value == dt.datetime(2024, 12, 31) and ws["C4"].is_date
    assert ws["D4"].value == 0
    assert ws["A3"].number_format == "0"
    assert ws["B3"].fill.fill_type == "solid" and ws["B3"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["F1"].value == "Data!C4"
    assert ws["F1"].hyperlink.location == "'Data'!C4"
    assert ws["F1"].hyperlink.tooltip == "Lihat sel asal"
    settings = wb["Pengaturan"]
    assert settings["A3"].value is None and settings["B3"].value is None
    assert settings["B2"].value == 2024
    # Input sheets untouched, output sheet compared as a whole.
    assert xr.diff_sheets(small_book, out, ["Data"]) == []
    assert xr.sheet_values(out, "Hasil")[0] == ["No", "Nama", "Tanggal", "Nilai x2", "Kode", "Data!C4"]


def _write_rows(n):
    def script(book):
        rows = [[i, f"Desa {i}", dt.date(2024, 1, 1) + dt.timedelta(days=i), i / 3] for i in range(n)]
        sheet = book.sheets["Hasil"]
        sheet["A2"].value = rows
        sheet["A2"].resize(n, 1).color = "#DDEBF7"
        sheet["A2"].resize(n, 4).number_format = "General"
        sheet.range((2, 1), (n + 1, 4)).clear_contents()
        sheet["A2"].options(ndim=2).value = rows

    return script


@pytest.mark.parametrize("n", [5, 500, 5000])
def test_action_count_does_not_grow_with_rows(small_book, tmp_path, n):
    run = xr.run_remote(small_book, _write_rows(n), tmp_path / f"n{n}.xlsx")
    assert len(run.actions) == 5
    assert run.counts["setValues"] == 2
    ws = openpyxl.load_workbook(tmp_path / f"n{n}.xlsx")["Hasil"]
    assert ws.max_row == n + 1
    assert ws.cell(row=n + 1, column=3).value == dt.datetime(2024, 1, 1) + dt.timedelta(days=n - 1)


def test_large_writes_are_chunked_by_cell_budget(small_book):
    """The engine splits writes above 100,000 cells into several setValues."""
    book = xr.load_book(xr.payload_from_xlsx(small_book))
    sheet = book.sheets["Hasil"]
    sheet["A1"].value = [[i, i] for i in range(60_000)]
    assert xr.action_counts(book.json())["setValues"] == 2
    sheet["A1"].options(chunksize=None).value = [[i, i] for i in range(60_000)]
    assert xr.action_counts(book.json())["setValues"] == 3


def test_excel_typing_semantics(small_book, tmp_path):
    def script(book):
        sheet = book.sheets["Hasil"]
        sheet["A1"].value = [["0123", "'0123", "-", "-catatan", "=1+1", "TRUE", "2024-02-29"]]
        sheet["A2"].number_format = "@"
        sheet["A2"].value = "0123"
        sheet["A3"].value = [[None, ""]]

    out = tmp_path / "ketik.xlsx"
    run = xr.run_remote(small_book, script, out)
    ws = openpyxl.load_workbook(out)["Hasil"]
    assert [c.value for c in ws[1]] == [123, "0123", "-", "=-catatan", "=1+1", True, dt.datetime(2024, 2, 29)]
    assert ws["A2"].value == "0123"  # text-formatted cell keeps text
    assert len(run.result.warnings) == 3  # 0123 -> number, -catatan -> formula, TRUE -> bool


def test_colour_marks_and_clearing(small_book, tmp_path):
    """Marking cells and clearing last run's marks, the ways the engine offers."""

    def mark(book):
        sheet = book.sheets["Data"]
        sheet["C3"].color = "#FF0000"
        sheet["B3:F5"].set_colors([["#FFFF00", ..., ..., ..., None]] + [[...] * 5] * 2)

    first = tmp_path / "tanda.xlsx"
    run = xr.run_remote(small_book, mark, first)
    assert run.counts == {"setRangeColor": 1, "setRangeColors": 1}
    (colors,) = [a for a in run.actions if a["func"] == "setRangeColors"]
    assert colors["args"][0][0] == ["#ffff00", "keep", "keep", "keep", None]
    ws = openpyxl.load_workbook(first)["Data"]
    assert ws["B3"].fill.fgColor.rgb == "FFFFFF00" and ws["C3"].fill.fgColor.rgb == "FFFF0000"

    def clear(book):
        book.sheets["Data"]["B3:F5"].color = None

    second = tmp_path / "bersih.xlsx"
    run = xr.run_remote(first, clear, second)
    assert run.actions[0]["args"] == [None]
    assert any("setRangeColor(None)" in w for w in run.result.warnings)
    ws = openpyxl.load_workbook(second)["Data"]
    assert ws["B3"].fill.fill_type is None and ws["C3"].fill.fill_type is None
    assert ws["C3"].value == dt.datetime(2024, 6, 28)


def test_unknown_actions_are_refused(small_book, tmp_path):
    actions = [{"func": "addChart", "args": [None], "values": None, "sheet_position": 0,
                "start_row": 0, "start_column": 0, "row_count": 1, "column_count": 1}]
    with pytest.raises(NotImplementedError):
        xr.apply_actions(small_book, actions, tmp_path / "x.xlsx")
    result = xr.apply_actions(small_book, {"actions": actions}, tmp_path / "x.xlsx", ignore=["addChart"])
    assert result.counts == {"addChart": 1}


def test_server_style_script_call(small_book):
    """What xlwings Server does with a @script: inject the remote book, return it."""
    import asyncio
    import types

    from xlwings.server import custom_scripts_call, custom_scripts_meta, script

    module = types.ModuleType("skrip")

    @script(button="[Hitung]Beranda!B4", show_taskpane=True)
    def hitung_iku(book: xw.Book):
        book.sheets["Hasil"]["A1"].value = book.names["TahunLaporan"].refers_to_range.value

    module.hitung_iku = hitung_iku
    (meta,) = custom_scripts_meta(module)
    assert meta["function_name"] == "hitung_iku"
    assert meta["button"] == "[Hitung]Beranda!B4" and meta["show_taskpane"] is True

    book = xr.load_book(xr.payload_from_xlsx(small_book))
    returned = asyncio.run(custom_scripts_call(module, "hitung_iku", typehint_to_value={xw.Book: book}))
    assert returned is book
    assert book.json()["actions"][0]["values"] == [[2024]]


def test_rumus_true_dari_libreoffice_dibaca_seperti_excel(tmp_path):
    """LibreOffice saves a typed TRUE as =TRUE() with the number 1 stored;
    Excel recalculates such a file on open, so the payload carries True."""
    import zipfile

    p = tmp_path / "lo.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"], wb.active["C1"] = "=TRUE()", "=FALSE()", 1
    wb.save(p)
    q = tmp_path / "lo_tersimpan.xlsx"
    with zipfile.ZipFile(p) as zin, zipfile.ZipFile(q, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<f>TRUE()</f><v></v>", b"<f>TRUE()</f><v>1</v>")
                data = data.replace(b"<f>FALSE()</f><v></v>", b"<f>FALSE()</f><v>0</v>")
                assert b"TRUE()</f><v>1</v>" in data
            zout.writestr(info, data)
    values = xr.payload_from_xlsx(q)["sheets"][0]["values"]
    assert values[0][:3] == [True, False, 1]
