package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pdf"
)

// finish completes the file layout wrote, its fonts embedded: the attachments are
// added as associated files, the page content is compacted (pdf.CompactContents), the
// file gets the structure of PDF/A-3b (XMP metadata, sRGB output intent, version 1.7)
// and every stream is compressed at the best level.
func (r *renderer) finish(f *pdf.File) ([]byte, error) {
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
