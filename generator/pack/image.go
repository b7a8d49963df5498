package pack

import (
	"bytes"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// imageDPI is the resolution images are assumed to have when they fit the page.
const imageDPI = 96.0

// imageInfo is an image registered with the PDF.
type imageInfo struct {
	name string
	typ  string
	w, h float64 // pixels
}

// figure is an image laid out to fit the text width and the page height.
type figure struct {
	info     *imageInfo
	alt      string
	w, h     float64
	captionH float64
}

// layFigure sizes an image: at 96 dpi, scaled down to the text width and the page
// height (less the caption). info is nil when the image cannot be shown.
func (r *renderer) layFigure(d *docCtx, n *ast.Image) figure {
	return r.figureOf(d, string(n.Destination), plainText(n, d.src), 0, 0)
}

// figureOf sizes the image at dest; wantW and wantH (millimetres, 0 for none) are the
// size its author asked for, as an HTML <img width height> does.
func (r *renderer) figureOf(d *docCtx, dest, alt string, wantW, wantH float64) figure {
	f := figure{alt: alt, info: r.loadImage(imagePath(r.g.Site, d.doc, dest))}
	if f.info == nil {
		return f
	}
	w, h := f.info.w*25.4/imageDPI, f.info.h*25.4/imageDPI
	switch {
	case wantW > 0 && wantH > 0:
		w, h = wantW, wantH
	case wantW > 0:
		w, h = wantW, h*wantW/w
	case wantH > 0:
		w, h = w*wantH/h, wantH
	}
	if f.alt != "" {
		f.captionH = layout.LineHeight(layout.SizeSmall) + 1
	}
	maxH := r.Bottom() - layout.MarginTop - f.captionH - 1
	scale := min(1, r.Width()/w, maxH/h)
	f.w, f.h = w*scale, h*scale
	return f
}

// image draws a figure and its alt text as a caption. An image that cannot be shown
// (external, SVG, broken) is named in the text instead.
func (r *renderer) image(d *docCtx, n *ast.Image) {
	r.drawFigure(r.layFigure(d, n), string(n.Destination))
}

// drawFigure draws a laid-out figure at the current alignment.
func (r *renderer) drawFigure(f figure, dest string) {
	note := r.base()
	note.Italic, note.Color, note.Size = true, layout.ColMuted, layout.SizeSmall
	if f.info == nil {
		label := f.alt
		if label == "" {
			label = "image"
		}
		r.Para(layout.Plain("["+label+": "+dest+" is not shown in the PDF]", note), r.alignment())
		return
	}
	r.Ensure(f.h + f.captionH)
	r.Decorate(f.h)
	x := r.Left()
	switch r.alignment() {
	case "C":
		x += (r.Width() - f.w) / 2
	case "R":
		x += r.Width() - f.w
	}
	r.PDF.ImageOptions(f.info.name, x, r.Y, f.w, f.h, false, fpdf.ImageOptions{ImageType: f.info.typ}, 0, "")
	r.Y += f.h + 1
	if f.alt != "" {
		r.Para(layout.Plain(f.alt, note), r.alignment())
	}
}

// loadImage registers the image at a site path once, or returns nil when it cannot be
// shown. fpdf stops the whole document on an image it cannot parse, so images are
// checked first and PNGs fpdf does not read (interlaced, 16 bits) are re-encoded.
func (r *renderer) loadImage(p string) *imageInfo {
	if info, ok := r.images[p]; ok {
		return info
	}
	r.images[p] = nil
	data, ok := r.g.Site.Files[p]
	if p == "" || !ok {
		return nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return nil
	}
	typ := ""
	switch format {
	case "png":
		typ = "PNG"
		if data, err = layout.PreparePNG(data); err != nil {
			return nil
		}
	case "jpeg":
		typ = "JPG"
	case "gif":
		typ = "GIF"
	default:
		return nil
	}
	r.PDF.RegisterImageOptionsReader(p, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
	if r.PDF.Err() {
		r.PDF.ClearError()
		return nil
	}
	info := &imageInfo{name: p, typ: typ, w: float64(cfg.Width), h: float64(cfg.Height)}
	r.images[p] = info
	return info
}
