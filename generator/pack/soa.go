package pack

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// theme is one group of SoA rows: a catalogue's controls of one theme.
type theme struct {
	name, title string
	controls    []*model.Control
}

// themes groups the catalogue by catalogue and theme, in catalogue order.
func (r *renderer) themes() []theme {
	var out []theme
	index := map[string]int{}
	cat := r.g.SoAControls()
	first := ""
	if len(cat) > 0 {
		first = cat[0].Catalogue
	}
	for _, c := range cat {
		// The site's names for the groups (the SoA page and the controls page).
		title := capitalise(r.g.ThemeTitle(c, first))
		if title == "" {
			title = "Controls"
		}
		key := c.Catalogue + "\x00" + title
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, theme{name: key, title: title})
		}
		out[i].controls = append(out[i].controls, c)
	}
	return out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// soa draws the Statement of Applicability over every catalogue control, grouped by
// theme (ISO/IEC 27001 6.1.3 d).
func (r *renderer) soa(it *Item) {
	g := r.g
	r.doc.Para(layout.Plain(g.SoASummary()+" Linked risks are the risks of the risk register that select the control.", r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	for _, th := range r.themes() {
		r.section(it, th.name, th.title)
		t := &layout.Table{Size: body.Size, Weights: []float64{1.1, 2.6, 1.3, 1.3, 4.2, 1.55, 1.6, 1.7, 1.5, 1.2}}
		for _, h := range []string{"Control", "Title", "Applicable", "Reasons", "Justification", "Status", "Owner", "Documents", "Evidence", "Risks"} {
			t.Header = append(t.Header, layout.TextCell(h, head))
		}
		for _, c := range th.controls {
			e, _ := g.Lookup(c.ID)
			t.Rows = append(t.Rows, r.soaRow(c, e, body))
			t.Marks = append(t.Marks, r.rowMark(e))
		}
		r.doc.DrawTable(t)
	}
}

func (r *renderer) soaRow(c *model.Control, e *resolve.Entity, st layout.Style) []layout.Cell {
	id := layout.TextCell(c.ID, withBold(st))
	row, ok := r.g.SoARow(c.ID)
	if !ok {
		return []layout.Cell{id, layout.TextCell(c.Title, st), layout.TextCell("—", st), layout.TextCell("", st),
			layout.TextCell("No SoA row: the Statement of Applicability does not decide this control.", withColor(st, layout.ColAlert)),
			layout.TextCell("", st), layout.TextCell("", st), layout.TextCell("", st), layout.TextCell("", st), layout.Cell{Spans: r.risksOf(e, st)}}
	}
	applicable := layout.TextCell("Yes", st)
	if !row.IsApplicable() {
		applicable = layout.TextCell("No", withColor(st, layout.ColMuted))
	}
	reasons := make([]string, len(row.Reasons))
	for i, x := range row.Reasons {
		reasons[i] = string(x)
	}
	status := string(row.Status)
	if !row.Target.IsZero() {
		status += " (target " + row.Target.String() + ")"
	}
	if !row.IsApplicable() {
		status = "—"
	}
	sc := layout.TextCell(status, withColor(st, controlStatusColor(row.Status)))
	return []layout.Cell{id, layout.TextCell(c.Title, st), applicable, layout.TextCell(strings.Join(reasons, ", "), st),
		layout.TextCell(row.Justification, st), sc, layout.TextCell(row.Owner, st),
		{Spans: r.idLinks(model.IDs(row.Documents), st)},
		{Spans: r.idLinks(model.IDs(row.Evidence), st)},
		{Spans: r.risksOf(e, st)}}
}

// risksOf links the risks that select a control.
func (r *renderer) risksOf(e *resolve.Entity, st layout.Style) []layout.Span {
	if e == nil {
		return nil
	}
	return r.idLinks(entityIDs(r.g.BacklinksOfKind(e, resolve.KindRisk)), st)
}

func controlStatusColor(s model.ControlStatus) layout.RGB {
	switch s {
	case model.Implemented:
		return layout.ColOK
	case model.Partial, model.Planned:
		return layout.RGB{R: 170, G: 100, B: 0}
	case model.NotImplemented:
		return layout.ColAlert
	}
	return layout.ColText
}

func withBold(st layout.Style) layout.Style {
	st.Bold = true
	return st
}
