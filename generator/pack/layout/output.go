package layout

import (
	"slices"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Output writes the document through fpdf and reads the file back as a table of
// objects with its fonts embedded (Fonts.Embed), for the caller to add what its format
// needs (attachments, metadata) before writing it. It returns the file and its page
// count.
//
// Output ends the document: the Doc lets go of fpdf (PDF is nil after), whose page
// buffers are then garbage and whose file buffer becomes the File's storage, so a
// large document is not held twice while its caller finishes it. Call Anchors.Finish
// before, as it needs the writer.
func (r *Doc) Output() (*pdf.File, int, error) {
	if err := r.PDF.Error(); err != nil {
		return nil, 0, err
	}
	pages := r.PDF.PageCount()
	var buf kept
	if err := r.PDF.Output(&buf); err != nil {
		return nil, 0, err
	}
	r.PDF, r.Fonts.pdf = nil, nil // nothing is drawn after: fpdf's memory can go
	f, err := pdf.Read(buf.b)
	if err != nil {
		return nil, 0, err
	}
	if err := r.Fonts.Embed(f); err != nil {
		return nil, 0, err
	}
	return f, pages, nil
}

// kept receives the file fpdf writes. fpdf writes it in one Write (its buffer's
// WriteTo) and is done with the buffer after, so kept keeps that slice rather than
// copying the whole file.
type kept struct{ b []byte }

func (k *kept) Write(p []byte) (int, error) {
	if k.b == nil {
		k.b = p
	} else {
		k.b = append(slices.Clip(k.b), p...)
	}
	return len(p), nil
}
