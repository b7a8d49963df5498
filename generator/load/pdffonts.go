package load

import (
	"errors"
	"io/fs"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pdf/font"
)

// pdfFonts reads the organisation's fonts named by pdf: fonts: into the site's files,
// each a TrueType font inside the site root; a font that cannot be read or used is an
// error at its entry.
func (d *dataLoader) pdfFonts() {
	for i, ref := range d.site.Config.PDF.Fonts {
		rel, ok := model.CleanRel(ref.ID)
		if !ok {
			d.errs.Add(ref.Pos, "pdf: fonts: %s resolves outside the site root; write the path relative to the site root, without .., such as fonts/house.ttf", ref.ID)
			continue
		}
		b, err := d.read(rel)
		var refused interface{ Refusal() string }
		switch {
		case errors.As(err, &refused):
			d.errs.Add(ref.Pos, "pdf: fonts: %s: %s", ref.ID, refused.Refusal())
			continue
		case errors.Is(err, fs.ErrNotExist):
			d.errs.Add(ref.Pos, "pdf: fonts: %s not found; add the font file, or correct the path (relative to the site root)", ref.ID)
			continue
		case err != nil:
			d.errs.Add(ref.Pos, "pdf: fonts: %s cannot be read (%v)", ref.ID, err)
			continue
		}
		if _, err := font.Parse(b); err != nil {
			d.errs.Add(ref.Pos, "pdf: fonts: %s: %v", ref.ID, err)
			continue
		}
		d.site.Config.PDF.Fonts[i].ID = rel
		d.site.Files[rel] = b
	}
}
