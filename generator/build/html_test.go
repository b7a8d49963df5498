package build_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// node is an element of a parsed HTML page (or a text node, with Name "").
type node struct {
	Name     string
	Attr     map[string]string
	Children []*node
	Text     string
	Parent   *node
}

// parseHTML parses a page with encoding/xml in its HTML mode (void elements closed,
// HTML entities known, mismatched end tags closed), which reads the theme's output.
func parseHTML(t testing.TB, b []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{Name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("parsing HTML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: strings.ToLower(tok.Name.Local), Attr: map[string]string{}, Parent: cur}
			for _, a := range tok.Attr {
				n.Attr[strings.ToLower(a.Name.Local)] = a.Value
			}
			cur.Children = append(cur.Children, n)
			cur = n
		case xml.EndElement:
			if cur.Parent != nil {
				cur = cur.Parent
			}
		case xml.CharData:
			cur.Children = append(cur.Children, &node{Text: string(tok), Parent: cur})
		}
	}
	return root
}

// hasClass reports whether an element has a class.
func (n *node) hasClass(c string) bool {
	for _, x := range strings.Fields(n.Attr["class"]) {
		if x == c {
			return true
		}
	}
	return false
}

// all returns the elements under n (n included) that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(x *node) {
		if x.Name != "" && match(x) {
			out = append(out, x)
		}
		for _, c := range x.Children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// first returns the first element under n that matches, or nil.
func (n *node) first(match func(*node) bool) *node {
	if all := n.all(match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// text returns the text content of n.
func (n *node) text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(x *node) {
		b.WriteString(x.Text)
		for _, c := range x.Children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func tag(name string) func(*node) bool { return func(n *node) bool { return n.Name == name } }

func tagClass(name, class string) func(*node) bool {
	return func(n *node) bool { return n.Name == name && n.hasClass(class) }
}

var footerLabel = regexp.MustCompile(`classification: (\w+)`)

// label returns the classification a built page shows: the badge in its header, which
// must agree with its footer.
func label(t testing.TB, dest, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(page)))
	if err != nil {
		t.Fatalf("reading %s: %v", page, err)
	}
	doc := parseHTML(t, b)
	header := doc.first(tagClass("header", "site-header"))
	if header == nil {
		t.Fatalf("%s has no site header", page)
	}
	badge := header.first(tagClass("span", "classification"))
	if badge == nil {
		t.Fatalf("%s shows no classification in its header", page)
	}
	footer := doc.first(tagClass("footer", "site-footer"))
	if footer == nil {
		t.Fatalf("%s has no site footer", page)
	}
	m := footerLabel.FindStringSubmatch(footer.text())
	if m == nil {
		t.Fatalf("%s shows no classification in its footer: %q", page, footer.text())
	}
	head := strings.ToLower(badge.text())
	if head != m[1] {
		t.Errorf("%s: header says %q, footer says %q", page, head, m[1])
	}
	return head
}
