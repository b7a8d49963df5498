package load

import (
	"bytes"
	"crypto/sha256"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// parseDocument splits a Markdown file into front matter and body, decodes the front
// matter strictly and parses the body. A file without front matter is an uncontrolled
// page: its title is its first heading's, else its file name's (rel is the path
// relative to the content directory). It returns a nil document when the file cannot
// be used at all. With dropAST, the document keeps what later stages read of its body
// (see finishBody), not its AST.
func parseDocument(md *markdown.Parser, path, rel string, src []byte, dropAST bool) (*model.Document, diag.List) {
	var errs diag.List
	file := diag.Pos{Path: path}
	if pos, ok := invalidUTF8(path, src); !ok {
		errs.Add(pos, "file is not valid UTF-8 text")
		return nil, errs
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	front, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		switch {
		case len(bytes.TrimSpace(src)) == 0:
			errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "empty document: write a # heading and some text, or front matter between --- lines (at least a title)")
			return nil, errs
		case isFrontMatterOpening(src):
			errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "front matter opened here is never closed: add a line with --- after it")
			return nil, errs
		}
		// No front matter: the whole file is the body of an uncontrolled page.
		doc := &model.Document{Path: path, Rel: rel, NoFrontMatter: true, Pos: file, Body: src, BodyLine: 1, Lines: lineStarts(src)}
		doc.Meta.Pos = diag.Pos{Path: path, Line: 1, Col: 1}
		doc.Meta.Type = model.TypePage
		body := md.Parse(doc.Body)
		if doc.Meta.Title = markdown.Title(body, doc.Body); doc.Meta.Title == "" {
			doc.Meta.Title = readableName(rel)
		}
		finishBody(doc, body, dropAST)
		return doc, errs
	}
	doc := &model.Document{Path: path, Rel: rel, Pos: file, Body: body, BodyLine: bodyLine, Lines: lineStarts(body)}
	dec := yamlDecoder{path: path, lineOffset: 1, errs: &errs}
	if n := parseYAML(path, front, 1, &errs); n != nil {
		dec.decode(n, reflect.ValueOf(&doc.Meta).Elem())
	}
	if doc.Meta.Pos.Path == "" {
		doc.Meta.Pos = diag.Pos{Path: path, Line: 1, Col: 1}
	}
	m := &doc.Meta
	if m.Title == "" && len(errs) == 0 {
		errs.Add(m.Pos, "missing title")
	}
	if m.ID != "" && m.Type == "" {
		errs.Add(m.Pos, "document %s has no type: set type to one of policy, procedure, manual, plan, standard, register, record, page", m.ID)
	}
	if m.Type == "" {
		m.Type = model.TypePage
	}
	if m.Controlled() && m.Status == "" {
		errs.Add(m.Pos, "document %s has no status: set status to draft, review, approved or retired", m.ID)
	}
	finishBody(doc, md.Parse(doc.Body), dropAST)
	return doc, errs
}

// finishBody collects from a document's parsed body what later stages need of it: its
// references, anchors, custom heading IDs and TODO markers. With dropAST the document
// does not keep the AST and its Refs are stand-ins (markdown.StandIns): resolve, check
// and pack planning read only these, and the renderers parse the body again.
func finishBody(doc *model.Document, body ast.Node, dropAST bool) {
	doc.AST = body
	doc.Refs, doc.Anchors = markdown.Outline(body)
	doc.CustomIDs = markdown.CustomIDs(body)
	doc.Todos = markdown.Todos(body, doc.Body)
	doc.BodySum = sha256.Sum256(doc.Body)
	if dropAST {
		doc.AST, doc.Refs = nil, markdown.StandIns(doc.Refs, doc.Body)
	}
}

// isFrontMatterOpening reports whether a file starts with a line of --- alone: front
// matter opened (a file whose front matter is never closed is an error, not a page).
func isFrontMatterOpening(src []byte) bool {
	first, _, _ := bytes.Cut(src, []byte("\n"))
	return string(bytes.TrimRight(first, " \t\r")) == "---"
}

// splitFrontMatter returns the YAML between the opening and closing --- lines, the body
// after it, and the 1-based line of the file where the body starts.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, 0, false
	}
	line := 2
	off := len(first) + 1
	for off <= len(src) {
		l, _, more := bytes.Cut(src[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			front = src[len(first)+1 : off]
			end := off + len(l)
			if more {
				end++
			}
			return front, src[end:], line + 1, true
		}
		if !more {
			break
		}
		off += len(l) + 1
		line++
	}
	_ = rest
	return nil, nil, 0, false
}

// lineStarts returns the byte offset of each line's start.
func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// invalidUTF8 reports the position of the first byte that is not valid UTF-8.
func invalidUTF8(path string, b []byte) (diag.Pos, bool) {
	if utf8.Valid(b) {
		return diag.Pos{}, true
	}
	line, col := 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Pos{Path: path, Line: line, Col: col}, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return diag.Pos{Path: path, Line: line, Col: col}, false
}

// ParseDocument parses one document file (slash path relative to the site root) exactly
// as Load does: front matter, body and AST. It is for rendering a document without a
// site on disk, as the renderers' fuzz tests do; Load is the way to read a site.
func (l *Loader) ParseDocument(path string, src []byte) (*model.Document, diag.List) {
	return parseDocument(l.md, path, strings.TrimPrefix(path, "content/"), src, l.dropASTs)
}
