package model

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// Register describes one register kept as data (the README's "Data files"): what the
// stages need to know of it that does not depend on its rows' fields. Registers is the
// one table of them: load decodes each file it names, resolve defines each register and
// its rows as entities and resolves the rows' references, urls places their pages, the
// site renders them with the layouts named here, and export, pack and versions read
// the rows through RegisterData and Row. A stage that needs more of one register than
// this (the risk register's heat maps) says so by name; an unknown name is an error,
// never a fall-through.
type Register struct {
	Name     string // stable name: the export's and the CLI's ("risks")
	Artefact string // its generated section in a pack's contents: ("risk-register")
	File     string // its data file ("data/risks.yaml")
	Key      string // the key of its rows in the data file ("risks")
	ID       string // the default ID of its document block ("REG-RISK")
	Title    string // the default title of its document block ("Risk register")
	Page     string // its page ("risks/index.html")
	Layout   string // the layout of its page ("risks")
	// About says what its export holds, for the CLI's help ("one row per risk, with
	// levels and bands computed by the method").
	About string
	// Section is its title in the navigation, and the breadcrumb of its rows' pages
	// ("Risk register").
	Section string
	// Clause is the clause of ISO/IEC 27001 the register is documented information for
	// by being there (the SoA is 6.1.3's), "" for none.
	Clause string
	// Row is the kind of entity each row is; nil when the rows are not entities of their
	// own (the SoA's rows belong to the controls).
	Row *RowKind
	// Data returns the register's data in a site: decoded into by load, read by the
	// other stages.
	Data func(s *Site) RegisterData
	// Columns are the fields of its rows as a table shows them (the export, a pack's
	// generic section, the "what changed" comparison of rows); nil for a register whose
	// rows are not entities of their own.
	Columns func(c TableContext) []Column
	// Fields are the columns an import reads back into the data file, the key of a row
	// (its ID, or the SoA's control) first; nil for a register that cannot be imported.
	// Columns not listed are derived (levels, overdue, digests) and are never read back.
	Fields func() []Field
	// Details names the columns of long text the register's page leaves to each row's
	// page (a nonconformity's root cause), so that the table fits a window; exports and
	// packs keep them.
	Details []string
	// Tracked names the columns whose changes "what changed" lists row by row (a risk's
	// levels, an action's status); rows added and removed are listed whatever they are.
	Tracked []string
	// Finish runs after the file is decoded, for what strict decoding cannot check (the
	// risk method's scales) and what the register reads besides its file (the evidence
	// files, through read). Nil when there is nothing more.
	Finish func(s *Site, read func(rel string) ([]byte, error), errs *diag.List)
	// WritesRows says Finish writes into the decoded rows (the evidence register's file
	// errors): the loader then decodes the file on every load rather than reusing the
	// rows an earlier load decoded from the same bytes.
	WritesRows bool
}

// RowKind is the kind of entity a register's rows are.
type RowKind struct {
	Kind   string // the entity kind ("risk"), as package resolve names kinds
	Noun   string // what a row is called in messages ("risk", "treatment action")
	Plural string // and more than one ("risks", "treatment actions")
	Dir    string // the directory of the rows' pages: Dir/<ID>.html
	Layout string // the layout of a row's page
	// Parts is the kind of the entities each row holds of its own (an audit's
	// findings): each part is a Row with its own ID, page, references and backlinks,
	// referenced by its row. Nil when the rows hold none.
	Parts *PartKind
}

// PartKind is the kind of entity the parts of a register's rows are.
type PartKind struct {
	RowKind
	// Of returns a row's parts, in file order, without the empty ones.
	Of func(Row) []Row
	// Columns are the parts' fields as a part's page shows them, and Tracked those whose
	// changes "what changed" lists part by part (with its register's rows).
	Columns func(c TableContext) []Column
	Tracked []string
}

// RowKinds returns the kinds of entity a register's rows and their parts are, rows
// first; none for a register whose rows are not entities of their own.
func (r *Register) RowKinds() []*RowKind {
	if r.Row == nil {
		return nil
	}
	out := []*RowKind{r.Row}
	if r.Row.Parts != nil {
		out = append(out, &r.Row.Parts.RowKind)
	}
	return out
}

