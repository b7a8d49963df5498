package export

import (
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
)

// TestWorkbookKeyTellsApartWhatTheWorkbookShows: a key changes with every input of
// WriteXLSX that changes the workbook (a cell's text or kind, a column, the document
// properties), so that a workbook kept under an equal key is the one WriteXLSX writes.
func TestWorkbookKeyTellsApartWhatTheWorkbookShows(t *testing.T) {
	info := SheetInfo{Organisation: "Org", Title: "SoA", Version: "1.0", Date: model.NewDate(2026, 6, 1)}
	base := func() *Table {
		return &Table{Columns: []string{"id", "level", "tags"}, Rows: [][]any{{"R-1", 5, []string{"a", "b"}}, {"R-2", nil, true}}}
	}
	key := base().WorkbookKey(info)
	if base().WorkbookKey(info) != key {
		t.Fatal("the same table and info give different keys")
	}
	changes := map[string]func(*Table, *SheetInfo){
		"cell text":          func(t *Table, _ *SheetInfo) { t.Rows[0][0] = "R-9" },
		"int as string":      func(t *Table, _ *SheetInfo) { t.Rows[0][1] = "5" },
		"nil as empty":       func(t *Table, _ *SheetInfo) { t.Rows[1][1] = "" },
		"list item":          func(t *Table, _ *SheetInfo) { t.Rows[0][2] = []string{"a", "c"} },
		"column name":        func(t *Table, _ *SheetInfo) { t.Columns[1] = "score" },
		"row moved to cells": func(t *Table, _ *SheetInfo) { t.Rows = [][]any{append(t.Rows[0], t.Rows[1]...)} },
		"title":              func(_ *Table, i *SheetInfo) { i.Title = "Risks" },
		"organisation":       func(_ *Table, i *SheetInfo) { i.Organisation = "Other" },
		"version":            func(_ *Table, i *SheetInfo) { i.Version = "1.1" },
		"date":               func(_ *Table, i *SheetInfo) { i.Date = model.NewDate(2026, 6, 2) },
	}
	for name, change := range changes {
		tb, in := base(), info
		change(tb, &in)
		if tb.WorkbookKey(in) == key {
			t.Errorf("%s: the key did not change", name)
		}
	}
}
