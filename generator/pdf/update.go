package pdf

import (
	"bytes"
	"errors"
	"fmt"
)

// An incremental update (ISO 32000-1 7.5.6) appends objects to a file without changing
// a byte of it: the new or re-written objects, a cross-reference section for them and a
// trailer whose /Prev points at the previous section.

// UpdateBase returns what every incremental update starts from: the next free object
// number (the trailer's /Size), the catalog's reference and the catalog, which the
// caller changes for the update (d is opened for one update only).
func (d *Document) UpdateBase() (size int, rootRef Ref, catalog *Dict, err error) {
	size, ok := IntValue(Lookup(d.Trailer, "Size"))
	if !ok || size <= 0 {
		return 0, Ref{}, nil, errors.New("trailer has no valid /Size")
	}
	rootRef, ok = Lookup(d.Trailer, "Root").(Ref)
	if !ok {
		return 0, Ref{}, nil, errors.New("trailer has no /Root reference")
	}
	catalog, err = d.DictAt(rootRef, "catalog")
	return size, rootRef, catalog, err
}

// NextTrailer is the trailer of an update after d: the new /Size, the same /Root, /Info
// and /ID, and /Prev pointing at d's newest xref section.
func (d *Document) NextTrailer(size int, rootRef Ref) *Dict {
	trailer := &Dict{}
	trailer.Set("Size", size)
	trailer.Set("Root", rootRef)
	for _, key := range []Name{"Info", "ID"} {
		if v, ok := d.Trailer.Get(key); ok {
			trailer.Set(key, v)
		}
	}
	trailer.Set("Prev", d.StartXRef)
	return trailer
}

// UpdateWriter accumulates the objects of an incremental update and their offsets in
// the file the update is appended to. An object the caller must write by hand (to know
// where a placeholder sits) goes into Buf between Begin and End.
type UpdateWriter struct {
	Buf     bytes.Buffer // the update's bytes, to be appended to the file
	base    int          // length of the file before the update
	offsets map[int]XRefEntry
	xrefStm bool // the file ends in a cross-reference stream, so the update does too
}

// NewUpdateWriter starts an update to doc's file; the update begins on a new line.
func NewUpdateWriter(doc *Document) *UpdateWriter {
	w := &UpdateWriter{base: len(doc.Data), offsets: map[int]XRefEntry{}, xrefStm: doc.UsesXRefStream()}
	if n := len(doc.Data); n > 0 && doc.Data[n-1] != '\n' && doc.Data[n-1] != '\r' {
		w.Buf.WriteByte('\n') // "%%EOF" is a comment: the next object must start a new line
	}
	return w
}

// Begin records the offset of object ref and writes its "num gen obj" line.
func (w *UpdateWriter) Begin(ref Ref) {
	w.offsets[ref.Num] = XRefEntry{Offset: w.base + w.Buf.Len(), Gen: ref.Gen, InUse: true}
	fmt.Fprintf(&w.Buf, "%d %d obj\n", ref.Num, ref.Gen)
}

// End closes the object Begin opened.
func (w *UpdateWriter) End() { w.Buf.WriteString("\nendobj\n") }

// WriteDict writes object ref holding dictionary d.
func (w *UpdateWriter) WriteDict(ref Ref, d *Dict) error {
	w.Begin(ref)
	defer w.End()
	return WriteObject(&w.Buf, d)
}

// WriteStream writes an unfiltered stream object holding data.
func (w *UpdateWriter) WriteStream(ref Ref, data []byte) {
	w.Begin(ref)
	fmt.Fprintf(&w.Buf, "<</Length %d>>\nstream\n", len(data))
	w.Buf.Write(data)
	w.Buf.WriteString("\nendstream")
	w.End()
}

// Finish writes the xref section for the objects written so far, the trailer and the
// startxref pointer. After a cross-reference stream the section is a stream too, object
// number trailer's /Size, which it then counts.
func (w *UpdateWriter) Finish(trailer *Dict) error {
	xrefAt := w.base + w.Buf.Len()
	if w.xrefStm {
		num, _ := IntValue(Lookup(trailer, "Size"))
		trailer.Set("Size", num+1)
		if err := writeXRefStream(&w.Buf, num, xrefAt, w.offsets, trailer); err != nil {
			return err
		}
		fmt.Fprintf(&w.Buf, "startxref\n%d\n%%%%EOF\n", xrefAt)
		return nil
	}
	writeXRef(&w.Buf, w.offsets)
	w.Buf.WriteString("trailer\n")
	if err := WriteObject(&w.Buf, trailer); err != nil {
		return err
	}
	fmt.Fprintf(&w.Buf, "\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return nil
}
