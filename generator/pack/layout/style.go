package layout

// Type sizes in points.
const (
	SizeBody    = 10.0
	SizeSmall   = 8.0
	SizeTable   = 8.5
	SizeCode    = 8.0
	SizeRunning = 7.5
	PtToMM      = 25.4 / 72
	lineFactor  = 1.38 // line height per font size
)

// RGB is a colour.
type RGB struct{ R, G, B int }

// The colour table.
var (
	ColText     = RGB{25, 25, 25}
	ColMuted    = RGB{95, 95, 95}
	ColLink     = RGB{0, 70, 160}
	ColRule     = RGB{170, 170, 170}
	ColHeadFill = RGB{226, 232, 240}
	ColLabel    = RGB{242, 244, 247}
	ColCodeBg   = RGB{246, 248, 250}
	ColCodeText = RGB{36, 41, 46}
	ColQuote    = RGB{200, 205, 212}
	ColAlert    = RGB{180, 20, 20}
	ColOK       = RGB{20, 110, 40}
	ColWhite    = RGB{255, 255, 255}
)

// LineHeight returns the height of a line of text of the given size.
func LineHeight(size float64) float64 { return size * lineFactor * PtToMM }

// Style is how a piece of text looks.
type Style struct {
	Bold, Italic, Mono, Strike bool
	Size                       float64 // points
	Color                      RGB
	Rise                       float64 // millimetres above the line's middle: superscript > 0 > subscript
}

// fontSel is a font selection: fpdf family and size.
type fontSel struct {
	family string
	size   float64
}

// Eps is the tolerance of layout comparisons, in millimetres.
const Eps = 0.001

// Table cell padding in millimetres.
const (
	CellPadX = 1.3
	CellPadY = 0.9
	// CellBorder is the width of the lines between cells.
	CellBorder = 0.15
)

// GapPara is the space after a paragraph or table, in millimetres.
const GapPara = 2.4

// Vertical rhythm in millimetres.
const (
	GapTight   = 0.6
	GapHeading = 3.5
	QuoteStep  = 5.0
)