// ColumnsOf returns the columns of the register's rows of kind k: the register's own,
// or its parts'.
func (r *Register) ColumnsOf(k *RowKind) func(TableContext) []Column {
	if p := r.Row; p != nil && p.Parts != nil && k != nil && k.Kind == p.Parts.Kind {
		return p.Parts.Columns
	}
	return r.Columns
}

// RegisterData is a register as loaded.
type RegisterData interface {
	// Control is the register's document-control block.
	Control() *DocControl
	// Source is where the register was loaded from: "" when the site has none (load
	// sets it).
	Source() *string
	// Rows returns the register's rows in file order, without the empty ones.
	Rows() []Row
}

// Row is one row of a register.
type Row interface {
	RowID() string
	RowIDPos() diag.Pos // where its ID is written
	RowPos() diag.Pos   // where the row starts
	RowTitle() string
	// RowRefs lists the row's references to other entities, by field.
	RowRefs() []RefField
}

// RefField is one field of a row that references other entities.
type RefField struct {
	Field string // its name in the data file ("controls")
	Refs  []Ref
	// Kinds are the entity kinds it may point at, as package resolve names them.
	Kinds []string
	// Owner marks the field naming the entity the row belongs to (an SoA row's control),
	// for a register whose rows are not entities of their own.
	Owner bool
	// Soft marks a field that is free text when the site keeps no register of the kinds
	// it references (a risk's asset without an asset inventory).
	Soft bool
}

// Registers returns the registers kept as data, in the order the site lists them. The
// registers are made once and shared (nothing writes into them); the slice is the
// caller's. Making them for every call was 1.7 MB of garbage and 1 ms of CPU in every
// live-preview rebuild at 1,000 documents.
func Registers() []*Register { return slices.Clone(registers()) }

var registers = sync.OnceValue(func() []*Register {
	return []*Register{
		{Name: "soa", Artefact: "soa", File: "data/soa.yaml", Key: "controls", ID: "SOA", Title: "Statement of Applicability",
			Page: "soa.html", Layout: "soa", Section: "Statement of Applicability", Clause: "6.1.3",
			Data: func(s *Site) RegisterData { return &s.SoA }, Fields: soaFields},
		{Name: "risks", Artefact: "risk-register", File: "data/risks.yaml", Key: "risks", ID: "REG-RISK", Title: "Risk register",
			Page: "risks/index.html", Layout: "risks", Section: "Risk register", Clause: "8.2",
			About:   "one row per risk, with levels and bands computed by the method",
			Row:     &RowKind{Kind: "risk", Noun: "risk", Plural: "risks", Dir: "risks", Layout: "risk"},
			Data:    func(s *Site) RegisterData { return &s.Risks },
			Columns: riskColumns, Fields: riskFields,
			Tracked: []string{"level", "band", "residual_level", "treatment"},
			Finish:  checkRiskMethod},
		{Name: "treatment", Artefact: "treatment-plan", File: "data/treatment.yaml", Key: "actions", ID: "RTP", Title: "Risk treatment plan",
			Page: "treatment/index.html", Layout: "treatment", Section: "Risk treatment plan",
			About:   "one row per risk treatment action",
			Row:     &RowKind{Kind: "action", Noun: "treatment action", Plural: "treatment actions", Dir: "treatment", Layout: "action"},
			Data:    func(s *Site) RegisterData { return &s.Treatment },
			Columns: actionColumns, Fields: actionFields,
			Tracked: []string{"status", "due"}},
		{Name: "evidence", Artefact: "evidence", File: "data/evidence.yaml", Key: "evidence", ID: "REG-EVIDENCE", Title: "Evidence register",
			Page: "evidence/index.html", Layout: "evidence-register", Section: "Evidence",
			About:   "one row per evidence record, with its file's SHA-256",
			Row:     &RowKind{Kind: "evidence", Noun: "evidence record", Plural: "evidence records", Dir: "evidence", Layout: "evidence"},
			Data:    func(s *Site) RegisterData { return &s.Evidence },
			Columns: evidenceColumns, Fields: evidenceFields,
			Tracked: []string{"file", "sha256", "date"},
			Finish:  readEvidenceFiles, WritesRows: true},
		assetRegister(),
		supplierRegister(),
		legalRegister(),
		ncRegister(),
		auditRegister(),
		objectiveRegister(),
	}
})

