// Package markdown owns the one Markdown dialect of ismsgen: CommonMark with GFM tables,
// task lists, strikethrough, footnotes, heading IDs exactly as GitHub makes them (and
// {#custom-id} attributes), raw HTML as trees of allowlisted elements (rawhtml.go), plus
// the [[ID]] cross-reference extension. Load parses every document once with Parser; the site and
// pack renderers walk the resulting AST and never parse again.
package markdown
