package pdf

import (
	"bytes"
	"fmt"
	"slices"
)

// An incremental update ends with the same kind of cross-reference section as the file
// it is appended to: a classic xref table after a table, a cross-reference stream (PDF
// 32000-1 7.5.8) after a stream, so that the file never mixes the two.

// UsesXRefStream reports whether d's newest cross-reference section is a stream: its
// trailer is then the stream's dictionary, of /Type /XRef.
func (d *Document) UsesXRefStream() bool {
	return Lookup(d.Trailer, "Type") == Name("XRef")
}

// sortedNums returns the object numbers of offsets in ascending order.
func sortedNums(offsets map[int]XRefEntry) []int {
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	return nums
}

// xrefRuns groups ascending object numbers into runs of consecutive numbers, as the
// subsections of an xref table and the /Index of a cross-reference stream list them.
func xrefRuns(nums []int) [][]int {
	var runs [][]int
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		runs = append(runs, nums[i:j])
		i = j
	}
	return runs
}

// writeXRef writes a classic xref section for the given object offsets, grouping
// consecutive object numbers into one subsection.
func writeXRef(buf *bytes.Buffer, offsets map[int]XRefEntry) {
	buf.WriteString("xref\n")
	for _, run := range xrefRuns(sortedNums(offsets)) {
		fmt.Fprintf(buf, "%d %d\n", run[0], len(run))
		for _, n := range run {
			// Each entry is exactly 20 bytes: the end of line is space + LF.
			fmt.Fprintf(buf, "%010d %05d n \n", offsets[n].Offset, offsets[n].Gen)
		}
	}
}

// writeXRefStream writes, at offset at of the file, the cross-reference stream object
// num listing the given offsets and itself, with trailer's entries in its dictionary
// (whose /Size must already count num). Rows are unfiltered: type 1 (one byte), the
// offset in as few bytes as the largest needs, the generation in two.
func writeXRefStream(buf *bytes.Buffer, num, at int, offsets map[int]XRefEntry, trailer *Dict) error {
	all := map[int]XRefEntry{num: {Offset: at, InUse: true}}
	for n, e := range offsets {
		all[n] = e
	}
	width := 1
	for at>>(8*width) > 0 {
		width++
	}
	var rows []byte
	var index Array
	for _, run := range xrefRuns(sortedNums(all)) {
		index = append(index, run[0], len(run))
		for _, n := range run {
			rows = append(rows, 1)
			for i := width - 1; i >= 0; i-- {
				rows = append(rows, byte(all[n].Offset>>(8*i)))
			}
			rows = append(rows, byte(all[n].Gen>>8), byte(all[n].Gen))
		}
	}
	dict := &Dict{entries: []DictEntry{{"Type", Name("XRef")}}}
	for _, e := range trailer.entries {
		dict.Set(e.Key, e.Val)
	}
	dict.Set("Index", index)
	dict.Set("W", Array{1, width, 2})
	dict.Set("Length", len(rows))
	fmt.Fprintf(buf, "%d 0 obj\n", num)
	if err := WriteObject(buf, dict); err != nil {
		return err
	}
	buf.WriteString("\nstream\n")
	buf.Write(rows)
	buf.WriteString("\nendstream\nendobj\n")
	return nil
}
