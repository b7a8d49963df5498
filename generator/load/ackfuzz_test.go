package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// FuzzAcknowledgementsCSV: any bytes as an HR system's CSV export give records or
// errors at positions inside the file, never a panic.
func FuzzAcknowledgementsCSV(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "..", "data", "acknowledgements", "lms-export-2026-11.csv")); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"person,group,document,version,date\nAnn,All staff,POL-IS,1.1,2026-01-12\n",
		"\ufeffEmployee;Team\n",
		"person,document,version,date\n\"unclosed,POL-IS,1,2026-01-01\n",
		"person,document,version,date\nCy Díaz,POL-IS,1.0,12/01/2026\n",
		"person,document,version,date\n,,,\n\n",
	} {
		f.Add([]byte(s))
	}
	const path = "data/acknowledgements/x.csv"
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		site := &model.Site{Root: t.TempDir(), Files: map[string][]byte{}}
		d := dataLoader{site: site, files: map[string][]byte{path: src}, errs: &errs, nodes: &nodeCache{},
			read: func(string) ([]byte, error) { return nil, os.ErrNotExist }}
		d.acknowledgements([]string{path})
		checkPositions(t, path, src, errs)
	})
}
