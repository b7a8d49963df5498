package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// objectsPerStream bounds an object stream, so a reader that wants one object inflates
// a few hundred, not the whole file.
const objectsPerStream = 400

// CompactBytes writes the file as Bytes does but with every object that is not a
// stream (page dictionaries with their inline link annotations, outline items, fonts'
// dictionaries) in compressed object streams, and a cross-reference stream for the
// table (PDF 1.5, allowed by PDF/A-3): the same objects, far fewer bytes. The trailer's
// /ID is derived from the content, so the same objects give the same bytes.
func (f *File) CompactBytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", f.Version)
	type loc struct{ stm, idx, off int }
	var packed []int
	locs := map[int]loc{}
	for _, n := range f.Numbers() {
		if _, _, ok := streamParts(f.objs[n]); ok {
			locs[n] = loc{off: b.Len()}
			fmt.Fprintf(&b, "%d 0 obj\n", n)
			b.Write(f.z.recompress(f.objs[n]))
			b.WriteString("\nendobj\n")
			continue
		}
		packed = append(packed, n)
	}
	next := f.max + 1
	for len(packed) > 0 {
		chunk := packed[:min(objectsPerStream, len(packed))]
		packed = packed[len(chunk):]
		var head, body bytes.Buffer
		for i, n := range chunk {
			fmt.Fprintf(&head, "%d %d ", n, body.Len())
			body.Write(f.objs[n])
			body.WriteByte('\n')
			locs[n] = loc{stm: next, idx: i}
		}
		data := append(head.Bytes(), body.Bytes()...)
		z := f.z.deflate(data)
		locs[next] = loc{off: b.Len()}
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode>>\nstream\n", next, len(chunk), head.Len(), len(z))
		b.Write(z)
		b.WriteString("\nendstream\nendobj\n")
		next++
	}
	id := md5.Sum(b.Bytes())
	xref := next
	locs[xref] = loc{off: b.Len()}
	rows := make([]byte, 0, 7*(xref+1))
	for n := 0; n <= xref; n++ {
		l, ok := locs[n]
		var row [7]byte
		switch {
		case !ok:
			binary.BigEndian.PutUint16(row[5:], 0xffff)
		case l.stm != 0:
			row[0] = 2
			binary.BigEndian.PutUint32(row[1:], uint32(l.stm))
			binary.BigEndian.PutUint16(row[5:], uint16(l.idx))
		default:
			row[0] = 1
			binary.BigEndian.PutUint32(row[1:], uint32(l.off))
		}
		rows = append(rows, row[:]...)
	}
	z := f.z.deflate(rows)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R", xref, xref+1, f.Root)
	if f.Info != 0 {
		fmt.Fprintf(&b, " /Info %d 0 R", f.Info)
	}
	fmt.Fprintf(&b, " /ID [<%x> <%x>] /Length %d /Filter /FlateDecode>>\nstream\n", id, id, len(z))
	b.Write(z)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", locs[xref].off)
	return b.Bytes()
}

var (
	sizeRE  = regexp.MustCompile(`/Size (\d+)`)
	wRE     = regexp.MustCompile(`/W \[1 4 2\]`)
	objNRE  = regexp.MustCompile(`/N (\d+)`)
	firstRE = regexp.MustCompile(`/First (\d+)`)
)

