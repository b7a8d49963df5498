package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ListSep joins list cells in CSV.
const ListSep = "; "

// WriteCSV writes the table as RFC 4180 CSV: a header row, CRLF line ends, lists
// joined with "; ", booleans as yes/no (the file is read by people in spreadsheets),
// absent values as empty cells, and cells a spreadsheet would run as a formula
// neutralised with a leading ' (see neutralise.go; ReadCSV reads them back). A cell's
// own line breaks and carriage returns are kept as they are, inside quotes
// (encoding/csv's UseCRLF would drop a lone carriage return, and with it the one
// character that made the cell need neutralising).
func (t *Table) WriteCSV(w io.Writer) error {
	var out bytes.Buffer
	cw := csv.NewWriter(&out)
	record := func(rec []string) error {
		if err := cw.Write(rec); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		out.Truncate(out.Len() - 1) // the record's "\n"
		out.WriteString("\r\n")
		return nil
	}
	if err := record(t.Columns); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, v := range row {
			rec[i] = neutralise(csvCell(v))
		}
		if err := record(rec); err != nil {
			return err
		}
	}
	_, err := w.Write(out.Bytes())
	return err
}

func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case []string:
		return strings.Join(v, ListSep)
	}
	panic(fmt.Sprintf("export: cell of type %T", v))
}

// WriteJSON writes the table as a JSON array of objects whose keys are the columns, in
// column order (a map would sort them); lists are arrays, absent values null.
func (t *Table) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// Titles and justifications are text, not HTML: keep < > & as written.
	enc.SetEscapeHTML(false)
	b.WriteByte('[')
	for r, row := range t.Rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		for i, v := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := enc.Encode(t.Columns[i]); err != nil {
				return err
			}
			b.WriteByte(':')
			if l, ok := v.([]string); ok && l == nil {
				v = []string{}
			}
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}

// CellText is a cell as the CSV export writes it before neutralising: lists joined with
// "; ", booleans yes/no, nothing as "". The XLSX export shows the same text, and the
// importers read it back.
func CellText(v any) string { return csvCell(v) }
