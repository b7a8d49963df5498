package load

import (
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// catalogues decodes the built-in catalogues and those of data/controls/ (YAML, or
// OSCAL catalog JSON), marks the frameworks in force (frameworks: in data/site.yaml)
// and collects their controls into the site's catalogue.
func (d *dataLoader) catalogues(paths []string) {
	for _, f := range catalog.Catalogues() {
		c := &model.Framework{}
		d.decodeReused(d.decoded, f.Path, f.YAML, c, func() { d.settleCatalogue(c, f.Path) })
		c.BuiltIn = true
		d.addFramework(c)
	}
	for _, p := range paths {
		c := &model.Framework{}
		if path.Ext(p) == ".json" {
			d.oscalCatalogue(p, d.files[p], c)
			d.settleCatalogue(c, p)
		} else {
			d.decodeReused(d.decoded, p, d.files[p], c, func() { d.settleCatalogue(c, p) })
		}
		d.addFramework(c)
	}
	d.inForce()
}

// settleCatalogue completes a decoded catalogue from its own file: its path, name and
// position, each control's catalogue name, and the controls kept (those with an ID).
func (d *dataLoader) settleCatalogue(c *model.Framework, p string) {
	c.Path = p
	if c.Name == "" {
		c.Name = strings.TrimSuffix(path.Base(p), path.Ext(p))
	}
	if c.Pos.Path == "" {
		c.Pos = diag.Pos{Path: c.Path, Line: 1, Col: 1}
	}
	groups := map[string]bool{}
	for _, g := range c.Groups {
		if g != nil {
			groups[g.ID] = true
		}
	}
	var controls []*model.Control
	for _, ctl := range c.Controls {
		if ctl == nil {
			continue
		}
		ctl.Catalogue = c.Name
		if ctl.ID == "" {
			d.errs.Add(ctl.Pos, "control has no id")
			continue
		}
		if ctl.Group != "" && len(groups) > 0 && !groups[ctl.Group] {
			d.errs.Add(ctl.Pos, "control %s: group %q is not one of the catalogue's groups:", ctl.ID, ctl.Group)
		}
		controls = append(controls, ctl)
	}
	c.Controls = controls
}

// addFramework adds a settled catalogue to the site; a second catalogue of the same
// name is an error.
func (d *dataLoader) addFramework(c *model.Framework) {
	if prev := d.site.FrameworkNamed(c.Name); prev != nil {
		d.errs.Add(c.Pos, "catalogue %q is already defined by %s: give this one another catalogue: name", c.Name, prev.Path)
		return
	}
	d.site.Frameworks = append(d.site.Frameworks, c)
}

// inForce marks the frameworks data/site.yaml lists as in force; without frameworks:,
// ISO/IEC 27001:2022 and every catalogue of data/controls/ are. The site's catalogue is
// the controls of the frameworks in force, in the order of site.Frameworks.
func (d *dataLoader) inForce() {
	s := d.site
	listed := s.Config.Frameworks
	if len(listed) == 0 {
		for _, f := range s.Frameworks {
			f.InForce = f.Name == model.ISO27001 || !f.BuiltIn
		}
	}
	seen := map[string]bool{}
	for _, r := range listed {
		f := s.FrameworkNamed(r.ID)
		switch {
		case f == nil:
			d.errs.Add(r.Pos, "frameworks: unknown framework %q%s: want %s, or the catalogue: name of a file in data/controls/", r.ID, suggest(r.ID, d.frameworkNames()), strings.Join(d.frameworkNames(), ", "))
		case seen[r.ID]:
			d.errs.Add(r.Pos, "frameworks: %s is listed twice", r.ID)
		default:
			f.InForce = true
		}
		seen[r.ID] = true
	}
	for _, f := range s.Frameworks {
		if f.InForce {
			s.Catalogue = append(s.Catalogue, f.Controls...)
		}
	}
}

func (d *dataLoader) frameworkNames() []string {
	var out []string
	for _, f := range d.site.Frameworks {
		out = append(out, f.Name)
	}
	return out
}

// crosswalks decodes the built-in crosswalks and those of data/mappings/. Each names
// known source and target frameworks; resolve uses those whose two frameworks are in
// force and resolves their requirements and targets.
func (d *dataLoader) crosswalks(paths []string) {
	add := func(p string, src []byte, builtIn bool) {
		x := &model.Crosswalk{}
		if !d.decodeReused(d.decoded, p, src, x, func() { d.settleCrosswalk(x, p) }) {
			return
		}
		x.BuiltIn = builtIn
		ok := true
		for _, end := range []struct {
			key string
			ref model.Ref
		}{{"source", x.Source}, {"target", x.Target}} {
			switch {
			case end.ref.ID == "":
				d.errs.Add(x.Pos, "mapping has no %s: name the %s framework (%s)", end.key, end.key, strings.Join(d.frameworkNames(), ", "))
				ok = false
			case d.site.FrameworkNamed(end.ref.ID) == nil:
				d.errs.Add(end.ref.Pos, "%s: unknown framework %q%s: want %s", end.key, end.ref.ID, suggest(end.ref.ID, d.frameworkNames()), strings.Join(d.frameworkNames(), ", "))
				ok = false
			}
		}
		if ok {
			d.site.Crosswalks = append(d.site.Crosswalks, x)
		}
	}
	for _, f := range catalog.Crosswalks() {
		add(f.Path, f.YAML, true)
	}
	for _, p := range paths {
		add(p, d.files[p], false)
	}
}

// settleCrosswalk completes a decoded crosswalk from its own file: its path and
// position, and the mappings kept (those that name a requirement), each with a
// relationship.
func (d *dataLoader) settleCrosswalk(x *model.Crosswalk, p string) {
	x.Path = p
	if x.Pos.Path == "" {
		x.Pos = diag.Pos{Path: p, Line: 1, Col: 1}
	}
	var maps []*model.Mapping
	for _, m := range x.Mappings {
		if m == nil {
			continue
		}
		if m.From.ID == "" {
			d.errs.Add(m.Pos, "mapping has no from: name the requirement of %s it maps", x.Source.ID)
			continue
		}
		if m.Relationship == "" {
			m.Relationship = model.Intersects
		}
		maps = append(maps, m)
	}
	x.Mappings = maps
}
