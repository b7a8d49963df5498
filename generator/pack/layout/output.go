package layout

import (
	"bytes"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Output writes the document through fpdf and reads the file back as a table of
// objects with its fonts embedded (Fonts.Embed), for the caller to add what its format
// needs (attachments, metadata) before writing it. It returns the file and its page
// count.
func (r *Doc) Output() (*pdf.File, int, error) {
	if err := r.PDF.Error(); err != nil {
		return nil, 0, err
	}
	pages := r.PDF.PageCount()
	var buf bytes.Buffer
	if err := r.PDF.Output(&buf); err != nil {
		return nil, 0, err
	}
	f, err := pdf.Read(buf.Bytes())
	if err != nil {
		return nil, 0, err
	}
	if err := r.Fonts.Embed(f); err != nil {
		return nil, 0, err
	}
	return f, pages, nil
}
