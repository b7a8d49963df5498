package pack

import (
	"encoding/binary"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// Mermaid diagrams in packs. A PDF cannot run Mermaid, and fpdf draws no SVG (its SVG
// support is paths only, no text), so a diagram is the PNG that package diagram finds
// for it (declared, beside the document, or rendered by ismsgen diagrams), drawn like a
// figure with its title as caption and linked to the intranet page. Without one it is a
// framed placeholder naming the diagram and its address on the intranet: never pages of
// Mermaid source. The build warns about each such diagram.

// placeholder padding, in millimetres.
const diagramPad = 2.5

// diagram draws the Mermaid block n of the document d.
func (r *renderer) diagram(d *docCtx, n *ast.FencedCodeBlock) {
	g, ok := r.diagramOf(d.doc, n)
	if !ok {
		return
	}
	url := ""
	if d.it.Entity != nil {
		url = r.intranetURL(d.it.Entity, diagram.Anchor(g.N))
	}
	r.doc.Gap(0.8)
	if img, why, _ := diagram.Lookup(r.g.Site.Files, d.doc, g); why == "" {
		if info := r.doc.LoadImage(img.Path, r.g.Site.Files); info != nil {
			r.diagramImage(info, img.Data, g.Title(), url)
			return
		}
	}
	r.diagramPlaceholder(g.Label(), url)
}

// diagramOf returns the diagram of a block, numbering a document's diagrams once.
func (r *renderer) diagramOf(doc *model.Document, n *ast.FencedCodeBlock) (diagram.Diagram, bool) {
	if r.diagrams == nil {
		r.diagrams = map[*ast.FencedCodeBlock]diagram.Diagram{}
	}
	if _, ok := r.diagrams[n]; !ok {
		for _, g := range diagram.Find(doc) {
			r.diagrams[g.Block] = g
		}
	}
	g, ok := r.diagrams[n]
	return g, ok
}

// diagramImage draws a diagram's PNG at its resolution (96 dpi unless the PNG says, as
// the images of ismsgen diagrams do), shrunk to the text width and the page, with the
// title as caption.
func (r *renderer) diagramImage(info *layout.Image, data []byte, title, url string) {
	dpi := pngDPI(data)
	if dpi <= 0 {
		dpi = layout.ImageDPI
	}
	w, h := info.W*25.4/dpi, info.H*25.4/dpi
	captionH := 0.0
	if title != "" {
		captionH = layout.LineHeight(layout.SizeSmall) + 1
	}
	scale := min(1, r.doc.Width()/w, (r.doc.Bottom()-layout.MarginTop-captionH-1)/h)
	w, h = w*scale, h*scale
	r.doc.Ensure(h + captionH)
	r.doc.Decorate(h)
	r.doc.PDF.ImageOptions(info.Name, r.doc.Left(), r.doc.Y, w, h, false, fpdf.ImageOptions{ImageType: info.Type}, 0, "")
	if url != "" {
		r.doc.PDF.LinkString(r.doc.Left(), r.doc.Y, w, h, url)
	}
	r.doc.Y += h + 1
	if title != "" {
		note := r.doc.Base()
		note.Italic, note.Color, note.Size = true, layout.ColMuted, layout.SizeSmall
		r.doc.Para(layout.Plain(title, note), "L")
	}
	r.doc.Y += layout.GapPara
}

// diagramPlaceholder draws a framed box that names a diagram without an image and says
// where it is drawn.
func (r *renderer) diagramPlaceholder(label, url string) {
	head := r.doc.Base()
	head.Bold = true
	body := r.doc.Base()
	body.Size = layout.SizeSmall + 1
	link := body
	link.Color = layout.ColLink
	spans := []layout.Span{{Text: "Diagram: " + label, Style: head}, {Break: true, Style: head}}
	if url != "" {
		spans = append(spans, layout.Span{Text: "Shown on the intranet: ", Style: body}, layout.Span{Text: url, Style: link, URL: url})
	} else {
		spans = append(spans, layout.Span{Text: "Shown on the intranet page of this document.", Style: body})
	}
	r.doc.Indent += diagramPad
	lines := r.doc.Lines(spans, r.doc.Width()-diagramPad)
	h := layout.LinesHeight(lines) + 2*diagramPad
	r.doc.Indent -= diagramPad
	r.doc.Ensure(h)
	r.doc.Decorate(h)
	x, y, w := r.doc.Left(), r.doc.Y, r.doc.Width()
	r.doc.FillRect(x, y, w, h, layout.ColCodeBg)
	r.doc.Box(x, y, w, h, layout.ColRule, 0.3)
	r.doc.Y += diagramPad
	r.doc.Indent += diagramPad
	for _, ln := range lines {
		r.doc.DrawLine(ln, r.doc.Left(), r.doc.Y)
		r.doc.Y += ln.H
	}
	r.doc.Indent -= diagramPad
	r.doc.Y = y + h + layout.GapPara
}

// diagramSources adds the images of a document's diagrams to a pack's sources.
func diagramSources(files map[string][]byte, d *model.Document, add func(...string)) {
	for _, g := range diagram.Find(d) {
		if img, why, _ := diagram.Lookup(files, d, g); why == "" {
			add(img.Path)
		}
	}
}

// pngDPI returns the horizontal resolution a PNG's pHYs chunk gives, or 0.
func pngDPI(b []byte) float64 {
	const sig = 8
	for i := sig; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		if typ == "IDAT" || n < 0 || i+12+n > len(b) {
			return 0
		}
		if typ == "pHYs" && n == 9 && b[i+8+8] == 1 {
			return float64(binary.BigEndian.Uint32(b[i+8:])) * 0.0254
		}
		i += 12 + n
	}
	return 0
}
