package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// ackColumns are the columns an acknowledgements CSV must have, by header name; other
// spellings an HR system or LMS writes are accepted as synonyms.
func ackColumns() map[string]string {
	return map[string]string{
		"person": "person", "name": "person", "employee": "person", "user": "person",
		"group": "group", "team": "group", "department": "group",
		"document": "document", "document id": "document", "document_id": "document", "doc": "document", "course": "document",
		"version": "version", "document version": "version",
		"date": "date", "acknowledged": "date", "completed": "date", "completion date": "date",
	}
}

// acknowledgements decodes data/acknowledgements.yaml (when there is one) and every CSV
// under data/acknowledgements/, in path order.
func (d *dataLoader) acknowledgements(csvPaths []string) {
	a := &d.site.Acknowledgements
	if d.decodeFile(model.AckFile, d.files[model.AckFile], a) {
		a.Sources = append(a.Sources, model.AckFile)
	}
	badDate := map[*model.Acknowledgement]bool{}
	for _, p := range csvPaths {
		if b, ok := d.files[p]; ok {
			d.ackCSV(p, b, badDate)
			a.Sources = append(a.Sources, p)
		}
	}
	for _, r := range a.Records {
		if r == nil || badDate[r] {
			continue
		}
		if r.Document.ID == "" {
			d.errs.Add(r.Pos, "acknowledgement names no document: set document: to the document's ID")
		}
		if strings.TrimSpace(r.Version) == "" {
			d.errs.Add(r.Pos, "acknowledgement of %s names no version: acknowledgements count for the version acknowledged", r.Document.ID)
		}
		if r.Date.IsZero() {
			d.errs.Add(r.Pos, "acknowledgement of %s by %s has no date", r.Document.ID, r.Person)
		}
	}
}

// ackCSV reads one CSV export of acknowledgements; a bad header, cell or date is an
// error at its row and column (in characters).
func (d *dataLoader) ackCSV(p string, b []byte, badDate map[*model.Acknowledgement]bool) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	lines := bytes.Split(b, []byte("\n"))
	pos := func(line, byteCol int) diag.Pos {
		col := byteCol
		if line-1 < len(lines) && byteCol-1 <= len(lines[line-1]) {
			col = utf8.RuneCount(lines[line-1][:byteCol-1]) + 1
		}
		return diag.Pos{Path: p, Line: line, Col: col}
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		d.errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "acknowledgements CSV: %v", err)
		return
	}
	idx := map[string]int{}
	known := ackColumns()
	for i, h := range header {
		field, ok := known[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			continue
		}
		idx[field] = i
	}
	for _, want := range []string{"person", "document", "version", "date"} {
		if _, ok := idx[want]; !ok {
			d.errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "acknowledgements CSV has no %s column: the header must name person, group, document, version and date", want)
		}
	}
	if len(idx) < 4 {
		return
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			d.errs.Add(pos(perr.Line, max(perr.Column, 1)), "acknowledgements CSV: %v", perr.Err)
			return
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		cell := func(f string) (string, diag.Pos) {
			i, ok := idx[f]
			if !ok || i >= len(rec) {
				return "", pos(line, 1)
			}
			l, c := r.FieldPos(i)
			return strings.TrimSpace(rec[i]), pos(l, c)
		}
		a := &model.Acknowledgement{Pos: pos(line, 1)}
		a.Person, _ = cell("person")
		a.Group, _ = cell("group")
		var at diag.Pos
		a.Document.ID, at = cell("document")
		a.Document.Pos = at
		a.Version, a.VersionPos = cell("version")
		date, dpos := cell("date")
		a.DatePos = dpos
		if len(date) > 10 && (date[10] == 'T' || date[10] == ' ') {
			date = date[:10] // a timestamp: its day
		}
		if date != "" {
			dt, err := model.ParseDate(date)
			if err != nil {
				d.errs.Add(dpos, "invalid date %q: want YYYY-MM-DD", date)
				badDate[a] = true
			}
			a.Date = dt
		}
		d.site.Acknowledgements.Records = append(d.site.Acknowledgements.Records, a)
	}
}
