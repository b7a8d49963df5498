package synth

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/internal/filetree"
)

// Generate writes a site with docs Markdown documents into dir: data/site.yaml, the SoA
// over all 93 Annex A controls, a risk register with about docs/10 risks, a treatment
// plan, an evidence register with small evidence files, and documents of mixed types
// with headings, lists, a table, a code block, footnotes and eight cross-references.
func Generate(dir string, docs int) error { return GenerateOptions(dir, Options{Docs: docs}) }

// Options size a synthetic site.
type Options struct {
	Docs int // Markdown documents; at least 1
	// Risks is the number of risks, each with one treatment action; 0 means docs/10
	// (at least 3).
	Risks int
}

// Scale is the corpus of the scale benchmarks: docs documents, the 93 controls, 500
// risks and 500 treatment actions.
func Scale(docs int) Options { return Options{Docs: docs, Risks: 500} }

// GenerateOptions writes a site sized by opt into dir.
func GenerateOptions(dir string, opt Options) error {
	if opt.Docs < 1 {
		return fmt.Errorf("synth: need at least one document, got %d", opt.Docs)
	}
	if opt.Risks < 0 {
		return fmt.Errorf("synth: negative number of risks %d", opt.Risks)
	}
	s := newSite(opt.Docs, opt.Risks)
	files := map[string]string{
		"data/site.yaml":      s.siteYAML(),
		"data/soa.yaml":       s.soaYAML(),
		"data/risks.yaml":     s.risksYAML(),
		"data/treatment.yaml": s.treatmentYAML(),
		"data/evidence.yaml":  s.evidenceYAML(),
	}
	for _, ev := range s.evidence {
		files[ev.file] = ev.content
	}
	for i := range s.docs {
		files[s.docs[i].path] = s.document(i)
	}
	_, err := filetree.Write(dir, files)
	return err
}

// Organisation is the organisation of every synthetic site.
const Organisation = "Synthetic Systems Ltd"

// doc is a planned document.
type doc struct {
	id, title, typ, dir, path string
	clauses                   []string
	controls                  []string
}

type evidence struct {
	id, title, file, content string
	controls                 []string
}

type risk struct {
	id, title       string
	l, i, rl, ri    int
	controls        []string
	action          string
	treatment       string
	acceptedByOwner bool
}

// site is the plan of a synthetic site.
type site struct {
	docs     []doc
	controls []string
	risks    []risk
	evidence []evidence
	rnd      rng
}

// rng is a small deterministic generator (a 64-bit LCG), so that output never depends
// on math/rand's seeding or version.
type rng struct{ s uint64 }

func (r *rng) intn(n int) int {
	r.s = r.s*6364136223846793005 + 1442695040888963407
	return int((r.s >> 33) % uint64(n))
}

// annexA lists the Annex A control IDs: A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14,
// A.8.1–A.8.34.
func annexA() []string {
	var out []string
	for _, t := range []struct{ theme, n int }{{5, 37}, {6, 8}, {7, 14}, {8, 34}} {
		for i := 1; i <= t.n; i++ {
			out = append(out, fmt.Sprintf("A.%d.%d", t.theme, i))
		}
	}
	return out
}

// coreClauses are given to the first documents so that a Stage 1 pack finds them.
var coreClauses = []struct {
	typ, title string
	clauses    []string
}{
	{"manual", "Context of the organisation", []string{"4.1", "4.2"}},
	{"manual", "ISMS scope", []string{"4.3"}},
	{"policy", "Information security policy", []string{"5.2"}},
	{"manual", "Roles and responsibilities", []string{"5.3"}},
	{"manual", "Risk assessment and treatment methodology", []string{"6.1.2", "6.1.3"}},
	{"plan", "Information security objectives", []string{"6.2"}},
	{"record", "Competence and awareness records", []string{"7.2", "7.3"}},
	{"plan", "Communication plan", []string{"7.4"}},
	{"procedure", "Control of documented information", []string{"7.5"}},
	{"procedure", "Operational planning and control", []string{"8.1"}},
	{"record", "Monitoring and measurement report", []string{"9.1"}},
	{"record", "Internal audit report", []string{"9.2"}},
	{"record", "Management review minutes", []string{"9.3"}},
	{"register", "Nonconformity and corrective action log", []string{"10.2"}},
}

// typeCycle spreads the other documents over the types.
var typeCycle = []string{"policy", "procedure", "policy", "procedure", "standard", "record", "procedure", "policy", "plan", "register"}

var typeInfo = map[string]struct{ prefix, dir string }{
	"policy":    {"POL", "policies"},
	"procedure": {"PRO", "procedures"},
	"standard":  {"STD", "standards"},
	"plan":      {"PLN", "plans"},
	"record":    {"REC", "records"},
	"register":  {"REG", "registers"},
	"manual":    {"MAN", "manual"},
}

