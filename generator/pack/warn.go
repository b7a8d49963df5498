package pack

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// warnMissing adds a warning at pos naming the characters no font had since the last
// call, if any.
func (r *renderer) warnMissing(l *diag.List, pos diag.Pos, what string) {
	rs := r.doc.Fonts.TakeMissing()
	if len(rs) == 0 {
		return
	}
	names := make([]string, len(rs))
	for i, c := range rs {
		names[i] = fmt.Sprintf("%c (U+%04X)", c, c)
	}
	l.Add(pos, "%s: no font of the PDF has %s; drawn as a box (add a font that has it with pdf: fonts: in data/site.yaml)",
		what, strings.Join(names, ", "))
}
