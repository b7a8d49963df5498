package pack

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
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
	r.para(plain(g.SoASummary()+" Linked risks are the risks of the risk register that select the control.", r.base()), "L")
	r.y += gapPara
	head := style{bold: true, size: sizeTable - 0.5, color: colText}
	body := style{size: sizeTable - 0.5, color: colText}
	for _, th := range r.themes() {
		r.section(it, th.name, th.title)
		t := &table{size: body.size, weights: []float64{1.1, 2.6, 1.3, 1.3, 4.2, 1.55, 1.6, 1.7, 1.5, 1.2}}
		for _, h := range []string{"Control", "Title", "Applicable", "Reasons", "Justification", "Status", "Owner", "Documents", "Evidence", "Risks"} {
			t.header = append(t.header, txt(h, head))
		}
		for _, c := range th.controls {
			e, _ := g.Lookup(c.ID)
			t.rows = append(t.rows, r.soaRow(c, e, body))
			t.keys = append(t.keys, anchorKey{e: e})
		}
		r.drawTable(t)
	}
}

func (r *renderer) soaRow(c *model.Control, e *resolve.Entity, st style) []cell {
	id := txt(c.ID, withBold(st))
	row, ok := r.g.SoARow(c.ID)
	if !ok {
		return []cell{id, txt(c.Title, st), txt("—", st), txt("", st),
			txt("No SoA row: the Statement of Applicability does not decide this control.", withColor(st, colAlert)),
			txt("", st), txt("", st), txt("", st), txt("", st), cell{spans: r.risksOf(e, st)}}
	}
	applicable := txt("Yes", st)
	if !row.IsApplicable() {
		applicable = txt("No", withColor(st, colMuted))
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
	sc := txt(status, withColor(st, controlStatusColor(row.Status)))
	return []cell{id, txt(c.Title, st), applicable, txt(strings.Join(reasons, ", "), st),
		txt(row.Justification, st), sc, txt(row.Owner, st),
		{spans: r.idLinks(model.IDs(row.Documents), st)},
		{spans: r.idLinks(model.IDs(row.Evidence), st)},
		{spans: r.risksOf(e, st)}}
}

// risksOf links the risks that select a control.
func (r *renderer) risksOf(e *resolve.Entity, st style) []span {
	if e == nil {
		return nil
	}
	return r.idLinks(entityIDs(r.g.BacklinksOfKind(e, resolve.KindRisk)), st)
}

func controlStatusColor(s model.ControlStatus) rgb {
	switch s {
	case model.Implemented:
		return colOK
	case model.Partial, model.Planned:
		return rgb{170, 100, 0}
	case model.NotImplemented:
		return colAlert
	}
	return colText
}

func withBold(st style) style {
	st.bold = true
	return st
}
