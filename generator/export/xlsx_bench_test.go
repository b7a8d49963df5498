package export_test

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/ismsgen/ismsgen/generator/export"
)

// BenchmarkXLSX20000Rows writes a document register's shape of 20,000 rows as a
// workbook and reports the peak heap in use while it writes (sampled after the write,
// as the high-water mark of the runtime's heap), to show rows are streamed.
func BenchmarkXLSX20000Rows(b *testing.B) {
	tab := &export.Table{Columns: []string{"id", "title", "owner", "version", "approved", "next review", "classification", "tags"}}
	for i := range 20000 {
		tab.Rows = append(tab.Rows, []any{fmt.Sprintf("DOC-%05d", i), fmt.Sprintf("Procedure number %d for the handling of things", i),
			"Head of IT", "1.2", "2026-01-15", "2027-01-15", "internal", []string{"ops", "it"}})
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	for b.Loop() {
		if err := tab.WriteXLSX(io.Discard, export.SheetInfo{Organisation: "Example", Title: "Document register"}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapSys-before.HeapSys)/(1<<20), "heap-growth-MiB")
}
