package oscal

import (
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// poam is the risk treatment plan as a plan of action and milestones: the risks of the
// register, and one item per treatment action, with its status, owner, due date and
// the risks it treats.
func (x *writer) poam() poam {
	g := x.g
	site := g.Site
	p := poam{UUID: x.u.of("poam", "rtp"), Metadata: x.metadata(site.Treatment.Document.Title, &site.Treatment.Document)}
	sspRes := resource{UUID: x.u.of("resource", "ssp"), Title: "System security plan", RLinks: []rlink{{Href: sspHref, MediaType: "application/oscal.ssp+json"}}}
	p.ImportSSP = &importHref{Href: "#" + sspRes.UUID}
	open := map[string]bool{}
	for _, a := range site.Treatment.Actions {
		if a != nil && a.Status != model.ActionDone && a.Status != model.ActionCancelled {
			for _, r := range a.Risks {
				open[r.ID] = true
			}
		}
	}
	for _, r := range site.Risks.Risks {
		if r == nil {
			continue
		}
		inh, res := g.RiskLevels(r)
		statement := strings.TrimSpace(text(r.Threat) + " " + text(r.Vulnerability))
		if statement == "" {
			statement = line(r.Title)
		}
		desc := text(r.Description)
		if desc == "" {
			desc = line(r.Title)
		}
		or := risk{UUID: x.u.of("risk", r.ID), Title: line(r.ID + " " + r.Title), Description: desc, Statement: statement, Status: riskStatus(g, r, open[r.ID])}
		or.Props = append(or.Props, prop("id", r.ID)...)
		or.Props = append(or.Props, prop("owner", r.Owner)...)
		or.Props = append(or.Props, prop("treatment", string(r.Treatment))...)
		or.Props = append(or.Props, prop("inherent-level", itoa(inh))...)
		or.Props = append(or.Props, prop("residual-level", itoa(res))...)
		p.Risks = append(p.Risks, or)
	}
	for _, a := range site.Treatment.Actions {
		if a == nil {
			continue
		}
		desc := text(a.Action)
		if desc == "" {
			desc = line(a.Title)
		}
		it := poamItem{UUID: x.u.of("poam-item", a.ID), Title: line(a.ID + " " + a.Title), Description: desc}
		it.Props = append(it.Props, prop("id", a.ID)...)
		it.Props = append(it.Props, prop("status", string(a.Status))...)
		it.Props = append(it.Props, prop("owner", a.Owner)...)
		if !a.Due.IsZero() {
			it.Props = append(it.Props, prop("due", a.Due.String())...)
		}
		if !a.Completed.IsZero() {
			it.Props = append(it.Props, prop("completed", a.Completed.String())...)
		}
		if g.Overdue(a) {
			it.Props = append(it.Props, prop("overdue", "yes")...)
		}
		for _, c := range a.Controls {
			it.Props = append(it.Props, property{Name: "control", NS: NS, Value: text(c.ID)})
		}
		for _, r := range a.Risks {
			if _, ok := g.Lookup(r.ID); ok {
				it.RelatedRisks = append(it.RelatedRisks, relatedRisk{RiskUUID: x.u.of("risk", r.ID)})
			}
		}
		if e, ok := g.Lookup(a.ID); ok {
			it.Links = []link{{Href: x.page(e), Rel: "reference", Text: line(a.ID)}}
		}
		p.PoamItems = append(p.PoamItems, it)
	}
	if len(p.PoamItems) == 0 {
		p.PoamItems = []poamItem{{UUID: x.u.of("poam-item", "_none"), Title: "No treatment action", Description: "The risk treatment plan has no action."}}
	}
	p.BackMatter = &backMatter{Resources: []resource{sspRes}}
	return p
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// riskStatus words a risk's state in OSCAL's terms: retained and accepted is a
// deviation approved, with open treatment actions it is being remediated, else open.
func riskStatus(g *resolve.Graph, r *model.Risk, open bool) string {
	switch {
	case r.Treatment == model.Retain && r.AcceptedBy != "" && !r.Accepted.IsZero():
		return "deviation-approved"
	case open:
		return "remediating"
	}
	if _, res := g.RiskLevels(r); g.Site.Risks.Method.Acceptable(res) && r.AcceptedBy != "" {
		return "closed"
	}
	return "open"
}
