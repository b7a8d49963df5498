package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pdf"
)

// finish rewrites the file fpdf wrote: each face's font objects become the face's own
// subset (only the glyphs drawn, a subset name, a ToUnicode map for every character
// drawn, one-byte codes when it drew at most 255 characters, the page text recoded to
// them), the attachments are added as associated files, the file gets the structure of
// PDF/A-3b (XMP metadata, sRGB output intent, version 1.7), the page content is
// compacted (pdf.CompactContents), every stream is
// compressed at the best level.
func (r *renderer) finish(out []byte) ([]byte, error) {
	f, err := pdf.Read(out)
	if err != nil {
		return nil, err
	}
	if err := r.Fonts.Embed(f); err != nil {
		return nil, err
	}
	if err := addAttachments(f, r.attachments(), pdfDate(r.opt.Date)); err != nil {
		return nil, err
	}
	if err := f.CompactContents(); err != nil {
		return nil, err
	}
	if err := f.MakePDFA3B(r.archive); err != nil {
		return nil, err
	}
	return f.CompactBytes(), nil
}

// pdfDate writes a build date as a PDF date string.
func pdfDate(d model.Date) string {
	return "(D:" + d.Time().UTC().Format("20060102150405") + "Z)"
}
