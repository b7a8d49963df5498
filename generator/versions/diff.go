package versions

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/site"
)

// Diff limits. Myers' algorithm costs O((N+M)·D) time and, keeping one diagonal array
// per edit for the backtrack, O(D²) memory, where D is the number of word edits: past
// maxEdits the changed middle of the two texts (after their common start and end) is
// shown as one deletion and one insertion, which is still correct, only coarser.
const (
	maxEdits = 1000
	// contextWords are kept on each side of a change; longer unchanged runs collapse to
	// a gap.
	contextWords = 5
)

// edit is one word of a diff: '=' kept, '-' deleted, '+' inserted.
type edit struct {
	op   byte
	word string
}

// WordDiff returns the word-level diff of two texts (words split at white space),
// with unchanged runs collapsed to contextWords words around each change. It returns
// nil when the texts have the same words.
func WordDiff(oldText, newText string) []site.Segment {
	return segments(diffWords(strings.Fields(oldText), strings.Fields(newText)), contextWords)
}

// diffWords returns the shortest edit script from a to b, or a coarser one past
// maxEdits.
func diffWords(a, b []string) []edit {
	// The common start and end never need the search; trimming them keeps D and the
	// arrays small for the usual small change to a long document.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []edit
	for _, w := range a[:pre] {
		out = append(out, edit{'=', w})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	mid, ok := myers(ma, mb, maxEdits)
	if !ok {
		mid = mid[:0]
		for _, w := range ma {
			mid = append(mid, edit{'-', w})
		}
		for _, w := range mb {
			mid = append(mid, edit{'+', w})
		}
	}
	out = append(out, mid...)
	for _, w := range a[len(a)-suf:] {
		out = append(out, edit{'=', w})
	}
	return out
}

// myers is Myers' O(ND) diff ("An O(ND) Difference Algorithm and Its Variations",
// 1986). It gives up (ok false) when more than maxD edits are needed.
func myers(a, b []string, maxD int) (script []edit, ok bool) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	// trace[d] holds v[-d..d] as it was before step d: what the backtrack of step d
	// needs.
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: insert b[y]
			} else {
				x = v[off+k-1] + 1 // right: delete a[x]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d), true
			}
		}
	}
	return nil, false
}

// backtrack walks the trace from (n, m) back to (0, 0) and returns the script in order.
func backtrack(a, b []string, trace [][]int, d int) []edit {
	var rev []edit
	x, y := len(a), len(b)
	for ; d > 0; d-- {
		prev := trace[d] // v[-d..d] before step d; index k+d
		k := x - y
		var pk int
		if k == -d || (k != d && prev[k-1+d] < prev[k+1+d]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := prev[pk+d]
		py := px - pk
		for x > px && y > py {
			rev = append(rev, edit{'=', a[x-1]})
			x, y = x-1, y-1
		}
		if x == px {
			rev = append(rev, edit{'+', b[y-1]})
		} else {
			rev = append(rev, edit{'-', a[x-1]})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, edit{'=', a[x-1]})
		x, y = x-1, y-1
	}
	out := make([]edit, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// segments groups a script into runs: within each changed stretch all deleted words
// come first, then all inserted ones, so a reworded phrase reads as one deletion and one
// insertion; unchanged runs keep ctx words next to each change and collapse the rest
// into a gap.
func segments(script []edit, ctx int) []site.Segment {
	changed := false
	for _, e := range script {
		if e.op != '=' {
			changed = true
			break
		}
	}
	if !changed {
		return nil
	}
	var out []site.Segment
	for i := 0; i < len(script); {
		j := i
		if script[i].op == '=' {
			for j < len(script) && script[j].op == '=' {
				j++
			}
			out = append(out, collapse(words(script[i:j]), i == 0, j == len(script), ctx)...)
			i = j
			continue
		}
		var del, ins []string
		for j < len(script) && script[j].op != '=' {
			if script[j].op == '-' {
				del = append(del, script[j].word)
			} else {
				ins = append(ins, script[j].word)
			}
			j++
		}
		if len(del) > 0 {
			out = append(out, site.Segment{Op: "del", Text: strings.Join(del, " ")})
		}
		if len(ins) > 0 {
			out = append(out, site.Segment{Op: "ins", Text: strings.Join(ins, " ")})
		}
		i = j
	}
	return out
}

func words(es []edit) []string {
	w := make([]string, len(es))
	for i, e := range es {
		w[i] = e.word
	}
	return w
}

// collapse shortens an unchanged run: the first run keeps only its last ctx words, the
// last run its first ctx words, a run between changes ctx words on each side.
func collapse(w []string, first, last bool, ctx int) []site.Segment {
	eq := func(w []string) site.Segment { return site.Segment{Op: "eq", Text: strings.Join(w, " ")} }
	gap := site.Segment{Op: "gap"}
	switch {
	case first && last:
		return nil // unreachable: a script with a change has a changed run
	case first:
		if len(w) <= ctx {
			return []site.Segment{eq(w)}
		}
		return []site.Segment{gap, eq(w[len(w)-ctx:])}
	case last:
		if len(w) <= ctx {
			return []site.Segment{eq(w)}
		}
		return []site.Segment{eq(w[:ctx]), gap}
	}
	if len(w) <= 2*ctx+1 {
		return []site.Segment{eq(w)}
	}
	return []site.Segment{eq(w[:ctx]), gap, eq(w[len(w)-ctx:])}
}
