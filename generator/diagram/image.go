package diagram

import (
	"bytes"
	"image/png"
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// Origin says where a diagram's image comes from.
type Origin int

const (
	Declared Origin = iota + 1 // a "%% image:" comment names it
	Beside                     // <document>.diagram-<n>.png beside the document
	Cached                     // rendered by ismsgen diagrams into CacheDir
)

// Image is the PNG that stands for a diagram in a PDF pack.
type Image struct {
	Path   string // site path, a key of the site's files
	Data   []byte
	Origin Origin
}

// Lookup returns the image of a diagram of doc from the site's files (load reads images
// under content/ and the cached images documents need): the declared one, else the one
// beside the document, else the cached one. When there is none, why says what to do, as
// a message for the diagram's position.
func Lookup(files map[string][]byte, doc *model.Document, d Diagram) (img Image, why string, pos diag.Pos) {
	pos = d.Pos
	if file, at := d.Declared(); file != "" {
		p := path.Clean(path.Join(path.Dir(doc.Path), file))
		pos = at
		switch {
		case !strings.EqualFold(path.Ext(p), ".png"):
			return Image{}, "diagram image " + file + " (named by %% image:) is not a PNG; the PDF can only show a PNG: export the diagram as PNG", pos
		case !strings.HasPrefix(p, "content/"):
			return Image{}, "diagram image " + file + " (named by %% image:) is outside content/; put the PNG beside the document", pos
		}
		if b, ok := files[p]; ok && isPNG(b) {
			return Image{Path: p, Data: b, Origin: Declared}, "", pos
		}
		return Image{}, "diagram has no image for the PDF: " + p + " (named by %% image:) is missing or not a readable PNG", pos
	}
	if p := BesidePath(doc.Path, d.N); isPNG(files[p]) {
		return Image{Path: p, Data: files[p], Origin: Beside}, "", pos
	}
	if p := CachePath(d.Hash()); isPNG(files[p]) {
		return Image{Path: p, Data: files[p], Origin: Cached}, "", pos
	}
	return Image{}, "diagram has no image for the PDF: run ismsgen diagrams (or add " + BesidePath(doc.Path, d.N) + ")", pos
}

// Warnings returns one warning for each diagram of doc that has no image for the PDF.
func Warnings(files map[string][]byte, doc *model.Document) diag.List {
	var out diag.List
	for _, d := range Find(doc) {
		if _, why, pos := Lookup(files, doc, d); why != "" {
			out.Add(pos, "%s", why)
		}
	}
	return out
}

// isPNG reports whether b is a PNG image with a size.
func isPNG(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	return err == nil && cfg.Width > 0 && cfg.Height > 0
}
