package pack

import (
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// layFigure sizes an image: at 96 dpi, scaled down to the text width and the page
// height (less the caption). Its Image is nil when the image cannot be shown.
func (r *renderer) layFigure(d *docCtx, n *ast.Image) layout.Figure {
	return r.figureOf(d, string(n.Destination), plainText(n, d.src), 0, 0)
}

// figureOf sizes the image at dest; wantW and wantH (millimetres, 0 for none) are the
// size its author asked for, as an HTML <img width height> does.
func (r *renderer) figureOf(d *docCtx, dest, alt string, wantW, wantH float64) layout.Figure {
	return r.doc.SizeFigure(r.doc.LoadImage(imagePath(r.g.Site, d.doc, dest), r.g.Site.Files), alt, wantW, wantH)
}

// image draws a figure and its alt text as a caption. An image that cannot be shown
// (external, SVG, broken) is named in the text instead.
func (r *renderer) image(d *docCtx, n *ast.Image) {
	r.doc.DrawFigure(r.layFigure(d, n), string(n.Destination))
}
