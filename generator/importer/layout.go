package importer

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// blanks remembers which top-level keys and which rows of a data file had a blank line
// before them (yaml.v3 drops blank lines when it writes a file again), so the merged
// file keeps the spacing that separates its sections and rows.
type blanks struct {
	keys     []bool // by index of the top-level key
	rows     map[*yaml.Node]bool
	rowsWant bool // what a new row gets: what most existing rows after the first have
}

// blankBefore reports whether the line before the node (and its head comment) is empty.
func blankBefore(lines []string, n *yaml.Node) bool {
	i := n.Line - 2 - commentLines(n.HeadComment)
	return i >= 0 && i < len(lines) && strings.TrimSpace(lines[i]) == ""
}

func commentLines(c string) int {
	if c == "" {
		return 0
	}
	return strings.Count(c, "\n") + 1
}

// noteBlanks records the blank lines of the file as read.
func noteBlanks(src []byte, top, rows *yaml.Node) *blanks {
	lines := strings.Split(string(src), "\n")
	b := &blanks{rows: map[*yaml.Node]bool{}}
	for i := 0; i+1 < len(top.Content); i += 2 {
		b.keys = append(b.keys, blankBefore(lines, top.Content[i]))
	}
	with := 0
	for i, r := range rows.Content {
		b.rows[r] = blankBefore(lines, r)
		if i > 0 && b.rows[r] {
			with++
		}
	}
	b.rowsWant = len(rows.Content) > 1 && 2*with >= len(rows.Content)-1
	return b
}

// restore puts the blank lines back into the file as written: it reads the output
// again to find where each key and row now starts.
func (b *blanks) restore(out []byte, rows *yaml.Node, key string) []byte {
	var doc yaml.Node
	if yaml.Unmarshal(out, &doc) != nil || len(doc.Content) == 0 {
		return out
	}
	top := doc.Content[0]
	before := map[int]bool{} // 0-based line indexes that get a blank line above them
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i]
		if i/2 < len(b.keys) && b.keys[i/2] {
			before[k.Line-1-commentLines(k.HeadComment)] = true
		}
		if k.Value != key || top.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for j, r := range top.Content[i+1].Content {
			want, known := b.rows[rows.Content[j]]
			if !known {
				want = b.rowsWant
			}
			if want && j > 0 {
				before[r.Line-1-commentLines(r.HeadComment)] = true
			}
		}
	}
	lines := strings.SplitAfter(string(out), "\n")
	var s strings.Builder
	for i, l := range lines {
		if before[i] && i > 0 && strings.TrimSpace(lines[i-1]) != "" {
			s.WriteString("\n")
		}
		s.WriteString(l)
	}
	return []byte(s.String())
}
