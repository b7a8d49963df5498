package oscal

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// ssp is the system security plan: the ISMS's scope as the system, and for each
// applicable control its implementation status (by the ISMS as a whole, the
// "this-system" component), the documents that implement it and the evidence that
// shows it, as links to back-matter resources (a document's intranet page; an evidence
// file with its SHA-256).
func (x *writer) ssp() ssp {
	g := x.g
	site := g.Site
	scope := text(site.Config.Scope)
	if scope == "" {
		scope = "The information security management system of " + text(site.Config.Organisation) + "."
	}
	s := ssp{UUID: x.u.of("ssp", "isms"), Metadata: x.metadata(site.Config.Title+": system security plan", &site.SoA.Document)}
	profileRes := resource{UUID: x.u.of("resource", "profile"), Title: "Statement of Applicability", RLinks: []rlink{{Href: profileHref, MediaType: "application/oscal.profile+json"}}}
	s.ImportProfile = importHref{Href: "#" + profileRes.UUID}
	s.SystemCharacteristics = systemCharacteristics{
		SystemIDs:   []systemID{{IdentifierType: "https://ietf.org/rfc/rfc4122", ID: x.u.of("system", "isms")}},
		SystemName:  line(site.Config.Title),
		Description: scope,
		SystemInformation: systemInformation{InformationTypes: []informationType{{
			UUID: x.u.of("information-type", "scope"), Title: "Information within the scope of the ISMS", Description: scope,
		}}},
		Status:                status{State: "operational"},
		AuthorizationBoundary: description{Description: scope},
	}
	this := x.u.of("component", "this-system")
	s.SystemImplementation = systemImplementation{Components: []component{{
		UUID: this, Type: "this-system", Title: line(site.Config.Title), Description: scope, Status: status{State: "operational"},
	}}}
	resources := []resource{profileRes}
	seen := map[*resolve.Entity]bool{}
	cite := func(e *resolve.Entity) string {
		uuid := x.u.of("resource", e.ID)
		if !seen[e] {
			seen[e] = true
			resources = append(resources, x.resource(uuid, e))
		}
		return "#" + uuid
	}
	var reqs []implementedRequirement
	for _, c := range g.SoAControls() {
		row, ok := g.SoARow(c.ID)
		if !ok || !row.IsApplicable() {
			continue
		}
		docs, ev := g.Implementation(c.ID)
		ir := implementedRequirement{UUID: x.u.of("implemented-requirement", c.ID), ControlID: tokenOf(c.ID)}
		ir.Props = prop("owner", row.Owner)
		for _, d := range docs {
			ir.Links = append(ir.Links, link{Href: cite(d), Rel: "implemented-by", Text: line(d.ID + " " + d.Title)})
		}
		for _, e := range ev {
			ir.Links = append(ir.Links, link{Href: cite(e), Rel: "evidence", Text: line(e.ID + " " + e.Title)})
		}
		state := string(row.Status)
		if state == "" {
			state = "unknown"
		}
		desc := "No document implements it yet."
		if len(docs) > 0 {
			desc = "Implemented by " + strings.Join(ids(docs), ", ") + "."
		}
		if len(ev) > 0 {
			desc += " Evidence: " + strings.Join(ids(ev), ", ") + "."
		}
		ir.ByComponents = []byComponent{{ComponentUUID: this, UUID: x.u.of("by-component", c.ID), Description: desc, ImplementationStatus: &status{State: state}}}
		reqs = append(reqs, ir)
	}
	if len(reqs) == 0 {
		reqs = []implementedRequirement{{UUID: x.u.of("implemented-requirement", "_none"), ControlID: "_none", Remarks: "No control is applicable."}}
	}
	s.ControlImplementation = controlImplementation{
		Description:             "How " + text(site.Config.Organisation) + " implements each applicable control of its Statement of Applicability.",
		ImplementedRequirements: reqs,
	}
	s.BackMatter = &backMatter{Resources: resources}
	return s
}

// resource is a back-matter resource for a document (its intranet page) or an evidence
// record (its file, with its SHA-256).
func (x *writer) resource(uuid string, e *resolve.Entity) resource {
	r := resource{UUID: uuid, Title: line(e.ID + " " + e.Title), Props: prop("id", e.ID)}
	if ev := e.Evidence; ev != nil {
		rl := rlink{Href: urls.Absolute(x.g.Site.Config.BaseURL, urls.EvidenceFile(ev.File))}
		if ev.SHA256 != "" {
			rl.Hashes = []hash{{Algorithm: "SHA-256", Value: ev.SHA256}}
		}
		r.RLinks = []rlink{rl}
		r.Description = text(ev.Description)
		return r
	}
	r.RLinks = []rlink{{Href: x.page(e), MediaType: "text/html"}}
	if info, ok := x.g.Controlled(e); ok {
		r.Props = append(r.Props, prop("version", info.Version)...)
		r.Props = append(r.Props, prop("status", string(info.Status))...)
	}
	return r
}
