package markdown

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// htmlPolicy is the allowlist of raw HTML: what GitHub shows of it and is safe on an
// intranet page and in a PDF. bluemonday decides, tag by tag, which elements and
// attributes survive and whether a URL is safe; which content belongs to which element
// (so that a script's text goes with it) is the tree's business (rawhtml.go).
type htmlPolicy struct {
	bm *bluemonday.Policy
}

func newHTMLPolicy() *htmlPolicy {
	p := bluemonday.NewPolicy()
	align := regexp.MustCompile(`(?i)^(left|center|right|justify)$`)
	count := regexp.MustCompile(`^[0-9]{1,3}$`)
	size := regexp.MustCompile(`^[0-9]{1,4}(px|%)?$`)
	p.AllowElements("p", "div", "br", "hr", "details", "summary", "sub", "sup", "kbd", "span",
		"b", "i", "em", "strong", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
		"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote")
	p.AllowAttrs("align").Matching(align).OnElements("p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("colspan", "rowspan").Matching(count).OnElements("th", "td")
	p.AllowAttrs("start").Matching(count).OnElements("ol")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src", "alt", "title").OnElements("img")
	p.AllowAttrs("width", "height").Matching(size).OnElements("img")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return &htmlPolicy{bm: p}
}

// decide returns what becomes of an element with the start tag tok, and the attributes
// it keeps.
func (p *htmlPolicy) decide(tok html.Token) (HTMLAction, []Attr) {
	if droppedTag(tok.Data) {
		return HTMLDrop, nil
	}
	tok.Type = html.StartTagToken
	z := html.NewTokenizer(strings.NewReader(p.bm.Sanitize(tok.String())))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return HTMLUnwrap, nil
	}
	kept := z.Token()
	if kept.Data != tok.Data {
		return HTMLUnwrap, nil
	}
	attrs := attrsOf(kept.Attr)
	switch tok.Data {
	case "a":
		if _, ok := attrValue(attrs, "href"); !ok {
			return HTMLUnwrap, nil
		}
	case "img":
		if _, ok := attrValue(attrs, "src"); !ok {
			return HTMLUnwrap, nil
		}
	}
	return HTMLKeep, attrs
}

func attrsOf(as []html.Attribute) []Attr {
	if len(as) == 0 {
		return nil
	}
	out := make([]Attr, 0, len(as))
	for _, a := range as {
		if a.Namespace == "" {
			out = append(out, Attr{Key: a.Key, Val: a.Val})
		}
	}
	return out
}

func attrValue(as []Attr, key string) (string, bool) {
	for _, a := range as {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// droppedTag reports whether an element's content goes with it: scripts, styles,
// embedded documents and plug-ins, form controls that hold text, foreign content.
func droppedTag(tag string) bool {
	switch tag {
	case "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
		"noembed", "noframes", "template", "textarea", "select", "title", "head", "svg", "math",
		"plaintext", "xmp":
		return true
	}
	return false
}

// voidTag reports whether an element has no content and no end tag.
func voidTag(tag string) bool {
	switch tag {
	case "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
		"keygen", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

// phrasingTag reports whether an element is inline: it sits in a line of text.
func phrasingTag(tag string) bool {
	switch tag {
	case "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img",
		"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
		"var", "wbr":
		return true
	}
	return false
}

// closesP reports whether a start tag ends an open paragraph, as HTML parsers do.
func closesP(tag string) bool {
	switch tag {
	case "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
		"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p",
		"pre", "section", "table", "ul":
		return true
	}
	return false
}

// impliedEnd reports whether the start tag start ends an open element open, as an HTML
// parser would (an <li> ends the <li> before it).
func impliedEnd(start, open string) bool {
	switch start {
	case "li":
		return open == "li"
	case "dt", "dd":
		return open == "dt" || open == "dd"
	case "tr":
		return open == "tr" || open == "td" || open == "th"
	case "td", "th":
		return open == "td" || open == "th"
	case "thead", "tbody", "tfoot":
		return open == "thead" || open == "tbody" || open == "tfoot" || open == "tr" || open == "td" || open == "th"
	case "option":
		return open == "option"
	}
	return open == "p" && closesP(start)
}
