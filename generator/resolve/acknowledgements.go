package resolve

import (
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// AckCoverage is how far one distribution group has acknowledged the version in force
// of a document (7.3): acknowledgements of an earlier major version do not count.
type AckCoverage struct {
	Group *model.AckGroup
	// Version is the version in force, and Major the major version acknowledgements
	// must be of.
	Version, Major string
	// Acknowledged are the members who acknowledged it, sorted; Members the group's
	// size.
	Acknowledged []string
	Members      int
}

// Percent is the share of members who acknowledged, 0 to 100 (100 for an empty
// group).
func (c AckCoverage) Percent() float64 {
	if c.Members == 0 {
		return 100
	}
	return 100 * float64(len(c.Acknowledged)) / float64(c.Members)
}

// Outstanding is how many members have not acknowledged.
func (c AckCoverage) Outstanding() int { return max(c.Members-len(c.Acknowledged), 0) }

// Pending lists the members who have not acknowledged, in the group's order, when the
// group lists its members (none when it gives only its size).
func (c AckCoverage) Pending() []string {
	var out []string
	for _, p := range c.Group.Members {
		if !slices.ContainsFunc(c.Acknowledged, func(a string) bool { return model.SameName(a, p) }) {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

// AckArtefact is the name of the acknowledgement coverage as a generated artefact of a
// pack's contents (and of its export, and of its rows in "what changed").
const AckArtefact = "acknowledgements"

// resolveAcknowledgements checks that every acknowledgement names a document or a
// register, and indexes the records by document.
func (r *resolver) resolveAcknowledgements() {
	g := r.g
	for _, a := range g.Site.Acknowledgements.Records {
		if a == nil || a.Document.ID == "" {
			continue
		}
		e, ok := g.byID[a.Document.ID]
		if !ok {
			r.errs.AddKind(diag.KindReference, a.Document.Pos, "%s", r.unresolved(a.Document.ID, "acknowledgement"))
			continue
		}
		if e.Kind != KindDocument && e.Kind != KindRegister {
			r.errs.AddKind(diag.KindReference, a.Document.Pos, "acknowledgement: %s is a %s, not a document or register", a.Document.ID, e.Kind)
			continue
		}
		if g.acks == nil {
			g.acks = map[*Entity][]*model.Acknowledgement{}
		}
		g.acks[e] = append(g.acks[e], a)
	}
}

// Acknowledgements returns the coverage of a document or register for each group its
// distribution: names (groups separated by ";" or ","), in the order named; none when
// it names no known group.
func (g *Graph) Acknowledgements(e *Entity) []AckCoverage {
	info, ok := g.Controlled(e)
	if !ok || info.Distribution == "" {
		return nil
	}
	major := majorVersion(info.Version)
	var out []AckCoverage
	for _, name := range strings.FieldsFunc(info.Distribution, func(r rune) bool { return r == ';' || r == ',' }) {
		grp := g.Site.Acknowledgements.GroupNamed(name)
		if grp == nil {
			continue
		}
		c := AckCoverage{Group: grp, Version: info.Version, Major: major, Members: grp.Count()}
		members := map[string]bool{}
		for _, m := range grp.Members {
			members[model.NameKey(m)] = true
		}
		groupKey := model.NameKey(grp.Name)
		counted := map[string]bool{}
		for _, a := range g.acks[e] {
			if majorVersion(a.Version) != major || CompareVersions(a.Version, info.Version) > 0 {
				continue
			}
			person := model.NameKey(a.Person)
			member := members[person]
			if len(grp.Members) == 0 {
				member = model.NameKey(a.Group) == groupKey
			}
			if member && !counted[person] {
				counted[person] = true
				c.Acknowledged = append(c.Acknowledged, strings.TrimSpace(a.Person))
			}
		}
		slices.Sort(c.Acknowledged)
		out = append(out, c)
	}
	return out
}

// majorVersion is a version's first part: "2" of "2.1".
func majorVersion(v string) string {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	if i := strings.IndexByte(v, '.'); i >= 0 {
		return v[:i]
	}
	return v
}
