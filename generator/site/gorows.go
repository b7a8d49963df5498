package site

// The register rows of a document (the document register, the section pages, the owner
// pages) are the most rows a site writes: one per document in each. Their row templates
// have Go twins too, used where the site's theme leaves their layout as the default
// theme's (gopartials_test.go compares both ways).

// goRow is the Go twin of a row template and the layout that defines it.
type goRow struct {
	layout string
	write  func(w htmlWriter, v *docRowView)
}

var goRows = map[string]goRow{
	"section-row":        {"section", sectionRow},
	"documents-row":      {"documents", documentsRow},
	"owner-document-row": {"owner", ownerDocumentRow},
}

// rowStart writes a row's <tr> and first cell.
func rowStart(w htmlWriter, v *docRowView) {
	w.raw("\n<tr")
	if v.Overdue {
		w.raw(` class="overdue"`)
	}
	w.raw("><td>")
}

func statusBadge(w htmlWriter, v *docRowView) {
	w.raw(`<span class="badge status-`)
	w.text(v.Info.Status)
	w.raw(`">`)
	w.text(v.Info.Status)
	w.raw("</span>")
}

func overdueBadge(w htmlWriter, v *docRowView) {
	if v.Overdue {
		w.raw(` <span class="badge badge-overdue">overdue</span>`)
	}
}

// sectionRow is layouts/section.html's "section-row".
func sectionRow(w htmlWriter, v *docRowView) {
	i := v.Info
	rowStart(w, v)
	if i.ID != "" {
		w.html(v.LinkBare(v.Entity))
	}
	w.raw("<td>")
	if i.ID != "" {
		w.text(i.Title)
	} else {
		w.raw(`<a href="`)
		w.url(v.URL(v.Entity))
		w.raw(`">`)
		w.text(i.Title)
		w.raw("</a>")
	}
	w.raw("<td>")
	w.html(nowrapHTML(i.Version))
	w.raw("<td>")
	if i.Status != "" {
		statusBadge(w, v)
	}
	w.raw("<td>")
	w.html(v.Owner(i.Owner))
	w.raw("<td>")
	w.html(dateHTML(i.NextReview))
	overdueBadge(w, v)
}

// documentsRow is layouts/documents.html's "documents-row".
func documentsRow(w htmlWriter, v *docRowView) {
	i := v.Info
	rowStart(w, v)
	w.html(v.LinkBare(v.Entity))
	w.raw("<td>")
	w.text(i.Title)
	w.raw("<td>")
	w.text(i.Type)
	w.raw("<td>")
	w.html(nowrapHTML(i.Version))
	w.raw("<td>")
	statusBadge(w, v)
	w.raw("<td>")
	w.html(v.Owner(i.Owner))
	w.raw("<td>")
	w.text(i.Approver)
	w.raw("<td>")
	w.html(dateHTML(i.Approved))
	w.raw("<td>")
	w.html(dateHTML(i.NextReview))
	overdueBadge(w, v)
	w.raw("<td>")
	w.text(i.Classification)
}

// ownerDocumentRow is layouts/owner.html's "owner-document-row".
func ownerDocumentRow(w htmlWriter, v *docRowView) {
	i := v.Info
	rowStart(w, v)
	w.html(v.LinkBare(v.Entity))
	w.raw("<td>")
	w.text(i.Title)
	w.raw("<td>")
	w.html(nowrapHTML(i.Version))
	w.raw("<td>")
	statusBadge(w, v)
	w.raw("<td>")
	w.html(dateHTML(i.NextReview))
	if v.Overdue {
		w.raw(` <span class="badge badge-overdue">overdue</span>`)
	} else if v.ReviewDueSoon(i.NextReview) {
		w.raw(` <span class="badge status-review">due soon</span>`)
	}
}
