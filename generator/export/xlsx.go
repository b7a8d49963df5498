package export

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/xuri/excelize/v2"
)

// XLSX is the spreadsheet format.
const XLSX = "xlsx"

// SheetInfo is what an XLSX export says about itself: in its document properties, and
// in the header printed on each page.
type SheetInfo struct {
	Organisation string
	Title        string // the register's title
	Version      string // the register's version, "" when it has none
	Date         model.Date
}

// WriteXLSX writes the table as a workbook of one sheet: a bold header row with
// filters, the first row and column frozen, numbers as numbers, dates as dates
// (yyyy-mm-dd), lists joined with "; ", booleans as yes/no, and the organisation,
// title, version and build date in the document properties and the page header.
// Every cell is written as a value, never a formula, so a cell that starts with = is
// text. The same table and info give the same bytes: the zip entries carry the build
// date, as do the document properties.
func (t *Table) WriteXLSX(w io.Writer, info SheetInfo) error {
	f := excelize.NewFile()
	defer f.Close()
	stamp := info.Date.Time().UTC()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &datedZip{Writer: zip.NewWriter(w), modified: stamp} })
	sheet := sheetName(info.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	dates := t.dateColumns()
	last := cellName(len(t.Columns)-1, len(t.Rows))
	// The filter and the page header go on the sheet before the stream writer reads it:
	// the stream writer copies what the sheet holds then and writes its rows after.
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	version := ""
	if info.Version != "" {
		version = ", version " + info.Version
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerText(info.Organisation) + "&C" + headerText(info.Title+version) + "&R" + headerText("built "+info.Date.String()),
		OddFooter: "&RPage &P of &N",
	}); err != nil {
		return err
	}
	// Rows are streamed, so a register of 20,000 rows is never a tree of cells in memory.
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for c, w := range t.columnWidths(dates) {
		if err := sw.SetColWidth(c+1, c+1, float64(min(max(w, 6), 60)+2)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	cells := make([]any, len(t.Columns))
	for c, name := range t.Columns {
		cells[c] = excelize.Cell{StyleID: bold, Value: name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for r, row := range t.Rows {
		cells = cells[:0]
		for c, v := range row {
			cells = append(cells, xlsxCell(v, dates[c], dateStyle))
		}
		if err := sw.SetRow(cellName(0, r+1), cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	when := stamp.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: info.Organisation, LastModifiedBy: info.Organisation, Title: info.Title, Version: info.Version,
		Description: fmt.Sprintf("%s%s, %s; built %s by ismsgen", info.Title, version, info.Organisation, info.Date),
		Created:     when, Modified: when, Language: "en",
	}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "ismsgen", Company: info.Organisation}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// xlsxCell is a value as a stream writer's cell: a date in a date column as its day
// number shown yyyy-mm-dd, an int as a number, any other value as its text.
func xlsxCell(v any, date bool, dateStyle int) any {
	switch v := v.(type) {
	case nil:
		return nil
	case int:
		return v
	case string:
		if !date {
			return v // parsed only in a date column: a failed parse allocates its error
		}
		if d, err := model.ParseDate(v); err == nil {
			return excelize.Cell{StyleID: dateStyle, Value: excelSerial(d)}
		}
		return v
	default:
		return csvCell(v)
	}
}

// columnWidths is each column's width in characters: its longest cell's text, a
// date column at least 10.
func (t *Table) columnWidths(dates []bool) []int {
	widths := make([]int, len(t.Columns))
	for c, name := range t.Columns {
		widths[c] = len(name)
	}
	for _, row := range t.Rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			if s, ok := v.(string); ok && dates[c] {
				if _, err := model.ParseDate(s); err == nil {
					widths[c] = max(widths[c], 10)
					continue
				}
			}
			widths[c] = max(widths[c], len([]rune(csvCell(v))))
		}
	}
	return widths
}

// dateColumns marks the columns whose every value is a date (YYYY-MM-DD), with at
// least one value: they are written as dates.
func (t *Table) dateColumns() []bool {
	out := make([]bool, len(t.Columns))
	for c := range t.Columns {
		seen, all := false, true
		for _, row := range t.Rows {
			switch v := row[c].(type) {
			case nil:
			case string:
				if _, err := model.ParseDate(v); err != nil || len(v) != 10 {
					all = false
				}
				seen = true
			default:
				all = false
			}
		}
		out[c] = seen && all
	}
	return out
}

// excelSerial is a date as a spreadsheet's day number (1900 date system: days since
// 1899-12-30, as Excel and LibreOffice count them for dates after February 1900).
func excelSerial(d model.Date) int64 {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return int64(d.Time().UTC().Sub(epoch).Hours() / 24)
}

// cellName is the A1 reference of a zero-based column and row.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return name
}

// sheetName makes a title a valid sheet name: at most 31 characters, none of : \ / ? * [ ].
func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if strings.TrimSpace(name) == "" {
		return "Export"
	}
	return name
}

// headerText escapes & in text for a page header, where it starts a code.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// datedZip is a zip writer whose entries carry the build date rather than none, so the
// workbook is the same bytes for the same sources and date, and says when it was made.
type datedZip struct {
	*zip.Writer
	modified time.Time
}

func (z *datedZip) Create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
}
