package layout

import (
	"bytes"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"

	"codeberg.org/go-pdf/fpdf"
)

// ImageDPI is the resolution images are assumed to have when they fit the page.
const ImageDPI = 96.0

// Image is an image registered with the PDF.
type Image struct {
	Name string
	Type string
	W, H float64 // pixels
}

// Figure is an image laid out to fit the text width and the page height.
type Figure struct {
	Image    *Image
	Alt      string
	W, H     float64
	CaptionH float64
}

// DrawFigure draws a laid-out figure at the current alignment.
func (r *Doc) DrawFigure(f Figure, dest string) {
	note := r.Base()
	note.Italic, note.Color, note.Size = true, ColMuted, SizeSmall
	if f.Image == nil {
		label := f.Alt
		if label == "" {
			label = "image"
		}
		r.Para(Plain("["+label+": "+dest+" is not shown in the PDF]", note), r.Alignment())
		return
	}
	r.Ensure(f.H + f.CaptionH)
	r.Decorate(f.H)
	x := r.Left()
	switch r.Alignment() {
	case "C":
		x += (r.Width() - f.W) / 2
	case "R":
		x += r.Width() - f.W
	}
	r.PDF.ImageOptions(f.Image.Name, x, r.Y, f.W, f.H, false, fpdf.ImageOptions{ImageType: f.Image.Type}, 0, "")
	r.Y += f.H + 1
	if f.Alt != "" {
		r.Para(Plain(f.Alt, note), r.Alignment())
	}
}

// LoadImage registers the image at path p of files once, or returns nil when it cannot be
// shown. fpdf stops the whole document on an image it cannot parse, so images are
// checked first and PNGs fpdf does not read (interlaced, 16 bits) are re-encoded.
func (r *Doc) LoadImage(p string, files map[string][]byte) *Image {
	if info, ok := r.images[p]; ok {
		return info
	}
	if r.images == nil {
		r.images = map[string]*Image{}
	}
	r.images[p] = nil
	data, ok := files[p]
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
		if data, err = PreparePNG(data); err != nil {
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
	info := &Image{Name: p, Type: typ, W: float64(cfg.Width), H: float64(cfg.Height)}
	r.images[p] = info
	return info
}

// SizeFigure sizes an image: at ImageDPI, or at the size its author asked for (wantW
// and wantH in millimetres, 0 for none), scaled down to the text width and the page
// height (less the caption of alt text). The figure's Image is nil when img is.
func (r *Doc) SizeFigure(img *Image, alt string, wantW, wantH float64) Figure {
	f := Figure{Alt: alt, Image: img}
	if f.Image == nil {
		return f
	}
	w, h := f.Image.W*25.4/ImageDPI, f.Image.H*25.4/ImageDPI
	switch {
	case wantW > 0 && wantH > 0:
		w, h = wantW, wantH
	case wantW > 0:
		w, h = wantW, h*wantW/w
	case wantH > 0:
		w, h = w*wantH/h, wantH
	}
	if f.Alt != "" {
		f.CaptionH = LineHeight(SizeSmall) + 1
	}
	maxH := r.Bottom() - MarginTop - f.CaptionH - 1
	scale := min(1, r.Width()/w, maxH/h)
	f.W, f.H = w*scale, h*scale
	return f
}