var topics = []string{
	"access control", "cryptography", "backup", "supplier security", "incident management",
	"secure development", "asset management", "classification", "physical security",
	"remote working", "logging and monitoring", "vulnerability management", "change management",
	"business continuity", "acceptable use", "information transfer", "cloud services",
	"data protection", "human resources security", "network security",
}

func newSite(n, risks int) *site {
	s := &site{controls: annexA(), rnd: rng{s: uint64(n)*2654435761 + 7}}
	for i := range n {
		d := doc{typ: typeCycle[i%len(typeCycle)]}
		if i < len(coreClauses) {
			c := coreClauses[i]
			d.typ, d.title, d.clauses = c.typ, c.title, c.clauses
		} else {
			topic := topics[i%len(topics)]
			d.title = fmt.Sprintf("%s %s %d", strings.ToUpper(topic[:1])+topic[1:], d.typ, i+1)
		}
		ti := typeInfo[d.typ]
		d.id = fmt.Sprintf("%s-%04d", ti.prefix, i+1)
		d.dir = ti.dir
		d.path = fmt.Sprintf("content/%s/%s.md", ti.dir, strings.ToLower(d.id))
		for k := range 3 {
			d.controls = append(d.controls, s.controls[applicable((i*7+k*31)%len(s.controls))])
		}
		s.docs = append(s.docs, d)
	}
	for i := range 12 {
		id := fmt.Sprintf("EV-%03d", i+1)
		file := fmt.Sprintf("evidence/record-%03d.csv", i+1)
		var b strings.Builder
		b.WriteString("date,item,result\n")
		for k := range 5 {
			fmt.Fprintf(&b, "2026-%02d-%02d,check %d,pass\n", k+1, i+1, k+1)
		}
		s.evidence = append(s.evidence, evidence{
			id: id, title: fmt.Sprintf("Operating record %d", i+1), file: file, content: b.String(),
			controls: []string{s.controls[applicable((i*5)%len(s.controls))]},
		})
	}
	nr := max(n/10, 3)
	if risks > 0 {
		nr = risks
	}
	treatments := []string{"modify", "modify", "retain", "modify", "share", "avoid"}
	for i := range nr {
		rk := risk{
			id:        fmt.Sprintf("R-%03d", i+1),
			title:     fmt.Sprintf("Loss of %s through scenario %d", topics[i%len(topics)], i+1),
			l:         1 + s.rnd.intn(5),
			i:         1 + s.rnd.intn(5),
			action:    fmt.Sprintf("RTP-%03d", i+1),
			treatment: treatments[i%len(treatments)],
		}
		rk.rl, rk.ri = max(1, rk.l-1-s.rnd.intn(2)), max(1, rk.i-s.rnd.intn(2))
		for k := range 2 {
			rk.controls = append(rk.controls, s.controls[applicable((i*11+k*17)%len(s.controls))])
		}
		s.risks = append(s.risks, rk)
	}
	return s
}

// isApplicable says which SoA rows (by catalogue index) are applicable: all but every
// 23rd, so the SoA has exclusions to justify.
func isApplicable(i int) bool { return i%23 != 22 }

// applicable returns the catalogue index i, or the next applicable one: risks and
// actions cite only applicable controls.
func applicable(i int) int {
	if isApplicable(i) {
		return i
	}
	return i + 1
}

func (s *site) siteYAML() string {
	var b strings.Builder
	b.WriteString(`organisation: ` + Organisation + `
title: Synthetic ISMS
base_url: https://isms.synthetic.example/
classification: internal
scope: >-
  The information security management system of Synthetic Systems Ltd covers the design,
  development, operation and support of its software services, the offices and remote work.
packs:
  - name: stage1
    title: Stage 1 audit pack
    contents:
`)
	for i := range min(len(coreClauses), len(s.docs)) {
		fmt.Fprintf(&b, "      - %s\n", s.docs[i].id)
		if i == 4 {
			b.WriteString("      - REG-RISK\n      - RTP\n      - SOA\n")
		}
	}
	b.WriteString(`      - "type:policy"
      - "type:procedure"
      - REG-EVIDENCE
      - clauses
  - name: full
    title: Complete ISMS
    paper: A4
    attach_evidence: true
    contents:
      - SOA
      - risk-register
      - treatment-plan
      - "type:manual"
      - "type:policy"
      - "type:standard"
      - "type:procedure"
      - "type:plan"
      - "type:register"
      - "type:record"
      - evidence
      - clauses
`)
	return b.String()
}

// docControl is the document block of a register data file.
func docControl(id, title, clauses string) string {
	return fmt.Sprintf(`document:
  id: %s
  title: %s
  version: "1.1"
  status: approved
  owner: ISMS Manager
  author: ISMS Manager
  approver: CEO
  approved: 2026-03-02
  review_cycle: 12m
  classification: confidential
  clauses: [%s]
  history:
    - version: "1.0"
      date: 2026-01-12
      author: ISMS Manager
      change: First issue.
    - version: "1.1"
      date: 2026-03-02
      author: ISMS Manager
      change: Reviewed and approved.
`, id, title, clauses)
}

