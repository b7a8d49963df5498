package sign

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Options describe the signature dictionary. There is no CMS signing-time attribute:
// the time goes only into /M, so a build with a fixed time is reproducible.
type Options struct {
	Time        time.Time // the claimed signing time, written to /M; required
	Name        string    // /Name: the signer's name, omitted when empty
	Reason      string    // /Reason, omitted when empty
	Location    string    // /Location, omitted when empty
	ContactInfo string    // /ContactInfo, omitted when empty
	// Timestamper, when set, adds a signature timestamp from a time-stamping authority
	// to the CMS (PAdES B-T). Without it signing is offline and deterministic.
	Timestamper Timestamper
}

const (
	// byteRangeWidth is the fixed width of each /ByteRange number, so the real values
	// can be patched in after the offsets are known without moving a single byte.
	byteRangeWidth       = 10
	maxFileSize    int64 = 10_000_000_000 // the first offset that needs 11 digits
	// cmsOverhead covers everything in the CMS besides certificates and the signature
	// value (algorithm identifiers, attributes, issuer names), with room to spare.
	cmsOverhead = 1024
	// tokenReserve is the room first reserved for a timestamp token: enough for an
	// authority that sends its certificate and an intermediate. A larger token is
	// fitted by planning the update again (see appendSigned).
	tokenReserve = 6144
)

// Sign appends an incremental update holding a PAdES B-B signature (B-T with
// opt.Timestamper) to pdf and returns the signed file. pdf itself is a byte-exact prefix
// of the result (plus a newline when pdf did not end with one). The update re-writes the
// first page (adding the signature widget to /Annots) and the catalog (adding or
// extending /AcroForm), and adds the signature dictionary and the widget.
func Sign(pdf []byte, s Signer, opt Options) ([]byte, error) {
	return SignContext(context.Background(), pdf, s, opt)
}

// SignContext is Sign with a context for the time-stamping authority's request.
func SignContext(ctx context.Context, pdf []byte, s Signer, opt Options) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	if opt.Time.IsZero() {
		return nil, errors.New("Options.Time is required (it is the signing time written to /M)")
	}
	reserve := contentsSize(s)
	if opt.Timestamper != nil {
		reserve += tokenReserve
	}
	return appendSigned(pdf, approvalField(opt), reserve, opt.Timestamper != nil, func(digest []byte) ([]byte, error) {
		return buildCMS(ctx, digest, s, opt.Timestamper)
	})
}

// fieldKind is the signature field an update adds: an approval signature or a
// document timestamp.
type fieldKind struct {
	prefix string // of the field name: Signature1, Timestamp1, …
	head   string // the signature dictionary's entries before /ByteRange
	// opt gives the entries after /Contents: /M when Time is set, /Name, /Reason, …
	opt Options
}

func approvalField(opt Options) fieldKind {
	return fieldKind{prefix: "Signature", head: "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached", opt: opt}
}

func docTimestampField() fieldKind {
	return fieldKind{prefix: "Timestamp", head: "/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"}
}

// appendSigned appends to pdf an incremental update adding a signature field of the
// given kind, with /Contents set to what contents returns for the SHA-256 of the byte
// ranges. When that does not fit the reserve and grow is set (a timestamp token's size
// is known only once the authority issued it), the update is planned once more with
// room for it, from a freshly opened document (planning changes the parsed catalog).
func appendSigned(pdf []byte, kind fieldKind, reserve int, grow bool, contents func(digest []byte) ([]byte, error)) ([]byte, error) {
	for {
		doc, err := openDocument(pdf)
		if err != nil {
			return nil, err
		}
		out, need, err := appendSignedOnce(doc, kind, reserve, contents)
		if need == 0 || !grow {
			return out, err
		}
		reserve, grow = need+1024, false
	}
}

// appendSignedOnce is one attempt of appendSigned; need is the size the contents
// wanted when they did not fit, else 0.
func appendSignedOnce(doc *document, kind fieldKind, reserve int, contents func(digest []byte) ([]byte, error)) (out []byte, need int, err error) {
	pdf := doc.data
	u, err := planUpdate(doc, kind, reserve)
	if err != nil {
		return nil, 0, err
	}
	if int64(len(pdf))+int64(len(u.data)) >= maxFileSize {
		return nil, 0, fmt.Errorf("the signed file would exceed %d bytes, more than /ByteRange's fixed width can express", maxFileSize-1)
	}
	out = make([]byte, 0, len(pdf)+len(u.data))
	out = append(out, pdf...)
	base := len(out)
	out = append(out, u.data...)

	// The signed ranges are everything but the /Contents hex string, delimiters included.
	start, end := base+u.contentsStart, base+u.contentsEnd
	ranges := [4]int{0, start, end, len(out) - end}
	var br bytes.Buffer
	for i, v := range ranges {
		if i > 0 {
			br.WriteByte(' ')
		}
		fmt.Fprintf(&br, "%0*d", byteRangeWidth, v)
	}
	copy(out[base+u.byteRangeAt:], br.Bytes())

	h := sha256.New()
	h.Write(out[:start])
	h.Write(out[end:])
	value, err := contents(h.Sum(nil))
	if err != nil {
		return nil, 0, err
	}
	if 2*len(value) > end-start-2 {
		return nil, len(value), fmt.Errorf("the signature (%d bytes) does not fit its reserved space (%d bytes)", len(value), (end-start-2)/2)
	}
	hex.Encode(out[start+1:], value)
	return out, 0, nil
}

