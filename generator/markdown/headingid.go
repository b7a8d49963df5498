package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Slug returns the anchor GitHub gives a heading whose text is text: lower-cased, with
// every character removed that is not a letter, mark, decimal or letter number,
// connector punctuation (such as _), hyphen or space, and each space turned into a
// hyphen. Emoji and other symbols are dropped, but a variation selector after an emoji
// is a mark and stays, as it does on GitHub; leading and repeated hyphens stay too.
// This is the algorithm of github-slugger, which reproduces GitHub's.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-':
			b.WriteByte('-')
		case r == 'İ': // full lower-case mapping, as JavaScript and Ruby do
			b.WriteString("i\u0307")
		case keptInSlug(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// keptInSlug reports whether GitHub keeps r in an anchor.
func keptInSlug(r rune) bool {
	if unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc) {
		return true
	}
	// Some symbols are alphabetic (circled letters, for example) and GitHub keeps them.
	return unicode.Is(unicode.Other_Alphabetic, r) || unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// WithoutVariationSelectors returns id without the variation selectors U+FE00–U+FE0F
// that emoji leave in GitHub's anchors, so a link written without the invisible
// character still finds its heading.
func WithoutVariationSelectors(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFE00 && r <= 0xFE0F {
			return -1
		}
		return r
	}, id)
}

// slugger hands out GitHub's anchors for the headings of one document, in order: a
// repeated anchor gets -1, -2, … as github-slugger numbers them.
type slugger struct{ seen map[string]int }

func (s *slugger) slug(text string) string {
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	base := Slug(text)
	id := base
	for {
		if _, taken := s.seen[id]; !taken {
			break
		}
		s.seen[base]++
		id = base + "-" + strconv.Itoa(s.seen[base])
	}
	s.seen[id] = 0
	return id
}

// attrAliases is the heading attribute holding the other anchors that lead to it,
// space-separated. Renderers write only "id"; Outline reads this one.
const attrAliases = "ismsgen-aliases"

// attrTextSlug holds, on a heading with a custom ID, the anchor its text alone would
// have: not an anchor (GitHub never makes it), only the material of a hint.
const attrTextSlug = "ismsgen-text-slug"

// headingIDs gives every heading the anchor GitHub gives it. A heading with a custom
// ID ({#id}, goldmark's attribute syntax) keeps it, and the anchor GitHub makes of the
// heading's whole line (where "{#id}" is plain text) leads to it too.
type headingIDs struct{}

// Transform implements parser.ASTTransformer.
func (headingIDs) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var s slugger
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		text := githubText(h, src)
		var aliases []string
		if custom, ok := h.AttributeString("id"); ok {
			if b, ok := custom.([]byte); ok && len(b) > 0 {
				aliases = append(aliases, s.slug(text+restOfLine(h, src)))
				h.SetAttribute([]byte(attrTextSlug), []byte(Slug(text)))
				setAliases(h, string(b), aliases)
				return ast.WalkSkipChildren, nil
			}
		}
		id := s.slug(text)
		h.SetAttribute([]byte("id"), []byte(id))
		setAliases(h, id, aliases)
		return ast.WalkSkipChildren, nil
	})
}

// setAliases records the other anchors of a heading: those given, and the ID without
// variation selectors.
func setAliases(h *ast.Heading, id string, aliases []string) {
	if plain := WithoutVariationSelectors(id); plain != id {
		aliases = append(aliases, plain)
	}
	if len(aliases) > 0 {
		h.SetAttribute([]byte(attrAliases), []byte(strings.Join(aliases, " ")))
	}
}

// restOfLine is what follows a heading's text on its line: the {#id} attribute goldmark
// took out of the text, as GitHub sees it.
func restOfLine(h *ast.Heading, src []byte) string {
	if h.Lines().Len() == 0 {
		return ""
	}
	stop := h.Lines().At(h.Lines().Len() - 1).Stop
	end := bytes.IndexByte(src[stop:], '\n')
	if end < 0 {
		end = len(src) - stop
	}
	return strings.TrimRight(string(src[stop:stop+end]), " \t\r")
}

// githubText is a heading's text as GitHub's HTML has it: text and code, without markup,
// images or raw HTML tags, and [[ID]] references as written (GitHub does not know them).
func githubText(h *ast.Heading, src []byte) string {
	return PlainText(h, src, TextOptions{HardBreaks: true, AutoLinks: true, SkipImages: true, IgnoreHTML: true,
		Ref: func(r *Ref) string {
			if r.Label != "" {
				return "[[" + r.ID + "|" + r.Label + "]]"
			}
			return "[[" + r.ID + "]]"
		}})
}

// HeadingAnchors returns every anchor that leads to h: its ID first, then its aliases.
func HeadingAnchors(h *ast.Heading) []string {
	var out []string
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			out = append(out, string(b))
		}
	}
	if v, ok := h.AttributeString(attrAliases); ok {
		if b, ok := v.([]byte); ok {
			out = append(out, strings.Fields(string(b))...)
		}
	}
	return out
}

// CustomIDFor returns the custom ID of the heading whose text alone GitHub would slug to
// frag, or "": the hint for a link written before the heading got its {#id}.
func CustomIDFor(doc ast.Node, frag string) string {
	found := ""
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering || found != "" {
			return ast.WalkContinue, nil
		}
		if v, ok := h.AttributeString(attrTextSlug); ok {
			if b, ok := v.([]byte); ok && string(b) == frag {
				found = HeadingAnchors(h)[0]
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return found
}
