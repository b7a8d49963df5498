package pack

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// riskSections are the sections of the risk register, as listed in the TOC.
var riskSections = []string{"Risk method", "Heat map", "Risks"}

// risks draws the risk register: the method it was assessed by, the heat maps and the
// risks (ISO/IEC 27001 6.1.2, 8.2).
func (r *renderer) risks(it *Item) {
	reg := &r.g.Site.Risks
	m := &reg.Method
	r.section(it, riskSections[0], riskSections[0])
	formula := "likelihood × impact"
	if m.Formula == "add" {
		formula = "likelihood + impact"
	}
	r.doc.Para(layout.Plain(fmt.Sprintf("Risk level = %s. Risks up to level %d are acceptable without treatment; risks above it are treated (see the risk treatment plan).", formula, m.Acceptance), r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	head := layout.Style{Bold: true, Size: layout.SizeTable, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable, Color: layout.ColText}
	for _, sc := range []struct {
		name  string
		steps []model.ScaleStep
	}{{"Likelihood", m.Likelihood}, {"Impact", m.Impact}} {
		t := &layout.Table{Size: layout.SizeTable, Weights: []float64{1, 2.2, 9}}
		t.Header = []layout.Cell{layout.TextCell(sc.name, head), layout.TextCell("Name", head), layout.TextCell("Description", head)}
		for _, s := range sc.steps {
			t.Rows = append(t.Rows, []layout.Cell{layout.TextCell(strconv.Itoa(s.Value), body), layout.TextCell(s.Name, body), layout.TextCell(s.Description, body)})
		}
		r.doc.DrawTable(t)
	}
	if len(m.Bands) > 0 {
		t := &layout.Table{Size: layout.SizeTable, Weights: []float64{2, 2, 3}}
		t.Header = []layout.Cell{layout.TextCell("Band", head), layout.TextCell("Levels", head), layout.TextCell("Evaluation", head)}
		lo := 1
		for _, b := range m.Bands {
			eval := "acceptable"
			if !m.Acceptable(b.Max) {
				eval = "treat (above the acceptance threshold)"
				if m.Acceptable(lo) {
					eval = "partly above the acceptance threshold"
				}
			}
			c := bandColor(m, b.Max)
			t.Rows = append(t.Rows, []layout.Cell{{Spans: layout.Plain(b.Name, body), Fill: &c}, layout.TextCell(fmt.Sprintf("%d–%d", lo, b.Max), body), layout.TextCell(eval, body)})
			lo = b.Max + 1
		}
		r.doc.DrawTable(t)
	}

	r.section(it, riskSections[1], riskSections[1])
	r.heatmaps()

	r.section(it, riskSections[2], riskSections[2])
	r.riskTable()
}

func (r *renderer) riskTable() {
	reg := &r.g.Site.Risks
	m := &reg.Method
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	muted := withColor(body, layout.ColMuted)
	t := &layout.Table{Size: body.Size, Weights: []float64{1, 4.4, 1.75, 1.5, 1.6, 1.2, 1.6, 1.3, 1.6, 1.8}}
	for _, h := range []string{"Risk", "Scenario", "CIA", "Owner", "Inherent", "Treatment", "Controls", "Actions", "Residual", "Acceptance"} {
		t.Header = append(t.Header, layout.TextCell(h, head))
	}
	for _, x := range reg.Risks {
		if x == nil {
			continue
		}
		e, _ := r.g.Lookup(x.ID)
		in, res := r.g.RiskLevels(x)
		scenario := layout.Plain(x.Title, withBold(body))
		for _, f := range [][2]string{{"Asset", refText(r.g, x.Asset)}, {"Threat", x.Threat}, {"Vulnerability", x.Vulnerability}, {"", x.Description}} {
			if f[1] == "" {
				continue
			}
			scenario = append(scenario, layout.Span{Break: true, Style: body})
			if f[0] != "" {
				scenario = append(scenario, layout.Span{Text: f[0] + ": ", Style: muted})
			}
			scenario = append(scenario, layout.Span{Text: f[1], Style: body})
		}
		cia := make([]string, len(x.CIA))
		for i, c := range x.CIA {
			cia[i] = string(c)
		}
		inC, resC := bandColor(m, in), bandColor(m, res)
		residual := "as inherent"
		if x.Residual != nil {
			residual = m.LevelWords(x.Residual.Likelihood, x.Residual.Impact)
		}
		accept := x.AcceptedBy
		if !x.Accepted.IsZero() {
			accept = strings.TrimSpace(accept + " " + x.Accepted.String())
		}
		if !x.AcceptedUntil.IsZero() {
			accept += " (until " + x.AcceptedUntil.String() + ")"
		}
		t.Rows = append(t.Rows, []layout.Cell{
			layout.TextCell(x.ID, withBold(body)),
			{Spans: scenario},
			layout.TextCell(strings.Join(cia, ", "), body),
			layout.TextCell(x.Owner, body),
			{Spans: layout.Plain(m.LevelWords(x.Likelihood, x.Impact), body), Fill: &inC},
			layout.TextCell(string(x.Treatment), body),
			{Spans: r.idLinks(model.IDs(x.Controls), body)},
			{Spans: r.idLinks(model.IDs(x.Actions), body)},
			{Spans: layout.Plain(residual, body), Fill: &resC},
			layout.TextCell(accept, body),
		})
		t.Marks = append(t.Marks, r.rowMark(e))
	}
	r.doc.DrawTable(t)
}

// bandPalettes colours n bands from acceptable (green) to severe (red).
var bandPalettes = [][]layout.RGB{
	{{R: 198, G: 239, B: 206}},
	{{R: 198, G: 239, B: 206}, {R: 255, G: 180, B: 180}},
	{{R: 198, G: 239, B: 206}, {R: 255, G: 235, B: 156}, {R: 255, G: 180, B: 180}},
	{{R: 198, G: 239, B: 206}, {R: 255, G: 235, B: 156}, {R: 250, G: 200, B: 150}, {R: 255, G: 160, B: 160}},
	{{R: 198, G: 239, B: 206}, {R: 230, G: 245, B: 180}, {R: 255, G: 235, B: 156}, {R: 250, G: 200, B: 150}, {R: 255, G: 160, B: 160}},
}

// bandColor returns the colour of a level's band; without bands, the acceptance
// threshold decides green or red.
func bandColor(m *model.RiskMethod, level int) layout.RGB {
	n := len(m.Bands)
	if n == 0 {
		if m.Acceptable(level) {
			return bandPalettes[1][0]
		}
		return bandPalettes[1][1]
	}
	idx := n - 1
	for i, b := range m.Bands {
		if level <= b.Max {
			idx = i
			break
		}
	}
	pal := bandPalettes[min(n, len(bandPalettes))-1]
	if n > len(pal) {
		// More bands than colours: spread the palette over them.
		return pal[idx*(len(pal)-1)/(n-1)]
	}
	return pal[idx]
}

// refText is a list of references as text: each ID with its title, or as written when it
// names nothing (a soft reference kept as free text).
func refText(g *resolve.Graph, refs []model.Ref) string {
	var out []string
	for _, ref := range refs {
		if e, ok := g.Lookup(ref.ID); ok && e.Title != "" {
			out = append(out, ref.ID+" "+e.Title)
			continue
		}
		out = append(out, ref.ID)
	}
	return strings.Join(out, "; ")
}
