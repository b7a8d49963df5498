package pack

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"path"
	"regexp"
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

// emptyNamesRE is the empty /Names /EmbeddedFiles tree fpdf always writes.
var emptyNamesRE = regexp.MustCompile(`/Names <<\s*/EmbeddedFiles << /Names \[\s*\] >>\s*>>`)

// addAttachments embeds files in the PDF as document-level embedded files (the catalog's
// /Names /EmbeddedFiles tree, which pdfdetach lists) and, as PDF/A-3 asks, as associated
// files of the document (the catalog's /AF), each with its relationship to the pack and
// its MIME type.
func addAttachments(f *pdf.File, as []Attachment, date string) error {
	if len(as) == 0 {
		return nil
	}
	catalog, err := dictBody(f.Object(f.Root))
	if err != nil {
		return err
	}
	catalog = emptyNamesRE.ReplaceAllString(catalog, "")
	if strings.Contains(catalog, "/Names") || strings.Contains(catalog, "/AF ") {
		return errors.New("attachments: the catalog already has a /Names dictionary")
	}
	var names, refs []string
	for i, a := range as {
		sum := md5.Sum(a.Data)
		z := pdf.Deflate(a.Data)
		var b bytes.Buffer
		fmt.Fprintf(&b, "<</Type /EmbeddedFile /Subtype %s /Length %d /Filter /FlateDecode /Params <</CheckSum <%x> /Size %d /ModDate %s>>>>\nstream\n",
			mimeName(a.Name), len(z), sum, len(a.Data), date)
		b.Write(z)
		b.WriteString("\nendstream")
		ef := f.Add(b.Bytes())
		rel := a.Relationship
		if rel == "" {
			rel = RelSupplement
		}
		spec := f.Add(fmt.Appendf(nil, "<</Type /Filespec /F %s /UF %s /Desc %s /AFRelationship /%s /EF <</F %d 0 R /UF %d 0 R>>>>",
			asciiString(a.Name), pdf.TextString(a.Name), pdf.TextString(a.Description), rel, ef, ef))
		// Name tree keys must be sorted: zero-padded numbers keep the given order.
		names = append(names, fmt.Sprintf("(%04d) %d 0 R", i+1, spec))
		refs = append(refs, fmt.Sprintf("%d 0 R", spec))
	}
	f.Set(f.Root, fmt.Appendf(nil, "<<%s\n/Names <</EmbeddedFiles <</Names [%s]>>>>\n/AF [%s]\n>>",
		catalog, strings.Join(names, " "), strings.Join(refs, " ")))
	return nil
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

// mimeName returns the MIME type of a file name as a PDF name (/text#2Fcsv).
func mimeName(name string) string {
	t, ok := mimeTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		t = "application/octet-stream"
	}
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '!' || c > '~' || strings.IndexByte("#/()<>[]{}%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// dictBody returns the inside of a dictionary object (without << and >>).
func dictBody(body []byte) (string, error) {
	d := bytes.TrimSpace(body)
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) {
		return "", errors.New("attachments: the catalog is not a dictionary")
	}
	return string(d[2 : len(d)-2]), nil
}

// asciiString encodes s as a literal PDF string of printable ASCII, for the /F file
// name older readers use.
func asciiString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(')')
	return b.String()
}
