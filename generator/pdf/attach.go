package pdf

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// EmbeddedFile is a file the PDF carries (ISO 32000-1 7.11.4), as a document-level
// attachment and a PDF/A-3 associated file.
type EmbeddedFile struct {
	Name         string // the file name, unique among the PDF's files
	Description  string
	MIME         string // the MIME type, such as text/csv, written as the stream's /Subtype
	Relationship string // PDF/A-3's /AFRelationship: Source, Data, Supplement, …
	Data         []byte
}

// emptyNamesRE is the empty /Names /EmbeddedFiles tree fpdf always writes.
var emptyNamesRE = regexp.MustCompile(`/Names <<\s*/EmbeddedFiles << /Names \[\s*\] >>\s*>>`)

// Attach embeds files as document-level embedded files (the catalog's /Names
// /EmbeddedFiles tree, which pdfdetach lists) and, as PDF/A-3 asks, as associated files
// of the document (the catalog's /AF), each with its relationship, MIME type, size, MD5
// checksum and modDate, a PDF date string in PDF syntax such as (D:20260115000000Z). The
// catalog may have no /Names dictionary but the empty one fpdf writes.
func (f *File) Attach(files []EmbeddedFile, modDate string) error {
	if len(files) == 0 {
		return nil
	}
	d := bytes.TrimSpace(f.objs[f.Root])
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) {
		return errors.New("attachments: the catalog is not a dictionary")
	}
	catalog := emptyNamesRE.ReplaceAllString(string(d[2:len(d)-2]), "")
	if strings.Contains(catalog, "/Names") || strings.Contains(catalog, "/AF ") {
		return errors.New("attachments: the catalog already has a /Names dictionary")
	}
	var names, refs []string
	for i, a := range files {
		sum := md5.Sum(a.Data)
		z := f.z.deflate(a.Data)
		var b bytes.Buffer
		b.WriteString("<</Type /EmbeddedFile /Subtype ")
		WriteName(&b, Name(a.MIME))
		fmt.Fprintf(&b, " /Length %d /Filter /FlateDecode /Params <</CheckSum <%x> /Size %d /ModDate %s>>>>\nstream\n",
			len(z), sum, len(a.Data), modDate)
		b.Write(z)
		b.WriteString("\nendstream")
		ef := f.Add(b.Bytes())
		var spec bytes.Buffer
		spec.WriteString("<</Type /Filespec /F ")
		// /F is for older readers: printable ASCII only.
		WriteString(&spec, String(strings.Map(func(r rune) rune {
			if r < 0x20 || r > 0x7e {
				return '_'
			}
			return r
		}, a.Name)))
		fmt.Fprintf(&spec, " /UF %s /Desc %s /AFRelationship /%s /EF <</F %d 0 R /UF %d 0 R>>>>",
			TextString(a.Name), TextString(a.Description), a.Relationship, ef, ef)
		n := f.Add(spec.Bytes())
		// Name tree keys must be sorted: zero-padded numbers keep the given order.
		names = append(names, fmt.Sprintf("(%04d) %d 0 R", i+1, n))
		refs = append(refs, fmt.Sprintf("%d 0 R", n))
	}
	f.Set(f.Root, fmt.Appendf(nil, "<<%s\n/Names <</EmbeddedFiles <</Names [%s]>>>>\n/AF [%s]\n>>",
		catalog, strings.Join(names, " "), strings.Join(refs, " ")))
	return nil
}
