package pack

import (
	"strings"
)

// header draws the running header: the organisation and the current document; fpdf
// calls it from AddPage.
func (r *renderer) header() {
	if r.doc.PDF.PageNo() == 1 {
		return // the cover has its own layout
	}
	r.doc.RunningHeader(r.g.Site.Config.Organisation, r.cur.doc)
}

// footer draws the running footer: the pack's classification and "Page X of Y".
func (r *renderer) footer() {
	r.doc.RunningFooter("Classification: " + strings.ToUpper(string(r.plan.Classification())))
}

// eqFold compares ASCII strings case-insensitively.
func eqFold(a, b string) bool { return strings.EqualFold(a, b) }
