package export

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Acknowledgements is the export of acknowledgement coverage: what an auditor asks for
// as evidence of awareness (7.3).
const Acknowledgements = resolve.AckArtefact

// acknowledgementTable has one row per published document (or register) and each
// distribution group it names, in document ID order then the order named: the version
// in force, the group's size, how many acknowledged that major version, the coverage
// in whole percent (rounded down, so that 99.5% never reads 100), and the members who
// have not acknowledged when the group lists its members.
func (x exporter) acknowledgementTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"document", "title", "version", "approved", "group", "members", "acknowledged", "outstanding", "coverage", "pending"}}
	for _, e := range g.Documents() {
		m, ok := g.Controlled(e)
		if !ok || !x.keep(e) {
			continue
		}
		for _, c := range g.Acknowledgements(e) {
			t.Rows = append(t.Rows, []any{m.ID, m.Title, c.Version, date(m.Approved), strings.TrimSpace(c.Group.Name),
				c.Members, len(c.Acknowledged), c.Outstanding(), int(c.Percent()), c.Pending()})
		}
	}
	return t
}
