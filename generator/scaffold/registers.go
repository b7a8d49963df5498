package scaffold

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// registerClauses are the clauses each register of a new ISMS declares in its
// document: block, by register name.
var registerClauses = map[string][]string{
	"soa":       {"6.1.3"},
	"risks":     {"8.2"},
	"treatment": {"6.1.3", "8.3"},
	"evidence":  {"8.1"},
}

// registerBodies write what a new register holds besides its document: block and its
// empty rows, by register name: the SoA's rows, the risk register's method.
var registerBodies = map[string]func(controls []*model.Control) string{
	"soa":   soaRows,
	"risks": func([]*model.Control) string { return riskMethod },
}

// registerYAML is the data file of a new, draft register.
func registerYAML(reg *model.Register, date model.Date, controls []*model.Control) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (data file of the register %q; see the ismsgen README).\n", reg.Title, reg.Name)
	fmt.Fprintf(&b, "document:\n  id: %s\n  title: %s\n  version: \"0.1\"\n  status: draft\n", reg.ID, yamlString(reg.Title))
	b.WriteString("  owner: \"\"      # the role accountable for it\n  approver: \"\"   # set approved: YYYY-MM-DD and status: approved when approved\n  review_cycle: 12m\n")
	if cl := registerClauses[reg.Name]; len(cl) > 0 {
		q := make([]string, len(cl))
		for i, c := range cl {
			q[i] = yamlString(c)
		}
		fmt.Fprintf(&b, "  clauses: [%s]\n", strings.Join(q, ", "))
	}
	fmt.Fprintf(&b, "  history:\n    - version: \"0.1\"\n      date: %s\n      change: Created by ismsgen init.\n\n", date)
	if body := registerBodies[reg.Name]; body != nil {
		b.WriteString(body(controls))
		return []byte(b.String())
	}
	fmt.Fprintf(&b, "%s: []\n", reg.Key)
	return []byte(b.String())
}

// soaRows has one row per catalogue control, applicability left to decide: check
// reports each undecided row, the owner's first to-do list.
func soaRows(controls []*model.Control) string {
	var b strings.Builder
	b.WriteString("# One row per control of the frameworks in force. Decide each: applicable: true with reasons, status and\n")
	b.WriteString("# owner, or applicable: false with a justification. `ismsgen check` lists what is undecided.\n")
	b.WriteString("controls:\n")
	for _, c := range controls {
		fmt.Fprintf(&b, "  - control: %s   # %s\n    applicable:\n", c.ID, c.Title)
	}
	return b.String()
}

// riskMethod is a 5×5 method: likelihood × impact, acceptable up to 6, four bands.
const riskMethod = `# The risk method (6.1.2): scales, formula, acceptance threshold and bands. Adapt the
# descriptions to the organisation; levels are computed from them, never typed.
method:
  likelihood:
    - {value: 1, name: Rare, description: "Not expected in the next 10 years."}
    - {value: 2, name: Unlikely, description: "Could occur once in 3 to 10 years."}
    - {value: 3, name: Possible, description: "Could occur once in 1 to 3 years."}
    - {value: 4, name: Likely, description: "Expected about once a year."}
    - {value: 5, name: Almost certain, description: "Expected several times a year."}
  impact:
    - {value: 1, name: Negligible, description: "No noticeable effect on customers or operations."}
    - {value: 2, name: Minor, description: "Limited, short disruption or cost; no personal data exposed."}
    - {value: 3, name: Moderate, description: "Several customers affected or limited personal data exposed."}
    - {value: 4, name: Major, description: "Notifiable breach, loss of a major customer or days of outage."}
    - {value: 5, name: Severe, description: "Large-scale breach or a threat to the organisation's survival."}
  formula: multiply
  acceptance: 6
  bands:
    - {max: 4, name: Low}
    - {max: 9, name: Medium}
    - {max: 15, name: High}
    - {max: 25, name: Critical}

risks: []
`
