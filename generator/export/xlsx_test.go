package export_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/xuri/excelize/v2"
)

// TestXLSXEveryKind writes each export as XLSX twice and reads it back with excelize:
// the bytes are the same, the sheet holds the CSV's cells (dates as dates shown
// yyyy-mm-dd, numbers as numbers, lists joined), the header row has filters, the first
// row and column are frozen, and the properties name the organisation, title, version
// and build date; the zip entries carry the build date.
func TestXLSXEveryKind(t *testing.T) {
	g := fixture(t)
	for _, kind := range export.Kinds() {
		t.Run(kind, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := export.Write(&a, g, kind, export.XLSX); err != nil {
				t.Fatal(err)
			}
			if err := export.Write(&b, g, kind, export.XLSX); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two exports of the same graph differ")
			}
			tab, err := export.Build(g, kind)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			info := export.Info(g, kind)
			sheets := f.GetSheetList()
			if len(sheets) != 1 {
				t.Fatalf("sheets %q, want one", sheets)
			}
			rows, err := f.GetRows(sheets[0])
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(tab.Rows)+1 || strings.Join(rows[0], ",") != strings.Join(tab.Columns, ",") {
				t.Fatalf("%d rows, header %q; want %d rows, header %q", len(rows), rows[0], len(tab.Rows)+1, tab.Columns)
			}
			for r, row := range tab.Rows {
				for c, v := range row {
					want := export.CellText(v)
					got := ""
					if c < len(rows[r+1]) {
						got = rows[r+1][c]
					}
					if got != want {
						t.Errorf("row %d column %s: %q, want %q", r+2, tab.Columns[c], got, want)
					}
				}
			}
			panes, err := f.GetPanes(sheets[0])
			if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 1 {
				t.Errorf("panes %+v (%v): want the first row and column frozen", panes, err)
			}
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Creator != info.Organisation || props.Title != info.Title || props.Version != info.Version ||
				props.Created != info.Date.String()+"T00:00:00Z" || !strings.Contains(props.Description, info.Date.String()) {
				t.Errorf("properties %+v, want %+v", props, info)
			}
			zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
			if err != nil {
				t.Fatal(err)
			}
			for _, zf := range zr.File {
				if !zf.Modified.Equal(info.Date.Time().UTC()) {
					t.Errorf("%s dated %v, want the build date", zf.Name, zf.Modified)
				}
				if zf.Name == "xl/worksheets/sheet1.xml" {
					rc, _ := zf.Open()
					xml, _ := io.ReadAll(rc)
					rc.Close()
					if !bytes.Contains(xml, []byte(`<autoFilter ref="$A$1:$`)) {
						t.Errorf("no filters on the header row")
					}
				}
			}
		})
	}
}

// TestXLSXTypedCells: a date column is numbers formatted as dates, a scale value a
// number, and text that a spreadsheet would run as a formula stays text (an inline
// string: rows are streamed, so text is not in the shared-string table).
func TestXLSXTypedCells(t *testing.T) {
	tab := &export.Table{Columns: []string{"id", "title", "due", "level", "tags"},
		Rows: [][]any{{"R-1", "=HYPERLINK(\"http://x\")", "2026-11-30", 12, []string{"a", "b"}}, {"R-2", "-3", nil, nil, nil}}}
	var b bytes.Buffer
	if err := tab.WriteXLSX(&b, export.SheetInfo{Organisation: "A & B", Title: "Risks: all/some"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if sheet != "Risks- all-some" {
		t.Errorf("sheet name %q", sheet)
	}
	for ref, want := range map[string]excelize.CellType{"B2": excelize.CellTypeInlineString, "C2": excelize.CellTypeUnset, "D2": excelize.CellTypeUnset, "B3": excelize.CellTypeInlineString} {
		if got, _ := f.GetCellType(sheet, ref); got != want {
			t.Errorf("%s: type %v, want %v", ref, got, want)
		}
	}
	if raw, _ := f.GetCellValue(sheet, "C2", excelize.Options{RawCellValue: true}); raw != "46356" {
		t.Errorf("due date stored as %q, want the day number 46356", raw)
	}
	if v, _ := f.GetCellValue(sheet, "C2"); v != "2026-11-30" {
		t.Errorf("due date shows as %q", v)
	}
	if formula, _ := f.GetCellFormula(sheet, "B2"); formula != "" {
		t.Errorf("B2 became a formula: %q", formula)
	}
	if v, _ := f.GetCellValue(sheet, "E2"); v != "a; b" {
		t.Errorf("list %q", v)
	}
}
