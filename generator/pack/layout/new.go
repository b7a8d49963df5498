package layout

import (
	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Setup is what a new document needs: its paper, description, language and the fonts
// beyond the Go fonts (tried before the symbol and emoji fallbacks).
type Setup struct {
	Paper fpdf.SizeType // portrait size, in millimetres
	// Info is the document information; Date fixes the PDF's creation and modification
	// dates, so the same input gives the same bytes.
	Info  pdf.Archive
	Lang  string
	Fonts []Font
}

// New starts a document in millimetres on s.Paper with the page margins, no automatic
// page breaks (the layout breaks pages itself) and uncompressed streams (they are
// compressed once, at the best level, when the file is rewritten), and loads its fonts.
func New(s Setup) (*Doc, error) {
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: s.Paper})
	// The alias must be set before fonts are added: fpdf sizes the UTF-8 subsets by it.
	p.AliasNbPages("{nb}")
	p.SetCompression(false)
	p.SetCatalogSort(true)
	p.SetCreationDate(s.Info.Date)
	p.SetModificationDate(s.Info.Date)
	p.SetAutoPageBreak(false, MarginBottom)
	p.SetMargins(MarginSide, MarginTop, MarginSide)
	p.SetCellMargin(0)
	p.SetTitle(UTF16Bytes(s.Info.Title), true)
	p.SetAuthor(UTF16Bytes(s.Info.Author), true)
	p.SetSubject(UTF16Bytes(s.Info.Subject), true)
	p.SetCreator(s.Info.Creator, true)
	p.SetProducer(s.Info.Producer, true)
	p.SetLang(s.Lang)
	f, err := LoadFonts(p, s.Fonts)
	if err != nil {
		return nil, err
	}
	return &Doc{PDF: p, Fonts: f, Paper: s.Paper}, nil
}
