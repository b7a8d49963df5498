package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"fmt"
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
