package model

import "github.com/ismsgen/ismsgen/generator/diag"

// ISO27001 is the name of the built-in ISO/IEC 27001:2022 Annex A catalogue: the
// framework in force when data/site.yaml lists none. It alone has clauses.
const ISO27001 = "iso27001-2022"

// Framework is a control catalogue: the built-in ISO/IEC 27001:2022 Annex A and NIS2
// catalogues, a data/controls/*.yaml file, or an OSCAL catalog in data/controls/*.json.
type Framework struct {
	Path string   `yaml:"-"` // its file, or a (built-in)/ pseudo-path
	Pos  diag.Pos `yaml:"-"`
	// Name is how frameworks: and mappings name it (its catalogue: key; for a file
	// without one, the file's name without extension).
	Name string `yaml:"catalogue"`
	// Title is its name for people ("ISO/IEC 27001:2022 Annex A"); Name when empty.
	Title string `yaml:"title"`
	// Attribution is the licence notice that must travel with the catalogue's facts.
	Attribution string     `yaml:"attribution"`
	Groups      []*Group   `yaml:"groups"`
	Controls    []*Control `yaml:"controls"`
	// BuiltIn marks a catalogue embedded in ismsgen.
	BuiltIn bool `yaml:"-"`
	// InForce marks a framework data/site.yaml's frameworks: lists (load sets it).
	InForce bool `yaml:"-"`
}

// Catalogue is the YAML form of a Framework (data/controls/*.yaml).
type Catalogue = Framework

// Group is a named group of a catalogue's controls (a NIS2 section).
type Group struct {
	Pos   diag.Pos `yaml:"-"`
	ID    string   `yaml:"id"`
	Title string   `yaml:"title"`
}

// DisplayTitle is the framework's title, or its name.
func (f *Framework) DisplayTitle() string {
	if f.Title != "" {
		return f.Title
	}
	return f.Name
}

// GroupTitle returns the title of the group with the ID, or the ID.
func (f *Framework) GroupTitle(id string) string {
	for _, g := range f.Groups {
		if g.ID == id {
			return g.Title
		}
	}
	return id
}

// FrameworkNamed returns the framework called name, or nil.
func (s *Site) FrameworkNamed(name string) *Framework {
	for _, f := range s.Frameworks {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// InForce reports whether the framework called name is in force.
func (s *Site) InForce(name string) bool {
	f := s.FrameworkNamed(name)
	return f != nil && f.InForce
}

// Crosswalk is a data/mappings/*.yaml file (or a built-in mapping): requirements of a
// source framework mapped onto controls (and, for ISO/IEC 27001, clauses) of a target
// framework, with the relationship of each pair as NIST IR 8477 and OSCAL's mapping
// model name them.
type Crosswalk struct {
	Path   string   `yaml:"-"`
	Pos    diag.Pos `yaml:"-"`
	Source Ref      `yaml:"source"`
	Target Ref      `yaml:"target"`
	// Title names the crosswalk for people; Attribution is its licence notice.
	Title       string     `yaml:"title"`
	Attribution string     `yaml:"attribution"`
	Mappings    []*Mapping `yaml:"mappings"`
	BuiltIn     bool       `yaml:"-"`
}

// Mapping maps one requirement onto controls or clauses of the target framework.
type Mapping struct {
	Pos  diag.Pos `yaml:"-"`
	From Ref      `yaml:"from"`
	To   RefList  `yaml:"to"`
	// Relationship is how the requirement relates to each target (default intersects).
	Relationship MapRelationship `yaml:"relationship"`
	Remarks      string          `yaml:"remarks"`
}

// MapRelationship is a mapping's set-theory relationship (NIST IR 8477): the source
// requirement is equal to, a subset of, a superset of, or intersects the target.
type MapRelationship string

const (
	Equal      MapRelationship = "equal"
	Subset     MapRelationship = "subset"
	Superset   MapRelationship = "superset"
	Intersects MapRelationship = "intersects"
)

// Relationships lists the relationships, in the order the README explains them.
func Relationships() []string {
	return []string{string(Equal), string(Subset), string(Superset), string(Intersects)}
}