// contentsSize reserves room for the CMS: the chain plus the signature value plus a
// generous allowance for the fixed structure.
func contentsSize(s Signer) int {
	n := cmsOverhead + signatureSize(s.Key.Public())
	for _, c := range s.Chain {
		n += len(c.Raw)
	}
	n += 2 * len(s.Chain[0].RawIssuer) // once in the SignerInfo, once in ESSCertIDv2
	return n
}

// update is the text of an incremental update with placeholders, and where they sit.
type update struct {
	data          []byte
	byteRangeAt   int // offset of the /ByteRange numbers in data
	contentsStart int // offset of '<' of /Contents in data
	contentsEnd   int // offset just past '>' of /Contents in data
}

// planUpdate writes the incremental update with a zeroed /ByteRange and /Contents.
func planUpdate(doc *document, kind fieldKind, reserve int) (*update, error) {
	size, rootRef, catalog, err := doc.updateBase()
	if err != nil {
		return nil, err
	}
	pageRef, page, err := doc.firstPage(catalog)
	if err != nil {
		return nil, err
	}
	sigRef, widgetRef := pdfRef{size, 0}, pdfRef{size + 1, 0}

	annots, err := doc.resolve(lookup(page, "Annots"))
	if err != nil {
		return nil, fmt.Errorf("first page /Annots: %w", err)
	}
	annotList, _ := annots.(pdfArray)
	// A copy written inline, so an /Annots array shared with other pages stays theirs.
	page.Set("Annots", append(slices.Clone(annotList), widgetRef))
	fieldName, err := addSignatureField(doc, catalog, widgetRef, kind.prefix)
	if err != nil {
		return nil, err
	}
	widget := &pdfDict{entries: []dictEntry{
		{"Type", pdfName("Annot")}, {"Subtype", pdfName("Widget")}, {"FT", pdfName("Sig")},
		{"Rect", pdfArray{0, 0, 0, 0}}, {"V", sigRef}, {"T", textString(fieldName)},
		// 132 = Print (4) + Locked (128): the invisible field is printed and cannot move.
		{"F", 132}, {"P", pageRef},
	}}

	w := newUpdateWriter(doc)
	if err := w.dict(pageRef, page); err != nil {
		return nil, err
	}
	if err := w.dict(rootRef, catalog); err != nil {
		return nil, err
	}
	u := w.signatureDict(sigRef, kind, reserve)
	if err := w.dict(widgetRef, widget); err != nil {
		return nil, err
	}
	if err := w.finish(doc.nextTrailer(size+2, rootRef)); err != nil {
		return nil, err
	}
	u.data = w.buf.Bytes()
	return u, nil
}

// updateBase returns what every incremental update starts from: the next free object
// number (the trailer's /Size), the catalog's reference and the catalog, which the
// caller changes for the update (d is opened for one update only).
func (d *document) updateBase() (size int, rootRef pdfRef, catalog *pdfDict, err error) {
	size, ok := intValue(lookup(d.trailer, "Size"))
	if !ok || size <= 0 {
		return 0, pdfRef{}, nil, errors.New("trailer has no valid /Size")
	}
	rootRef, ok = lookup(d.trailer, "Root").(pdfRef)
	if !ok {
		return 0, pdfRef{}, nil, errors.New("trailer has no /Root reference")
	}
	catalog, err = d.dictAt(rootRef, "catalog")
	return size, rootRef, catalog, err
}

// nextTrailer is the trailer of an update after d: the new /Size, the same /Root, /Info
// and /ID, and /Prev pointing at d's newest xref section.
func (d *document) nextTrailer(size int, rootRef pdfRef) *pdfDict {
	trailer := &pdfDict{}
	trailer.Set("Size", size)
	trailer.Set("Root", rootRef)
	for _, key := range []pdfName{"Info", "ID"} {
		if v, ok := d.trailer.Get(key); ok {
			trailer.Set(key, v)
		}
	}
	trailer.Set("Prev", d.startxref)
	return trailer
}

// updateWriter accumulates the objects of an incremental update and their offsets in
// the file the update is appended to.
type updateWriter struct {
	base    int // length of the file before the update
	buf     bytes.Buffer
	offsets map[int]xrefEntry
	xrefStm bool // the file ends in a cross-reference stream, so the update does too
}

// newUpdateWriter starts an update to doc's file; the update begins on a new line.
func newUpdateWriter(doc *document) *updateWriter {
	w := &updateWriter{base: len(doc.data), offsets: map[int]xrefEntry{}, xrefStm: doc.usesXRefStream()}
	if n := len(doc.data); n > 0 && doc.data[n-1] != '\n' && doc.data[n-1] != '\r' {
		w.buf.WriteByte('\n') // "%%EOF" is a comment: the next object must start a new line
	}
	return w
}

