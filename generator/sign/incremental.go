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

	"github.com/ismsgen/ismsgen/generator/pdf"
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
// opt.Timestamper) to file and returns the signed file. file itself is a byte-exact prefix
// of the result (plus a newline when file did not end with one). The update re-writes the
// first page (adding the signature widget to /Annots) and the catalog (adding or
// extending /AcroForm), and adds the signature dictionary and the widget.
func Sign(file []byte, s Signer, opt Options) ([]byte, error) {
	return SignContext(context.Background(), file, s, opt)
}

// SignContext is Sign with a context for the time-stamping authority's request.
func SignContext(ctx context.Context, file []byte, s Signer, opt Options) ([]byte, error) {
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
	return appendSigned(file, approvalField(opt), reserve, opt.Timestamper != nil, func(digest []byte) ([]byte, error) {
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

// appendSigned appends to file an incremental update adding a signature field of the
// given kind, with /Contents set to what contents returns for the SHA-256 of the byte
// ranges. When that does not fit the reserve and grow is set (a timestamp token's size
// is known only once the authority issued it), the update is planned once more with
// room for it, from a freshly opened document (planning changes the parsed catalog).
func appendSigned(file []byte, kind fieldKind, reserve int, grow bool, contents func(digest []byte) ([]byte, error)) ([]byte, error) {
	for {
		doc, err := pdf.Open(file)
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
func appendSignedOnce(doc *pdf.Document, kind fieldKind, reserve int, contents func(digest []byte) ([]byte, error)) (out []byte, need int, err error) {
	file := doc.Data
	u, err := planUpdate(doc, kind, reserve)
	if err != nil {
		return nil, 0, err
	}
	if int64(len(file))+int64(len(u.data)) >= maxFileSize {
		return nil, 0, fmt.Errorf("the signed file would exceed %d bytes, more than /ByteRange's fixed width can express", maxFileSize-1)
	}
	out = make([]byte, 0, len(file)+len(u.data))
	out = append(out, file...)
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
func planUpdate(doc *pdf.Document, kind fieldKind, reserve int) (*update, error) {
	size, rootRef, catalog, err := doc.UpdateBase()
	if err != nil {
		return nil, err
	}
	pageRef, page, err := doc.FirstPage(catalog)
	if err != nil {
		return nil, err
	}
	sigRef, widgetRef := pdf.Ref{Num: size}, pdf.Ref{Num: size + 1}

	annots, err := doc.Resolve(pdf.Lookup(page, "Annots"))
	if err != nil {
		return nil, fmt.Errorf("first page /Annots: %w", err)
	}
	annotList, _ := annots.(pdf.Array)
	// A copy written inline, so an /Annots array shared with other pages stays theirs.
	page.Set("Annots", append(slices.Clone(annotList), widgetRef))
	fieldName, err := addSignatureField(doc, catalog, widgetRef, kind.prefix)
	if err != nil {
		return nil, err
	}
	widget := pdf.NewDict([]pdf.DictEntry{
		{Key: "Type", Val: pdf.Name("Annot")}, {Key: "Subtype", Val: pdf.Name("Widget")}, {Key: "FT", Val: pdf.Name("Sig")},
		{Key: "Rect", Val: pdf.Array{0, 0, 0, 0}}, {Key: "V", Val: sigRef}, {Key: "T", Val: pdf.Text(fieldName)},
		// 132 = Print (4) + Locked (128): the invisible field is printed and cannot move.
		{Key: "F", Val: 132}, {Key: "P", Val: pageRef},
	}...)

	w := pdf.NewUpdateWriter(doc)
	if err := w.WriteDict(pageRef, page); err != nil {
		return nil, err
	}
	if err := w.WriteDict(rootRef, catalog); err != nil {
		return nil, err
	}
	u := signatureDict(w, sigRef, kind, reserve)
	if err := w.WriteDict(widgetRef, widget); err != nil {
		return nil, err
	}
	if err := w.Finish(doc.NextTrailer(size+2, rootRef)); err != nil {
		return nil, err
	}
	u.data = w.Buf.Bytes()
	return u, nil
}

// signatureDict writes the signature dictionary by hand, because the positions of the
// /ByteRange numbers and the /Contents string must be known to patch them later.
func signatureDict(w *pdf.UpdateWriter, ref pdf.Ref, kind fieldKind, reserve int) *update {
	u := &update{}
	w.Begin(ref)
	w.Buf.WriteString("<<" + kind.head + " /ByteRange [")
	u.byteRangeAt = w.Buf.Len()
	w.Buf.WriteString(zeroByteRange())
	w.Buf.WriteString("] /Contents ")
	u.contentsStart = w.Buf.Len()
	w.Buf.WriteByte('<')
	w.Buf.Write(bytes.Repeat([]byte{'0'}, 2*reserve))
	w.Buf.WriteByte('>')
	u.contentsEnd = w.Buf.Len()
	opt := kind.opt
	if !opt.Time.IsZero() {
		w.Buf.WriteString(" /M ")
		pdf.WriteString(&w.Buf, pdf.String(pdfDate(opt.Time)))
	}
	for _, kv := range []struct {
		key pdf.Name
		val string
	}{{"Name", opt.Name}, {"Reason", opt.Reason}, {"Location", opt.Location}, {"ContactInfo", opt.ContactInfo}} {
		if kv.val != "" {
			w.Buf.WriteByte(' ')
			pdf.WriteName(&w.Buf, kv.key)
			w.Buf.WriteByte(' ')
			pdf.WriteString(&w.Buf, pdf.Text(kv.val))
		}
	}
	w.Buf.WriteString(">>")
	w.End()
	return u
}

func zeroByteRange() string {
	z := string(bytes.Repeat([]byte{'0'}, byteRangeWidth))
	return z + " " + z + " " + z + " " + z
}

// addSignatureField adds widget to the catalog's /AcroForm /Fields, creating the form
// when there is none, sets /SigFlags 3 (SignaturesExist | AppendOnly) and returns a
// field name (prefix and a number) not yet taken, so signing an already signed file adds
// a second field.
func addSignatureField(doc *pdf.Document, catalog *pdf.Dict, widget pdf.Ref, prefix string) (string, error) {
	form := &pdf.Dict{}
	if v, ok := catalog.Get("AcroForm"); ok {
		existing, err := doc.DictAt(v, "catalog /AcroForm")
		if err != nil {
			return "", err
		}
		form = existing
	}
	fieldsVal, err := doc.Resolve(pdf.Lookup(form, "Fields"))
	if err != nil {
		return "", fmt.Errorf("/AcroForm /Fields: %w", err)
	}
	fields, _ := fieldsVal.(pdf.Array)
	taken := map[string]bool{}
	for _, f := range fields {
		if fd, err := doc.DictAt(f, "form field"); err == nil {
			if t, ok := pdf.Lookup(fd, "T").(pdf.String); ok {
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
