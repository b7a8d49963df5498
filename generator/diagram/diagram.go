package diagram

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// Language is the info string of a diagram's fenced code block.
const Language = "mermaid"

// CacheDir is where ismsgen diagrams writes the rendered PNGs, relative to the site root.
// It is meant to be committed: packs built elsewhere (CI) need the images.
const CacheDir = ".ismsgen/diagrams"

// Diagram is one Mermaid block of a document.
type Diagram struct {
	N      int    // 1-based number of the diagram within its document
	Source string // the block's text, each line ending in "\n" (CRLF read as LF)
	Pos    diag.Pos
	Block  *ast.FencedCodeBlock
}

// Is reports whether a fenced code block is a Mermaid diagram.
func Is(n *ast.FencedCodeBlock, src []byte) bool {
	return strings.EqualFold(markdown.CodeLanguage(n, src), Language)
}

// Find returns the diagrams of a document, in document order.
func Find(d *model.Document) []Diagram {
	if d == nil || d.Generated || !containsFold(d.Body, Language) {
		return nil // no block can name the language: no need to walk the AST
	}
	body := d.AST
	if body == nil { // dropped after load (load.NewOneShot): Block is then the new parse's
		body = markdown.NewParser().Parse(d.Body)
	}
	var out []Diagram
	ast.Walk(body, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		f, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if Is(f, d.Body) {
			out = append(out, Diagram{N: len(out) + 1, Source: Source(f, d.Body), Pos: d.PosAt(fenceOffset(f, d.Body)), Block: f})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// containsFold reports whether b contains the ASCII word w in any case.
func containsFold(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		if c := b[i] | 0x20; c == w[0] && bytes.EqualFold(b[i:i+len(w)], []byte(w)) {
			return true
		}
	}
	return false
}

// Source returns the text of a code block, with CRLF line ends read as LF (so that a
// checkout with Windows line ends gives the same hash).
func Source(n ast.Node, src []byte) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return strings.ReplaceAll(b.String(), "\r\n", "\n")
}

// fenceOffset is the offset of the first fence character of a block, found from its info
// string on the same line.
func fenceOffset(f *ast.FencedCodeBlock, src []byte) int {
	off := f.Info.Segment.Start
	for off > 0 && (src[off-1] == ' ' || src[off-1] == '\t') {
		off--
	}
	for off > 0 && (src[off-1] == '`' || src[off-1] == '~') {
		off--
	}
	return off
}

// Hash is the hex SHA-256 of the diagram's source: the name of its cached image.
func (d Diagram) Hash() string {
	sum := sha256.Sum256([]byte(d.Source))
	return hex.EncodeToString(sum[:])
}

// CachePath is the site path of the cached image of a diagram source hash.
func CachePath(hash string) string { return CacheDir + "/" + hash + ".png" }

// IsCacheName reports whether a file name in CacheDir is a cached image: 64 lower-case
// hex digits and ".png".
func IsCacheName(name string) bool {
	h, ok := strings.CutSuffix(name, ".png")
	if !ok || len(h) != sha256.Size*2 {
		return false
	}
	for _, c := range h {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// BesidePath is the site path of the image an author puts beside a document for its
// n-th diagram: content/policies/access.md → content/policies/access.diagram-1.png.
func BesidePath(docPath string, n int) string {
	return fmt.Sprintf("%s.diagram-%d.png", strings.TrimSuffix(docPath, path.Ext(docPath)), n)
}

// Anchor is the HTML id of a document's n-th diagram on its page (theme IDs contain "_",
// heading IDs never do).
func Anchor(n int) string { return fmt.Sprintf("diagram_%d", n) }

// Title returns the diagram's title: the title: of its front matter, else a title
// statement (title Pets, or pie title Pets on the first line), else its accTitle:; ""
// when it has none.
func (d Diagram) Title() string { return Title(d.Source) }

// Label is the title, else "Diagram n".
func (d Diagram) Label() string {
	if t := d.Title(); t != "" {
		return t
	}
	return fmt.Sprintf("Diagram %d", d.N)
}

// Title returns the title of Mermaid source (see Diagram.Title).
func Title(src string) string {
	lines := strings.Split(src, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i < len(lines) && strings.TrimSpace(lines[i]) == "---" {
		for j := i + 1; j < len(lines); j++ {
			l := lines[j]
			if strings.TrimSpace(l) == "---" {
				i = j + 1
				break
			}
			if v, ok := strings.CutPrefix(l, "title:"); ok && unquote(v) != "" {
				return unquote(v)
			}
		}
	}
	acc, first := "", true
	for _, l := range lines[min(i, len(lines)):] {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "%%") {
			continue
		}
		fields := strings.Fields(t)
		switch {
		case first && len(fields) > 2 && fields[1] == "title":
			return unquote(strings.TrimSpace(t[strings.Index(t, "title")+len("title"):]))
		case fields[0] == "title" && len(fields) > 1:
			return unquote(strings.TrimSpace(t[len("title"):]))
		case acc == "" && strings.HasPrefix(t, "accTitle:"):
			acc = unquote(strings.TrimPrefix(t, "accTitle:"))
		}
		first = false
	}
	return acc
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// Declared returns the file a "%% image: FILE" comment of the diagram names, as written,
// and where the comment is: its position in the document. file is "" when there is none.
func (d Diagram) Declared() (file string, at diag.Pos) {
	for i, l := range strings.Split(d.Source, "\n") {
		t := strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(t, "%%"); ok {
			if v, ok := strings.CutPrefix(strings.TrimSpace(rest), "image:"); ok {
				at = d.Pos
				at.Line += i + 1
				at.Col += utf8.RuneCountInString(l[:strings.Index(l, "%%")])
				return strings.TrimSpace(v), at
			}
		}
	}
	return "", diag.Pos{}
}
