package pack

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Attachments are embedded by an incremental update appended to fpdf's output rather
// than with fpdf's SetAttachments: fpdf v0.12 writes attachment objects before the page
// objects yet still addresses pages as object 1+2n in link and outline destinations, so
// with a single attachment every internal link and bookmark of the pack points at the
// wrong object. An incremental update leaves fpdf's objects untouched and adds the
// files as document-level embedded files (the catalog's /Names /EmbeddedFiles tree),
// which is what pdfdetach lists and what SetAttachments would have written.

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
			as = append(as, Attachment{Name: attachmentName(ev, used), Description: ev.ID + " " + ev.Title, Data: data})
		}
	}
	for _, a := range r.opt.Attachments {
		name := a.Name
		for used[name] {
			name = "ismsgen-" + name
		}
		used[name] = true
		as = append(as, Attachment{Name: name, Description: a.Description, Data: a.Data})
	}
	return as
}

var (
	startxrefRE  = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	rootRE       = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRE       = regexp.MustCompile(`/Info (\d+) 0 R`)
	sizeRE       = regexp.MustCompile(`/Size (\d+)`)
	emptyNamesRE = regexp.MustCompile(`/Names <<\s*/EmbeddedFiles << /Names \[\s*\] >>\s*>>`)
)

// appendAttachments adds files to a finished PDF written by fpdf.
func appendAttachments(pdf []byte, as []Attachment) ([]byte, error) {
	if len(as) == 0 {
		return pdf, nil
	}
	m := startxrefRE.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("attachments: no startxref in the PDF")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	tail := pdf[prev:]
	trailer := tail[bytes.Index(tail, []byte("trailer")):]
	rm, sm, im := rootRE.FindSubmatch(trailer), sizeRE.FindSubmatch(trailer), infoRE.FindSubmatch(trailer)
	if rm == nil || sm == nil {
		return nil, errors.New("attachments: no /Root or /Size in the trailer")
	}
	root, _ := strconv.Atoi(string(rm[1]))
	size, _ := strconv.Atoi(string(sm[1]))
	catalog, err := objectDict(pdf, root)
	if err != nil {
		return nil, err
	}
	// fpdf always writes an empty /Names /EmbeddedFiles tree; the new catalog replaces it.
	catalog = emptyNamesRE.ReplaceAllString(catalog, "")
	if strings.Contains(catalog, "/Names") {
		return nil, errors.New("attachments: the catalog already has a /Names dictionary")
	}

	var b bytes.Buffer
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := size
	var names []string
	for i, a := range as {
		stream, sum := deflate(a.Data), md5.Sum(a.Data)
		offsets[obj] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /EmbeddedFile /Length %d /Filter /FlateDecode /Params << /CheckSum <%x> /Size %d >> >>\nstream\n",
			obj, len(stream), sum, len(a.Data))
		b.Write(stream)
		b.WriteString("\nendstream\nendobj\n")
		offsets[obj+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Filespec /F %s /UF %s /Desc %s /EF << /F %d 0 R >> >>\nendobj\n",
			obj+1, asciiString(a.Name), textString(a.Name), textString(a.Description), obj)
		// Name tree keys must be sorted: zero-padded numbers keep the given order.
		names = append(names, fmt.Sprintf("(%04d) %d 0 R", i+1, obj+1))
		obj += 2
	}
	offsets[root] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<<%s\n/Names << /EmbeddedFiles << /Names [%s] >> >>\n>>\nendobj\n",
		root, catalog, strings.Join(names, " "))

	xref := b.Len()
	b.WriteString("xref\n")
	fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", root, offsets[root])
	fmt.Fprintf(&b, "%d %d\n", size, obj-size)
	for n := size; n < obj; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R", obj, root)
	if im != nil {
		fmt.Fprintf(&b, " /Info %s 0 R", im[1])
	}
	fmt.Fprintf(&b, " /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", prev, xref)
	return b.Bytes(), nil
}

// objectDict returns the inside of the dictionary of object n (without << and >>).
func objectDict(pdf []byte, n int) (string, error) {
	head := []byte(fmt.Sprintf("\n%d 0 obj\n", n))
	i := bytes.LastIndex(pdf, head)
	if i < 0 {
		return "", fmt.Errorf("attachments: object %d not found", n)
	}
	body := pdf[i+len(head):]
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return "", fmt.Errorf("attachments: object %d has no end", n)
	}
	d := bytes.TrimSpace(body[:end])
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) {
		return "", fmt.Errorf("attachments: object %d is not a dictionary", n)
	}
	return string(d[2 : len(d)-2]), nil
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

// textString encodes a PDF text string as UTF-16BE hex with a byte order mark.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
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