// RegisterNamed returns the register called name, or nil.
func RegisterNamed(name string) *Register {
	for _, r := range Registers() {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// checkRiskMethod checks what strict decoding cannot of the risk method: that it is
// there, its formula, and that its scales and bands rise.
func checkRiskMethod(s *Site, _ func(string) ([]byte, error), errs *diag.List) {
	r := &s.Risks
	m := &r.Method
	if m.Pos.Path == "" {
		errs.Add(diag.Pos{Path: r.Path}, "risk register has no method: add method: with likelihood and impact scales and an acceptance threshold")
		return
	}
	if len(m.Likelihood) == 0 || len(m.Impact) == 0 {
		errs.Add(m.Pos, "risk method needs likelihood and impact scales")
	}
	if m.Formula != "" && m.Formula != "multiply" && m.Formula != "add" {
		errs.Add(m.Pos, "risk method formula %q: want multiply or add", m.Formula)
	}
	for _, scale := range [][]ScaleStep{m.Likelihood, m.Impact} {
		for i, st := range scale {
			if i > 0 && st.Value <= scale[i-1].Value {
				errs.Add(st.Pos, "scale values must rise (%d after %d)", st.Value, scale[i-1].Value)
			}
		}
	}
	for i, b := range m.Bands {
		if i > 0 && b.Max <= m.Bands[i-1].Max {
			errs.Add(b.Pos, "band maximums must rise (%d after %d)", b.Max, m.Bands[i-1].Max)
		}
	}
}

// readEvidenceFiles reads the file of every evidence record. A file that cannot be
// read — missing, outside the site root, in a hidden directory, not a regular file — is
// a content error at the record's file:, as an unresolved reference is: a pack must not
// reach the auditor without the evidence it lists. The message starts "evidence ID:
// file F" (kind diag.KindEvidence: check reports it under the evidence-file rule);
// FileError keeps the reason.
func readEvidenceFiles(s *Site, read func(string) ([]byte, error), errs *diag.List) {
	for _, ev := range s.Evidence.Evidence {
		if ev == nil || ev.File == "" {
			continue
		}
		pos := ev.FilePos
		if pos.Path == "" {
			pos = ev.Pos
		}
		fail := func(why, todo string) {
			ev.FileError = why
			errs.AddKind(diag.KindEvidence, pos, "evidence %s: file %s %s; %s", ev.ID, ev.File, why, todo)
		}
		rel, ok := CleanRel(ev.File)
		if !ok {
			fail("resolves outside the site root", "write the path relative to the site root, without .., such as evidence/report.pdf")
			continue
		}
		b, err := read(rel)
		var refused interface{ Refusal() string }
		switch {
		case errors.As(err, &refused):
			ev.FileError = refused.Refusal()
			errs.AddKind(diag.KindEvidence, pos, "evidence %s: file %s: %s", ev.ID, ev.File, refused.Refusal())
		case errors.Is(err, fs.ErrNotExist):
			fail("not found", "add the file, or correct file: (a path relative to the site root)")
		case err != nil:
			fail("cannot be read ("+err.Error()+")", "check its permissions")
		default:
			sum := sha256.Sum256(b)
			ev.SHA256 = hex.EncodeToString(sum[:])
			ev.Size = int64(len(b))
			ev.File = rel
			s.Files[rel] = b
		}
	}
}

// CleanRel cleans a slash path written relative to the site root and reports whether it
// stays inside the root as written (the loader refuses links out of it).
func CleanRel(p string) (string, bool) {
	if p == "" || path.IsAbs(p) || filepath.IsAbs(p) || strings.Contains(p, `\`) {
		return "", false
	}
	clean := path.Clean(p)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", false
	}
	return clean, true
}
