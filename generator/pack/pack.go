// Package pack owns the PDF audit packs: it plans which documents and generated
// artefacts (Statement of Applicability, risk register, treatment plan, evidence index,
// clause coverage matrix) go into a pack, and renders them into one reproducible PDF
// with a cover, a document register, a table of contents with page numbers, a nested
// outline and internal links, using only the resolved graph (never the file system).
//
// PlanPack turns a model.PackConfig into a Plan; Render turns a Plan into PDF bytes.
// Rendering walks each document's goldmark AST directly, lays text out itself (so that
// tables, code blocks and long words never overflow the page) and draws through package
// layout, the typesetting engine (codeberg.org/go-pdf/fpdf, the embedded Go fonts with
// fallback fonts per run of characters); package pdf then rewrites fpdf's file with the
// fonts' subsets (layout.Fonts.Embed), the attachments and the PDF/A-3b structure
// (embed.go). The table of contents is laid out
// before anything else (its entries are known from the plan and the ASTs), its pages
// are reserved, and it is filled in with page numbers once every document is drawn.
package pack