// readCompact reads what CompactBytes wrote: the cross-reference stream at xref, each
// object at its offset or in its object stream.
func readCompact(b []byte, xref int) (*File, error) {
	hm := objHeadRE.FindSubmatch(b[xref:])
	if hm == nil {
		return nil, errors.New("pdf: no cross-reference table or stream")
	}
	xn, _ := strconv.Atoi(string(hm[1]))
	f := &File{Version: "1.7", objs: map[int][]byte{}}
	body, err := objectAt(b, xref)
	if err != nil {
		return nil, err
	}
	dict, raw, ok := streamParts(body)
	if !ok || !bytes.Contains(dict, []byte("/Type /XRef")) || !wRE.Match(dict) || bytes.Contains(dict, []byte("/Prev")) {
		return nil, errors.New("pdf: not a cross-reference stream as this package writes it")
	}
	rows, err := inflate(raw)
	if err != nil {
		return nil, fmt.Errorf("pdf: cross-reference stream: %w", err)
	}
	rm, sm := rootRE.FindSubmatch(dict), sizeRE.FindSubmatch(dict)
	if rm == nil || sm == nil {
		return nil, errors.New("pdf: cross-reference stream without /Root or /Size")
	}
	f.Root, _ = strconv.Atoi(string(rm[1]))
	if im := infoRE.FindSubmatch(dict); im != nil {
		f.Info, _ = strconv.Atoi(string(im[1]))
	}
	stms := map[int][][]byte{}
	for n := 0; 7*n+7 <= len(rows); n++ {
		row := rows[7*n : 7*n+7]
		a, c := int(binary.BigEndian.Uint32(row[1:])), int(binary.BigEndian.Uint16(row[5:]))
		switch row[0] {
		case 1:
			if n == xn {
				continue
			}
			o, err := objectAt(b, a)
			if err != nil {
				return nil, err
			}
			if !bytes.HasPrefix(o, []byte("<</Type /ObjStm ")) {
				f.Set(n, o)
			}
		case 2:
			objs, ok := stms[a]
			if !ok {
				if objs, err = objStream(b, rows, a); err != nil {
					return nil, err
				}
				stms[a] = objs
			}
			if c >= len(objs) {
				return nil, fmt.Errorf("pdf: object %d: no index %d in object stream %d", n, c, a)
			}
			f.Set(n, objs[c])
		}
	}
	if f.objs[f.Root] == nil {
		return nil, errors.New("pdf: the catalog is missing")
	}
	return f, nil
}

// objectAt returns the body of the object whose "N 0 obj" is at off.
func objectAt(b []byte, off int) ([]byte, error) {
	if off < 0 || off >= len(b) {
		return nil, fmt.Errorf("pdf: bad object offset %d", off)
	}
	hm := objHeadRE.FindSubmatch(b[off:])
	if hm == nil {
		return nil, fmt.Errorf("pdf: no object at offset %d", off)
	}
	rest := b[off+len(hm[0]):]
	if head := streamHead(rest); len(head) < len(rest) {
		if _, _, ok := streamParts(head); ok {
			return head, nil
		}
	}
	e := bytes.Index(rest, []byte("\nendobj"))
	if e < 0 {
		return nil, fmt.Errorf("pdf: object at offset %d has no endobj", off)
	}
	return bytes.TrimSpace(rest[:e]), nil
}

// streamHead returns rest up to the end of the stream its dictionary announces, so
// streamParts can read it; rest itself when it is no stream.
func streamHead(rest []byte) []byte {
	si := bytes.Index(rest, []byte(">>\nstream\n"))
	if si < 0 {
		return rest
	}
	lm := lengthRE.FindSubmatch(rest[:si])
	if lm == nil {
		return rest
	}
	n, _ := strconv.Atoi(string(lm[1]))
	end := si + len(">>\nstream\n") + n
	if end+len("\nendstream") > len(rest) {
		return rest
	}
	return rest[:end+len("\nendstream")]
}

// objStream splits object stream number n (found through rows) into its objects.
func objStream(b, rows []byte, n int) ([][]byte, error) {
	if 7*n+7 > len(rows) || rows[7*n] != 1 {
		return nil, fmt.Errorf("pdf: object stream %d is not in the table", n)
	}
	body, err := objectAt(b, int(binary.BigEndian.Uint32(rows[7*n+1:])))
	if err != nil {
		return nil, err
	}
	dict, raw, ok := streamParts(body)
	nm, fm := objNRE.FindSubmatch(dict), firstRE.FindSubmatch(dict)
	if !ok || nm == nil || fm == nil {
		return nil, fmt.Errorf("pdf: object %d is not an object stream", n)
	}
	data, err := inflate(raw)
	if err != nil {
		return nil, fmt.Errorf("pdf: object stream %d: %w", n, err)
	}
	count, _ := strconv.Atoi(string(nm[1]))
	first, _ := strconv.Atoi(string(fm[1]))
	if first > len(data) {
		return nil, fmt.Errorf("pdf: object stream %d: bad /First", n)
	}
	nums := bytes.Fields(data[:first])
	if len(nums) != 2*count {
		return nil, fmt.Errorf("pdf: object stream %d: bad object table", n)
	}
	out := make([][]byte, count)
	for i := range count {
		from, _ := strconv.Atoi(string(nums[2*i+1]))
		to := len(data) - first
		if i+1 < count {
			to, _ = strconv.Atoi(string(nums[2*i+3]))
		}
		if from < 0 || from > to || first+to > len(data) {
			return nil, fmt.Errorf("pdf: object stream %d: bad offsets", n)
		}
		out[i] = bytes.TrimSpace(data[first+from : first+to])
	}
	return out, nil
}

// inflate decompresses zlib data.
func inflate(z []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
