package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/xuri/excelize/v2"
)

// Sheet is a spreadsheet read as text: Rows[0] is the header row. Raw holds, for an
// XLSX file, each cell's stored value (a date's day number), "" where it is the text.
type Sheet struct {
	Rows [][]string
	Raw  [][]string
}

// ReadSheet reads a CSV file (formula-neutralised cells read back, as export.ReadCSV
// does) or an XLSX file's sheet (sheet, else its first), by the name's extension.
func ReadSheet(name string, data []byte, sheet string) (*Sheet, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		if sheet != "" {
			return nil, fmt.Errorf("--sheet %q: a CSV file has no sheets", sheet)
		}
		rows, err := export.ReadCSV(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
		if err != nil {
			return nil, err
		}
		return &Sheet{Rows: rows}, nil
	case ".xlsx", ".xlsm":
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("not a readable XLSX workbook: %v", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if sheet == "" {
			if len(sheets) == 0 {
				return nil, fmt.Errorf("the workbook has no sheets")
			}
			sheet = sheets[0]
		} else if !contains(sheets, sheet) {
			return nil, fmt.Errorf("--sheet %q: no such sheet; the workbook has %s", sheet, strings.Join(quoteAll(sheets), ", "))
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, err
		}
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		return &Sheet{Rows: rows, Raw: raw}, nil
	}
	return nil, fmt.Errorf("cannot read %s: want a .csv or .xlsx file", name)
}

// raw returns the stored value of a cell of an XLSX sheet, "" when there is none.
func (s *Sheet) raw(row, col int) string {
	if row < len(s.Raw) && col < len(s.Raw[row]) {
		return s.Raw[row][col]
	}
	return ""
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func quoteAll(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
