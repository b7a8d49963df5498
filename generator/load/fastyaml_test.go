package load

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/synth"
	"go.yaml.in/yaml/v3"
)

// sameAsYAMLv3 fails the test when fastYAML accepts src and its tree is not yaml.v3's
// (or yaml.v3 rejects src). It reports whether fastYAML accepted src.
func sameAsYAMLv3(t *testing.T, name string, src []byte) bool {
	t.Helper()
	got, ok := fastYAML(src)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		t.Errorf("%s: fastYAML accepts what yaml.v3 rejects (%v):\n%s", name, err, src)
		return true
	}
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("%s: fastYAML's tree differs from yaml.v3's:\n%s\n%s", name, src, nodeDiff(got, &want, "doc"))
	}
	return true
}

// nodeDiff describes the first node where two trees differ.
func nodeDiff(got, want *yaml.Node, at string) string {
	g, w := *got, *want
	g.Content, w.Content = nil, nil
	if !reflect.DeepEqual(g, w) || len(got.Content) != len(want.Content) {
		return fmt.Sprintf("at %s:\n got %+v (%d children)\nwant %+v (%d children)", at, g, len(got.Content), w, len(want.Content))
	}
	for i := range got.Content {
		if d := nodeDiff(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// frontMatters returns the front matter of every Markdown file under dir.
func frontMatters(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if front, _, _, ok := splitFrontMatter(b); ok {
			out[p] = front
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The fast parser gives yaml.v3's tree for the front matter of the example and of the
// synthetic corpus, and it accepts most of it (or it would save nothing). (The
// fixtures' history entries are flow mappings, which it leaves to yaml.v3.)
func TestFastYAMLOnRealFrontMatter(t *testing.T) {
	syn := t.TempDir()
	if err := synth.GenerateOptions(syn, synth.Options{Docs: 300}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir     string
		atLeast float64 // the share fastYAML must accept
	}{
		{filepath.Join("..", "..", "content"), 0.9},
		{syn, 1},
	} {
		fms := frontMatters(t, c.dir)
		accepted := 0
		for name, src := range fms {
			if sameAsYAMLv3(t, name, src) {
				accepted++
			}
		}
		if len(fms) == 0 || float64(accepted) < c.atLeast*float64(len(fms)) {
			t.Errorf("%s: fastYAML accepts %d of %d front matters, want at least %.0f%%", c.dir, accepted, len(fms), 100*c.atLeast)
		}
	}
}

// trickyScalars are values that yaml.v3 reads as other types than strings, or that
// are not plain scalars at all, or that need quoting.
var trickyScalars = []string{
	"policy", "Logging and monitoring policy 271", "1.2", "1.0", "01", "007", "0x1F", "0o17", "0b101", "1_000",
	"1e3", "1E-3", ".5", "+.5", "0.", "1.", "1e", "-1", "+1", "-", "- x", "a - b", "a -b", "true", "True", "TRUE",
	"tRUE", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "Null", "NULL", "", ".inf", "-.inf", ".NaN",
	"2026-02-19", "2026-2-1", "2026-02-19T10:00:00Z", "2026-02-19 10:00:00", "2026-13-45", "12m", "A.5.31",
	"a: b", "a:b", "a:", ":a", "http://example.com/a?b=c&d", "it's", "C++ & <Ops>", "ÄÖÜ größe", "日本語",
	"emoji 😀", "x,y", "[x]", "x]", "{a}", "a}", "?x", "!x", "!!str x", "&a", "*a", "|", ">", "%x", "@x", "`x`",
	"'q'", "\"d\"", "''", "\"\"", "'it''s'", "a  b", "<<", "=", "1:30", "…", "a\u00a0b", "\u2028", "x\x7f",
	"tab\there", "é", "ISMS Manager", "CEO", "internal", "  lead", "trail  ",
}

// quoted writes s as a plain, single- or double-quoted scalar.
func quoted(r *rand.Rand, s string) string {
	switch r.IntN(4) {
	case 0:
		return "'" + s + "'"
	case 1:
		return `"` + s + `"`
	}
	return s
}

// genFrontMatter writes a random front matter of the kinds of structure authors use.
func genFrontMatter(r *rand.Rand) string {
	var b strings.Builder
	step := []int{2, 2, 4, 1}[r.IntN(4)]
	colon := func() string { return ":" + strings.Repeat(" ", 1+r.IntN(2)*r.IntN(2)) }
	scal := func() string { return quoted(r, trickyScalars[r.IntN(len(trickyScalars))]) }
	keys := []string{"id", "title", "type", "version", "status", "owner", "approved", "review_cycle", "x-y", "a.b", "1", "true", "k2"}
	var mapping func(indent int, depth int, firstInline bool)
	mapping = func(indent, depth int, firstInline bool) {
		n := 1 + r.IntN(5)
		for i := range n {
			if i > 0 || !firstInline {
				b.WriteString(strings.Repeat(" ", indent))
			}
			b.WriteString(keys[r.IntN(len(keys))])
			switch k := r.IntN(10); {
			case k < 5 || depth > 2:
				b.WriteString(colon() + scal() + "\n")
			case k < 7:
				b.WriteString(colon() + "[")
				for j := range r.IntN(4) {
					if j > 0 {
						b.WriteString([]string{",", ", ", " , "}[r.IntN(3)])
					}
					b.WriteString(scal())
				}
				b.WriteString("]\n")
			case k < 9:
				b.WriteString(":\n")
				in := indent + step*r.IntN(2)
				for range 1 + r.IntN(3) {
					b.WriteString(strings.Repeat(" ", in) + "-" + strings.Repeat(" ", 1+r.IntN(2)))
					if r.IntN(2) == 0 {
						b.WriteString(scal() + "\n")
					} else {
						mapping(b.Len()-strings.LastIndexByte(b.String(), '\n')-1, depth+1, true)
					}
				}
			default:
				b.WriteString(":\n")
				mapping(indent+step, depth+1, false)
			}
			if r.IntN(8) == 0 {
				b.WriteString("\n")
			}
		}
	}
	mapping(0, 0, false)
	return b.String()
}

// mutate changes a few bytes of s.
func mutate(r *rand.Rand, s string) string {
	const alphabet = " :-[],'\"\n#\tx1.é{}&*!|>?"
	b := []rune(s)
	for range 1 + r.IntN(3) {
		if len(b) == 0 {
			break
		}
		i := r.IntN(len(b))
		c := []rune(alphabet)[r.IntN(len([]rune(alphabet)))]
		switch r.IntN(3) {
		case 0:
			b[i] = c
		case 1:
			b = append(b[:i], append([]rune{c}, b[i:]...)...)
		default:
			b = append(b[:i], b[i+1:]...)
		}
	}
	return string(b)
}

// On thousands of generated front matters, and mutations of them, what fastYAML accepts
// is what yaml.v3 reads, node for node; and it accepts a good share of them.
func TestFastYAMLOnGeneratedFrontMatter(t *testing.T) {
	r := rand.New(rand.NewPCG(27001, 2022))
	accepted, mutants := 0, 0
	const n = 4000
	for i := range n {
		src := genFrontMatter(r)
		if sameAsYAMLv3(t, fmt.Sprintf("generated %d", i), []byte(src)) {
			accepted++
		}
		for j := range 3 {
			if sameAsYAMLv3(t, fmt.Sprintf("mutant %d.%d", i, j), []byte(mutate(r, src))) {
				mutants++
			}
		}
		if t.Failed() {
			return
		}
	}
	if accepted < n/4 || mutants < n/4 {
		t.Errorf("fastYAML accepts %d of %d generated front matters and %d of %d mutants: the test checks too little", accepted, n, mutants, 3*n)
	}
	t.Logf("fastYAML accepted %d of %d generated front matters, %d of %d mutants", accepted, n, mutants, 3*n)
}

// BenchmarkFrontMatterYAML parses a synthetic document's front matter with fastYAML
// and with yaml.v3.
func BenchmarkFrontMatterYAML(b *testing.B) {
	dir := b.TempDir()
	if err := synth.GenerateOptions(dir, synth.Options{Docs: 1}); err != nil {
		b.Fatal(err)
	}
	var src []byte
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && src == nil {
			b, _ := os.ReadFile(p)
			src, _, _, _ = splitFrontMatter(b)
		}
		return err
	})
	if _, ok := fastYAML(src); !ok {
		b.Fatalf("fastYAML does not accept the synthetic front matter:\n%s", src)
	}
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fastYAML(src)
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var n yaml.Node
			if err := yaml.Unmarshal(src, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzFastYAML: whatever fastYAML accepts, yaml.v3 reads to the same tree.
func FuzzFastYAML(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		f.Add([]byte(genFrontMatter(r)))
	}
	f.Add([]byte("id: POL-1\ntitle: A policy\nversion: \"1.0\"\napproved: 2026-01-10\ncontrols: [A.5.1, A.8.2]\nhistory:\n  - version: \"1.0\"\n    date: 2026-01-10\n    change: First issue.\ntags:\n- a\n- b\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsYAMLv3(t, "fuzz input", src)
	})
}
