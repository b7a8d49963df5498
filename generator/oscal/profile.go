package oscal

import "strings"

// catalogHref is where a profile finds the catalog it selects from, and an SSP its
// profile: the files ismsgen export oscal writes beside each other by default.
const (
	catalogHref = "catalog.json"
	profileHref = "profile.json"
	sspHref     = "ssp.json"
)

// profile is the Statement of Applicability: the applicable controls included, the
// excluded ones excluded, and each row's decision, reasons, status and justification
// added to its control as properties.
func (x *writer) profile() profile {
	site := x.g.Site
	p := profile{UUID: x.u.of("profile", "soa"), Metadata: x.metadata(site.SoA.Document.Title, &site.SoA.Document)}
	res := resource{UUID: x.u.of("resource", "catalog"), Title: "Control catalogues in force", RLinks: []rlink{{Href: catalogHref, MediaType: "application/oscal.catalog+json"}}}
	imp := imprt{Href: "#" + res.UUID}
	var include, exclude []string
	var alters []alter
	for _, c := range x.g.SoAControls() {
		row, ok := x.g.SoARow(c.ID)
		if !ok {
			continue
		}
		id := tokenOf(c.ID)
		var props []property
		if row.IsApplicable() {
			include = append(include, id)
			props = append(props, property{Name: "applicable", NS: NS, Value: "yes"})
			var reasons []string
			for _, r := range row.Reasons {
				reasons = append(reasons, string(r))
			}
			props = append(props, prop("reasons", strings.Join(reasons, " "))...)
			props = append(props, prop("implementation-status", string(row.Status))...)
			props = append(props, prop("owner", row.Owner)...)
			if !row.Target.IsZero() {
				props = append(props, prop("target", row.Target.String())...)
			}
		} else {
			exclude = append(exclude, id)
			pr := property{Name: "applicable", NS: NS, Value: "no", Remarks: text(row.Justification)}
			props = append(props, pr)
		}
		props = append(props, prop("justification", row.Justification)...)
		alters = append(alters, alter{ControlID: id, Adds: []add{{Position: "ending", Props: props}}})
	}
	if len(include) == 0 {
		// OSCAL wants at least one ID: a site with no applicable control includes one
		// that names no control.
		include = []string{"_none"}
	}
	imp.IncludeControls = []selectByID{{WithIDs: include}}
	if len(exclude) > 0 {
		imp.ExcludeControls = []selectByID{{WithIDs: exclude}}
	}
	p.Imports = []imprt{imp}
	p.Merge = &merge{AsIs: true}
	if len(alters) > 0 {
		p.Modify = &modify{Alters: alters}
	}
	p.BackMatter = &backMatter{Resources: []resource{res}}
	return p
}
