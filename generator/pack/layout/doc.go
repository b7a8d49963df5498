// Package layout typesets documents into PDF pages: the general engine under the
// audit packs, which knows text, fonts and images but nothing of an ISMS.
//
// A Doc (New) is the state of one document: the fpdf writer, the Fonts (the Go fonts,
// the organisation's and the symbol and emoji fallbacks, chosen per run of characters),
// the layout cursor (Y, Indent, the page geometry), the block state (TextColor, Align,
// list Markers, quote Bars) and caches (images, code lexers, the pending table grid).
// On it, Lines breaks Spans into Lines that never pass the margin and Para and Emit flow
// them across pages; DrawTable draws a Table (wrapped cells, repeated headers, rows
// split only when taller than a page); DrawFigure, Code, Quoted, Rule, RunningHeader,
// RunningFooter and Bookmark draw the rest. Contents is a table of contents and outline
// whose pages are reserved before the content (Reserve), its entries reached as their
// destinations are drawn (Doc.Reach) and their page numbers filled in last (Fill).
// Anchors hands out link destinations by any comparable key. Output ends the document:
// it writes the file, lets go of fpdf, and reads the file back as a pdf.File with each
// face replaced by its own subset (Fonts.Embed, which finds fpdf's font objects through
// the page tree), for the caller to finish.
//
// Subpackage inline turns the inline content of a Markdown tree into Spans (emphasis,
// code spans, line breaks, autolinks, inline raw HTML), asking its caller's Hooks where
// links lead.
//
// Package pack plans a pack and lays out its ISMS sections (cover, register, contents,
// registers, the Markdown of documents) through layout, so another output format can
// reuse pack's plan without it. Imports only go forward: layout imports pdf and
// pdf/font, inline layout, goldmark and markdown; neither imports pack or resolve.
package layout