func (s *site) soaYAML() string {
	var b strings.Builder
	b.WriteString(docControl("SOA", "Statement of Applicability", `"6.1.3 d"`))
	b.WriteString("controls:\n")
	statuses := []string{"implemented", "implemented", "partial", "implemented", "planned"}
	reasons := []string{"[risk]", "[risk, legal]", "[contractual, risk]", "[business]"}
	for i, c := range s.controls {
		fmt.Fprintf(&b, "  - control: %s\n", c)
		if !isApplicable(i) {
			b.WriteString("    applicable: false\n    justification: No activity of this kind takes place within the scope.\n")
			continue
		}
		st := statuses[i%len(statuses)]
		fmt.Fprintf(&b, "    applicable: true\n    reasons: %s\n    justification: Needed to treat the risks of the register and meet customer contracts.\n    status: %s\n    owner: %s\n",
			reasons[i%len(reasons)], st, []string{"CTO", "ISMS Manager", "Head of People", "Operations Director"}[i%4])
		if st == "planned" || st == "partial" {
			b.WriteString("    target: 2027-06-30\n")
		}
		if len(s.docs) > 0 {
			fmt.Fprintf(&b, "    documents: [%s]\n", s.docs[i%len(s.docs)].id)
		}
		if i%4 == 0 {
			fmt.Fprintf(&b, "    evidence: [%s]\n", s.evidence[i%len(s.evidence)].id)
		}
	}
	return b.String()
}

func (s *site) risksYAML() string {
	var b strings.Builder
	b.WriteString(docControl("REG-RISK", "Information security risk register", `"8.2"`))
	b.WriteString(`method:
  likelihood:
    - {value: 1, name: Rare, description: Not expected in ten years.}
    - {value: 2, name: Unlikely, description: Once in three to ten years.}
    - {value: 3, name: Possible, description: Once in one to three years.}
    - {value: 4, name: Likely, description: About once a year.}
    - {value: 5, name: Almost certain, description: Several times a year.}
  impact:
    - {value: 1, name: Negligible, description: No customer impact.}
    - {value: 2, name: Minor, description: One customer inconvenienced.}
    - {value: 3, name: Moderate, description: Several customers affected.}
    - {value: 4, name: Major, description: Notifiable breach or long outage.}
    - {value: 5, name: Severe, description: Threat to the company's survival.}
  formula: multiply
  acceptance: 6
  bands:
    - {max: 4, name: Low}
    - {max: 9, name: Medium}
    - {max: 15, name: High}
    - {max: 25, name: Critical}
risks:
`)
	for _, r := range s.risks {
		fmt.Fprintf(&b, `  - id: %s
    title: %s
    asset: Service platform
    threat: External attacker or operator error
    vulnerability: Gaps in the control of %s
    cia: [confidentiality, availability]
    owner: CTO
    likelihood: %d
    impact: %d
    treatment: %s
    controls: [%s]
    actions: [%s]
    residual: {likelihood: %d, impact: %d}
    accepted_by: CTO
    accepted: 2026-03-02
`, r.id, r.title, strings.ToLower(r.title), r.l, r.i, r.treatment, strings.Join(r.controls, ", "), r.action, r.rl, r.ri)
	}
	return b.String()
}

func (s *site) treatmentYAML() string {
	var b strings.Builder
	b.WriteString(docControl("RTP", "Risk treatment plan", `"6.1.3", "8.3"`))
	b.WriteString("actions:\n")
	statuses := []string{"planned", "in-progress", "done", "planned", "cancelled"}
	for i, r := range s.risks {
		st := statuses[i%len(statuses)]
		fmt.Fprintf(&b, `  - id: %s
    title: Strengthen controls for %s
    risks: [%s]
    action: Put the selected controls in place and check that they operate.
    controls: [%s]
    owner: CTO
    approver: CTO
    start: 2026-02-01
    due: 2026-%02d-28
    status: %s
    measure: Control tested and operating
`, r.action, strings.ToLower(r.title), r.id, strings.Join(r.controls, ", "), 3+i%9, st)
		if st == "done" {
			fmt.Fprintf(&b, "    completed: 2026-%02d-20\n    evidence: [%s]\n", 3+i%9, s.evidence[i%len(s.evidence)].id)
		}
	}
	return b.String()
}

func (s *site) evidenceYAML() string {
	var b strings.Builder
	b.WriteString(docControl("REG-EVIDENCE", "Evidence register", `"8.1", "9.1"`))
	b.WriteString("evidence:\n")
	for i, ev := range s.evidence {
		fmt.Fprintf(&b, "  - id: %s\n    title: %s\n    file: %s\n    controls: [%s]\n    date: 2026-%02d-15\n    owner: ISMS Manager\n",
			ev.id, ev.title, ev.file, strings.Join(ev.controls, ", "), 1+i%12)
	}
	return b.String()
}
