// Package font reads TrueType fonts, tells which characters each can draw and how wide
// they are, and embeds in a PDF the subset of each font that a document uses: a CID
// font per face (one-byte codes through an embedded CMap when the face draws at most
// 255 characters, else Identity-H), with only the glyphs drawn, a subset name
// (ABCDEF+Name), widths, and a ToUnicode map that gives every character back to text extraction,
// characters outside the Basic Multilingual Plane (emoji) included.
//
// It also carries the fallback fonts every pack may need (Noto Sans Symbols 2 and the
// monochrome Noto Emoji, both under the SIL Open Font License, in fallback/).
package font
