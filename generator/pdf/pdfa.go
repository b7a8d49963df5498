package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
)

// sRGB is the International Color Consortium's sRGB profile (sRGB2014.icc, free to copy
// and embed unaltered: sRGB2014.LICENSE), the output intent of every PDF/A pack.
//
//go:embed sRGB2014.icc
var sRGB []byte

// Archive is what PDF/A-3 asks a file to say about itself, in the document information
// dictionary and, identically, in its XMP metadata.
type Archive struct {
	Title, Author, Subject string
	Creator, Producer      string
	Date                   time.Time // creation and modification
}

// MakePDFA3B makes f carry the structure PDF/A-3b requires that fpdf does not write: a
// header version of 1.7, XMP metadata (unfiltered, as PDF/A requires) with pdfaid:part 3
// and pdfaid:conformance B matching a new document information dictionary, an sRGB
// output intent, and the print flag on every link annotation. It does not make content
// conform: fonts must be embedded and attachments associated by the caller.
func (f *File) MakePDFA3B(a Archive) error {
	f.Version = "1.7"
	date := a.Date.UTC()
	pdfDate := "(D:" + date.Format("20060102150405") + "Z)"
	info := fmt.Sprintf("<</Title %s /Author %s /Subject %s /Creator %s /Producer %s /CreationDate %s /ModDate %s>>",
		TextString(a.Title), TextString(a.Author), TextString(a.Subject), TextString(a.Creator), TextString(a.Producer), pdfDate, pdfDate)
	if f.Info == 0 {
		f.Info = f.Add([]byte(info))
	} else {
		f.Set(f.Info, []byte(info))
	}
	xmp := xmpPacket(a, date.Format("2006-01-02T15:04:05Z"))
	meta := f.Add(fmt.Appendf(nil, "<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream", len(xmp), xmp))
	icc := f.Add(fmt.Appendf(nil, "<</N 3 /Alternate /DeviceRGB /Length %d /Filter /FlateDecode>>\nstream\n%s\nendstream", len(Deflate(sRGB)), Deflate(sRGB)))
	intent := f.Add(fmt.Appendf(nil, "<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "+
		"/RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>", icc))
	if err := f.ExtendDict(f.Root, fmt.Sprintf("/Metadata %d 0 R /OutputIntents [%d 0 R]", meta, intent)); err != nil {
		return err
	}
	// fpdf writes link annotations inline in the page dictionaries, without flags.
	for _, n := range f.Numbers() {
		body := f.objs[n]
		if bytes.Contains(body, []byte("/Subtype /Link ")) {
			body = linkAnnotRE.ReplaceAllFunc(body, func(a []byte) []byte {
				m := linkAnnotRE.FindSubmatch(a)
				tail := bytes.ReplaceAll(bytes.ReplaceAll(m[2], []byte(" /"), []byte("/")), []byte(" ["), []byte("["))
				return slices.Concat([]byte("<</Subtype/Link/F 4/Rect["), m[1], []byte("]/Border[0 0 0]"), bytes.ReplaceAll(tail, []byte(" <<"), []byte("<<")))
			})
			f.objs[n] = bytes.ReplaceAll(body, []byte("/Type /Annot /Subtype /Link "), []byte("/Type /Annot /Subtype /Link /F 4 "))
		}
	}
	return nil
}

// linkAnnotRE is a link annotation as fpdf writes it, up to its destination or action.
// The print flag is added and the rest written without the optional /Type and spaces: a
// table of contents holds a thousand of them, inline in the page dictionaries, where no
// compression reaches.
var linkAnnotRE = regexp.MustCompile(`<</Type /Annot /Subtype /Link /Rect \[([-\d. ]+)\] /Border \[0 0 0\] (/Dest \[\d+ 0 R /XYZ [-\d.]+ [-\d.]+ null\]>>|/A <</S /URI /URI )`)

// ExtendDict adds entries at the end of the dictionary that is object n.
func (f *File) ExtendDict(n int, entries string) error {
	d := bytes.TrimSpace(f.objs[n])
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) || bytes.Contains(d, []byte("stream")) {
		return fmt.Errorf("pdf: object %d is not a dictionary", n)
	}
	out := append(append([]byte(nil), d[:len(d)-2]...), "\n"+entries+"\n>>"...)
	f.objs[n] = out
	return nil
}

// xmpPacket writes the XMP metadata of a: Dublin Core title, creator and description,
// the XMP basic dates and creator tool, the PDF producer, and the PDF/A identification.
func xmpPacket(a Archive, date string) string {
	x := html.EscapeString
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
	fmt.Fprintf(&b, "<dc:format>application/pdf</dc:format>\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", x(a.Title))
	fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", x(a.Author))
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", x(a.Subject))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n<pdf:Producer>%s</pdf:Producer>\n", x(a.Creator), x(a.Producer))
	b.WriteString("<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// No padding: it would let an editor rewrite the packet in place, but a pack is
	// signed, and any change to it breaks the signature. The packet is read-only.
	b.WriteString("<?xpacket end=\"r\"?>")
	return b.String()
}

// TextString encodes a PDF text string as UTF-16BE hex with a byte order mark, with
// surrogate pairs beyond the Basic Multilingual Plane.
func TextString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
