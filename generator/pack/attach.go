package pack

import (
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Attachments are added when the file fpdf wrote is rewritten (embed.go) rather than
// with fpdf's SetAttachments: fpdf v0.12 writes attachment objects before the page
// objects yet still addresses pages as object 1+2n in link and outline destinations, so
// with a single attachment every internal link and bookmark of the pack points at the
// wrong object.

// attachments lists what the pack embeds: the evidence files when the pack asks for
// them, then the caller's files; names are unique.
func (r *renderer) attachments() []Attachment {
	var as []Attachment
	used := map[string]bool{}
	if r.plan.attachesEvidence(r.g) {
		for _, ev := range r.g.Site.Evidence.Evidence {
			data, ok := r.evidenceFile(ev)
			if !ok {
				continue
			}
			as = append(as, Attachment{Name: attachmentName(ev, used), Description: ev.ID + " " + ev.Title, Data: data, Relationship: RelSupplement})
		}
	}
	for _, a := range r.opt.Attachments {
		name := a.Name
		for used[name] {
			name = "ismsgen-" + name
		}
		used[name] = true
		as = append(as, Attachment{Name: name, Description: a.Description, Data: a.Data, Relationship: a.Relationship})
	}
	return as
}

// addAttachments embeds files in the PDF (pdf.File.Attach): document-level embedded
// files and PDF/A-3 associated files, each with its relationship to the pack (default
// Supplement) and its MIME type.
func addAttachments(f *pdf.File, as []Attachment, date string) error {
	files := make([]pdf.EmbeddedFile, 0, len(as))
	for _, a := range as {
		rel := a.Relationship
		if rel == "" {
			rel = RelSupplement
		}
		files = append(files, pdf.EmbeddedFile{Name: a.Name, Description: a.Description, MIME: mimeType(a.Name), Relationship: rel, Data: a.Data})
	}
	return f.Attach(files, date)
}

// Relationships of an attachment to the pack (PDF/A-3's AFRelationship).
const (
	RelSource     = "Source"     // the source the pack was made from
	RelData       = "Data"       // data the pack's content is drawn from
	RelSupplement = "Supplement" // supplementary material, such as evidence files
)

// mimeTypes are the MIME types of attachments by file extension: a fixed table, not the
// system's, so the file is the same on every machine.
var mimeTypes = map[string]string{
	".csv": "text/csv", ".txt": "text/plain", ".md": "text/markdown", ".json": "application/json",
	".yaml": "application/yaml", ".yml": "application/yaml", ".xml": "application/xml",
	".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf", ".png": "image/png",
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml",
	".zip": "application/zip", ".log": "text/plain",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

// mimeType returns the MIME type of a file name, application/octet-stream when the
// table does not know its extension.
func mimeType(name string) string {
	if t, ok := mimeTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
