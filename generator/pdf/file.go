package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// File is a PDF as numbered objects. Bodies are what lies between "N 0 obj" and
// "endobj", without surrounding whitespace.
type File struct {
	Version string // header version, such as "1.7"
	Root    int    // the catalog's object number
	Info    int    // the document information dictionary's, 0 when none
	objs    map[int][]byte
	max     int
	z       deflater
}

// deflater compresses at the best level with one zlib writer, reset for each stream: a
// new writer at that level allocates about a megabyte.
type deflater struct {
	w   *zlib.Writer
	buf bytes.Buffer
}

func (d *deflater) deflate(data []byte) []byte {
	d.buf.Reset()
	if d.w == nil {
		d.w, _ = zlib.NewWriterLevel(&d.buf, zlib.BestCompression)
	} else {
		d.w.Reset(&d.buf)
	}
	_, _ = d.w.Write(data)
	_ = d.w.Close()
	return bytes.Clone(d.buf.Bytes())
}

// Object returns the body of object n, nil when there is none.
func (f *File) Object(n int) []byte { return f.objs[n] }

// Value parses object n: its value, or a stream's dictionary.
func (f *File) Value(n int) (any, error) {
	body, ok := f.objs[n]
	if !ok {
		return nil, fmt.Errorf("pdf: no object %d", n)
	}
	p := &parser{b: body}
	v, err := p.value(0)
	if err != nil {
		return nil, fmt.Errorf("pdf: object %d: %w", n, err)
	}
	return v, nil
}

// Dict parses object n as a dictionary (a stream's, for a stream).
func (f *File) Dict(n int) (*Dict, error) {
	v, err := f.Value(n)
	if err != nil {
		return nil, err
	}
	d, ok := v.(*Dict)
	if !ok {
		return nil, fmt.Errorf("pdf: object %d is not a dictionary", n)
	}
	return d, nil
}

// DictEntries parses object n as a dictionary (a stream's, for a stream) with only
// the entries named in keys: the others are stepped over without being built, so a
// page with a thousand link annotations costs no allocation for them.
func (f *File) DictEntries(n int, keys ...Name) (*Dict, error) {
	body, ok := f.objs[n]
	if !ok {
		return nil, fmt.Errorf("pdf: no object %d", n)
	}
	p := &parser{b: body}
	p.skipSpace()
	d, err := p.pickDict(keys)
	if err != nil {
		return nil, fmt.Errorf("pdf: object %d: %w", n, err)
	}
	return d, nil
}

// Set replaces (or adds) object n.
func (f *File) Set(n int, body []byte) {
	f.objs[n] = body
	f.max = max(f.max, n)
}

// Add adds an object and returns its number.
func (f *File) Add(body []byte) int {
	f.Set(f.max+1, body)
	return f.max
}

// Numbers returns the object numbers in order.
func (f *File) Numbers() []int {
	ns := make([]int, 0, len(f.objs))
	for n := range f.objs {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	return ns
}

// Bytes writes the file: header, objects in number order (streams recompressed), the
// cross-reference table and a trailer whose /ID is derived from the content, so the same
// objects give the same bytes.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", f.Version)
	offsets := make([]int, f.max+1)
	for _, n := range f.Numbers() {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", n)
		b.Write(f.z.recompress(f.objs[n]))
		b.WriteString("\nendobj\n")
	}
	id := md5.Sum(b.Bytes())
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", f.max+1)
	for n := 1; n <= f.max; n++ {
		if f.objs[n] == nil {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R", f.max+1, f.Root)
	if f.Info != 0 {
		fmt.Fprintf(&b, " /Info %d 0 R", f.Info)
	}
	fmt.Fprintf(&b, " /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n", id, id, xref)
	return b.Bytes()
}

var (
	lengthRE = regexp.MustCompile(`/Length (\d+)`)
	flateRE  = regexp.MustCompile(`/Filter\s*/FlateDecode`)
)

// Recompress returns a stream object's body with its data compressed at the best level:
// a Flate stream is decompressed and compressed again (fpdf compresses for speed), an
// unfiltered stream is compressed (but never XMP metadata, which PDF/A wants readable).
// Other streams, and those that would not shrink, are returned as they are.
func Recompress(body []byte) []byte {
	var d deflater
	return d.recompress(body)
}

func (d *deflater) recompress(body []byte) []byte {
	si := bytes.Index(body, []byte(">>\nstream\n"))
	if si < 0 || !bytes.HasSuffix(body, []byte("endstream")) {
		return body
	}
	dict := body[:si+2]
	lm := lengthRE.FindSubmatchIndex(dict)
	if lm == nil || bytes.Contains(dict, []byte("/Type /Metadata")) {
		return body
	}
	n, _ := strconv.Atoi(string(dict[lm[2]:lm[3]]))
	start := si + len(">>\nstream\n")
	if start+n > len(body) {
		return body
	}
	raw := body[start : start+n]
	plain := !bytes.Contains(dict, []byte("/Filter"))
	if !plain {
		if !flateRE.Match(dict) || bytes.Contains(dict, []byte("/Filter [")) {
			return body
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return body
		}
		if raw, err = io.ReadAll(zr); err != nil {
			return body
		}
	}
	z := d.deflate(raw)
	if len(z) >= n {
		return body
	}
	var out bytes.Buffer
	out.Write(dict[:lm[2]])
	out.WriteString(strconv.Itoa(len(z)))
	if plain {
		out.WriteString(" /Filter /FlateDecode")
	}
	out.Write(dict[lm[3]:])
	out.WriteString("\nstream\n")
	out.Write(z)
	out.WriteString("\nendstream")
	return out.Bytes()
}

// Deflate compresses data with zlib at the best level.
func Deflate(data []byte) []byte {
	var d deflater
	return d.deflate(data)
}