func (w *updateWriter) begin(ref pdfRef) {
	w.offsets[ref.Num] = xrefEntry{offset: w.base + w.buf.Len(), gen: ref.Gen, inUse: true}
	fmt.Fprintf(&w.buf, "%d %d obj\n", ref.Num, ref.Gen)
}

func (w *updateWriter) end() { w.buf.WriteString("\nendobj\n") }

func (w *updateWriter) dict(ref pdfRef, d *pdfDict) error {
	w.begin(ref)
	defer w.end()
	return writeObject(&w.buf, d)
}

// stream writes an unfiltered stream object holding data.
func (w *updateWriter) stream(ref pdfRef, data []byte) {
	w.begin(ref)
	fmt.Fprintf(&w.buf, "<</Length %d>>\nstream\n", len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream")
	w.end()
}

// signatureDict writes the signature dictionary by hand, because the positions of the
// /ByteRange numbers and the /Contents string must be known to patch them later.
func (w *updateWriter) signatureDict(ref pdfRef, kind fieldKind, reserve int) *update {
	u := &update{}
	w.begin(ref)
	w.buf.WriteString("<<" + kind.head + " /ByteRange [")
	u.byteRangeAt = w.buf.Len()
	w.buf.WriteString(zeroByteRange())
	w.buf.WriteString("] /Contents ")
	u.contentsStart = w.buf.Len()
	w.buf.WriteByte('<')
	w.buf.Write(bytes.Repeat([]byte{'0'}, 2*reserve))
	w.buf.WriteByte('>')
	u.contentsEnd = w.buf.Len()
	opt := kind.opt
	if !opt.Time.IsZero() {
		w.buf.WriteString(" /M ")
		writeString(&w.buf, pdfString(pdfDate(opt.Time)))
	}
	for _, kv := range []struct {
		key pdfName
		val string
	}{{"Name", opt.Name}, {"Reason", opt.Reason}, {"Location", opt.Location}, {"ContactInfo", opt.ContactInfo}} {
		if kv.val != "" {
			w.buf.WriteByte(' ')
			writeName(&w.buf, kv.key)
			w.buf.WriteByte(' ')
			writeString(&w.buf, textString(kv.val))
		}
	}
	w.buf.WriteString(">>")
	w.end()
	return u
}

// finish writes the xref section for the objects written so far, the trailer and the
// startxref pointer. After a cross-reference stream the section is a stream too, object
// number trailer's /Size, which it then counts.
func (w *updateWriter) finish(trailer *pdfDict) error {
	xrefAt := w.base + w.buf.Len()
	if w.xrefStm {
		num, _ := intValue(lookup(trailer, "Size"))
		trailer.Set("Size", num+1)
		if err := writeXRefStream(&w.buf, num, xrefAt, w.offsets, trailer); err != nil {
			return err
		}
		fmt.Fprintf(&w.buf, "startxref\n%d\n%%%%EOF\n", xrefAt)
		return nil
	}
	writeXRef(&w.buf, w.offsets)
	w.buf.WriteString("trailer\n")
	if err := writeObject(&w.buf, trailer); err != nil {
		return err
	}
	fmt.Fprintf(&w.buf, "\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return nil
}

func zeroByteRange() string {
	z := string(bytes.Repeat([]byte{'0'}, byteRangeWidth))
	return z + " " + z + " " + z + " " + z
}

// addSignatureField adds widget to the catalog's /AcroForm /Fields, creating the form
// when there is none, sets /SigFlags 3 (SignaturesExist | AppendOnly) and returns a
// field name (prefix and a number) not yet taken, so signing an already signed file adds
// a second field.
func addSignatureField(doc *document, catalog *pdfDict, widget pdfRef, prefix string) (string, error) {
	form := &pdfDict{}
	if v, ok := catalog.Get("AcroForm"); ok {
		existing, err := doc.dictAt(v, "catalog /AcroForm")
		if err != nil {
			return "", err
		}
		form = existing
	}
	fieldsVal, err := doc.resolve(lookup(form, "Fields"))
	if err != nil {
		return "", fmt.Errorf("/AcroForm /Fields: %w", err)
	}
	fields, _ := fieldsVal.(pdfArray)
	taken := map[string]bool{}
	for _, f := range fields {
		if fd, err := doc.dictAt(f, "form field"); err == nil {
			if t, ok := lookup(fd, "T").(pdfString); ok {
				taken[string(t)] = true
			}
		}
	}
	name := ""
	for i := 1; name == "" || taken[name]; i++ {
		name = fmt.Sprintf("%s%d", prefix, i)
	}
	form.Set("Fields", append(slices.Clone(fields), widget))
	form.Set("SigFlags", 3)
	// The form is written inline in the new catalog: the update then needs no extra
	// object, and an indirect original stays untouched for earlier revisions.
	catalog.Set("AcroForm", form)
	return name, nil
}

// pdfDate formats t as a PDF date in UTC: D:YYYYMMDDHHmmSS+00'00'.
func pdfDate(t time.Time) string {
	return t.UTC().Format("D:20060102150405") + "+00'00'"
}
