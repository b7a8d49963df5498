package export

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
)

// WorkbookKey hashes everything WriteXLSX reads of the table and info, so that a caller
// holding the workbook of an equal key can keep it instead of writing it again (the
// live preview does, as a workbook costs far more than its table).
func (t *Table) WorkbookKey(info SheetInfo) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	str := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	str(info.Organisation)
	str(info.Title)
	str(info.Version)
	str(info.Date.String())
	str(strconv.Itoa(len(t.Columns)))
	for _, c := range t.Columns {
		str(c)
	}
	str(strconv.Itoa(len(t.Rows)))
	for _, row := range t.Rows {
		str(strconv.Itoa(len(row)))
		for _, v := range row {
			// The cell's kind as WriteXLSX tells them apart, then its text.
			switch v := v.(type) {
			case nil:
				str("n")
			case int:
				str("i" + strconv.Itoa(v))
			case string:
				str("s" + v)
			default:
				str("o" + csvCell(v))
			}
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}
