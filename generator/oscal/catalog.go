package oscal

import "github.com/ismsgen/ismsgen/generator/model"

// catalog is the catalogues in force, one group per framework, its controls grouped by
// group (or theme) within it. A control's ID that is no OSCAL token is written as one,
// with the ID as its label.
func (x *writer) catalog() catalog {
	site := x.g.Site
	c := catalog{UUID: x.u.of("catalog", "in-force"), Metadata: x.metadata(site.Config.Title+": control catalogues in force", &site.SoA.Document)}
	var notes []string
	for _, f := range site.Frameworks {
		if !f.InForce {
			continue
		}
		fg := group{ID: tokenOf(f.Name), Class: "framework", Title: line(f.DisplayTitle()), Props: prop("framework", f.Name)}
		index := map[string]int{}
		for _, ctl := range f.Controls {
			key, title := ctl.Group, f.GroupTitle(ctl.Group)
			if key == "" {
				key, title = ctl.Theme, ctl.Theme
			}
			oc := x.control(ctl)
			if key == "" {
				fg.Controls = append(fg.Controls, oc)
				continue
			}
			i, ok := index[key]
			if !ok {
				i = len(fg.Groups)
				index[key] = i
				fg.Groups = append(fg.Groups, group{ID: tokenOf(f.Name + "-" + key), Title: line(title)})
			}
			fg.Groups[i].Controls = append(fg.Groups[i].Controls, oc)
		}
		c.Groups = append(c.Groups, fg)
		if f.Attribution != "" {
			notes = append(notes, text(f.Attribution))
		}
	}
	if len(notes) > 0 {
		c.Metadata.Remarks = joinParas(notes)
	}
	return c
}

func (x *writer) control(ctl *model.Control) control {
	oc := control{ID: tokenOf(ctl.ID), Class: tokenOf(ctl.Catalogue), Title: line(ctl.Title)}
	oc.Props = append(oc.Props, property{Name: "label", Value: text(ctl.ID)})
	if d := text(ctl.Description); d != "" {
		oc.Parts = append(oc.Parts, part{ID: tokenOf(ctl.ID) + "_smt", Name: "statement", Prose: d})
	}
	if d := text(ctl.Guidance); d != "" {
		oc.Parts = append(oc.Parts, part{ID: tokenOf(ctl.ID) + "_gdn", Name: "guidance", Prose: d})
	}
	return oc
}

func joinParas(s []string) string {
	out := ""
	for i, p := range s {
		if i > 0 {
			out += "\n\n"
		}
		out += p
	}
	return out
}
