package model

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

// The asset inventory (Annex A 5.9): data/assets.yaml, one row per information asset
// and per system, service, device or place that holds it.

// AssetInventory is data/assets.yaml.
type AssetInventory struct {
	Path     string     `yaml:"-"`
	Document DocControl `yaml:"document"`
	Assets   []*Asset   `yaml:"assets"`
}

// Asset is one row of the asset inventory.
type Asset struct {
	Pos               diag.Pos       `yaml:"-"`
	ID                string         `yaml:"id"`
	IDPos             diag.Pos       `yaml:"-"`
	Name              string         `yaml:"name"`
	Type              AssetType      `yaml:"type"`
	Description       string         `yaml:"description"`
	Owner             string         `yaml:"owner"`
	OwnerPos          diag.Pos       `yaml:"-"`
	Classification    Classification `yaml:"classification"`
	ClassificationPos diag.Pos       `yaml:"-"`
	Location          string         `yaml:"location"`
	CIA               CIANeeds       `yaml:"cia"`
	// HeldIn lists the assets that hold or process this one (an information asset's
	// systems and services).
	HeldIn []Ref `yaml:"held_in"`
	// Suppliers lists the suppliers that provide or host the asset.
	Suppliers []Ref    `yaml:"suppliers"`
	Review    Date     `yaml:"review"`
	ReviewPos diag.Pos `yaml:"-"`
}

// AssetType is what kind of asset a row is.
type AssetType string

func (t *AssetType) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "asset type", []string{"information", "application", "service", "platform", "device", "physical", "people", "facility"},
		map[string]string{"data": "information", "software": "application", "saas": "service", "hardware": "device", "site": "facility"})
	*t = AssetType(v)
	return err
}

// CIANeeds rates how much an asset needs each security property.
type CIANeeds struct {
	Pos             diag.Pos `yaml:"-"`
	Confidentiality Need     `yaml:"confidentiality"`
	Integrity       Need     `yaml:"integrity"`
	Availability    Need     `yaml:"availability"`
}

// Need is how much an asset needs a security property.
type Need string

func (x *Need) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "need", []string{"low", "medium", "high"}, map[string]string{"l": "low", "m": "medium", "h": "high"})
	*x = Need(v)
	return err
}

func (a *AssetInventory) Control() *DocControl { return &a.Document }
func (a *AssetInventory) Source() *string      { return &a.Path }
func (a *AssetInventory) Rows() []Row          { return rowsOf(a.Assets) }

func (a *Asset) RowID() string      { return a.ID }
func (a *Asset) RowIDPos() diag.Pos { return a.IDPos }
func (a *Asset) RowPos() diag.Pos   { return a.Pos }
func (a *Asset) RowTitle() string   { return a.Name }
func (a *Asset) RowRefs() []RefField {
	return []RefField{
		{Field: "held_in", Refs: a.HeldIn, Kinds: []string{"asset"}},
		{Field: "suppliers", Refs: a.Suppliers, Kinds: []string{"supplier"}},
	}
}

func (a *Asset) RowSearch() (meta, text []string) {
	return []string{string(a.Type), a.Owner, string(a.Classification)}, []string{a.Description, a.Owner, a.Location}
}

// assetColumns are the asset inventory's.
func assetColumns(TableContext) []Column {
	asset := func(f func(*Asset) any) func(Row) any { return func(r Row) any { return f(r.(*Asset)) } }
	need := func(n Need) any {
		if n == "" {
			return nil
		}
		return string(n)
	}
	return []Column{
		{"id", asset(func(a *Asset) any { return a.ID })},
		{"name", asset(func(a *Asset) any { return a.Name })},
		{"type", asset(func(a *Asset) any { return string(a.Type) })},
		{"owner", asset(func(a *Asset) any { return a.Owner })},
		{"classification", asset(func(a *Asset) any { return string(a.Classification) })},
		{"location", asset(func(a *Asset) any { return a.Location })},
		{"confidentiality", asset(func(a *Asset) any { return need(a.CIA.Confidentiality) })},
		{"integrity", asset(func(a *Asset) any { return need(a.CIA.Integrity) })},
		{"availability", asset(func(a *Asset) any { return need(a.CIA.Availability) })},
		{"held_in", asset(func(a *Asset) any { return IDs(a.HeldIn) })},
		{"suppliers", asset(func(a *Asset) any { return IDs(a.Suppliers) })},
		{"review", asset(func(a *Asset) any { return dateCell(a.Review) })},
		{"description", asset(func(a *Asset) any { return a.Description })},
	}
}

// assetRegister describes the asset inventory for the register table.
func assetRegister() *Register {
	return &Register{Name: "assets", Artefact: "asset-inventory", File: "data/assets.yaml", Key: "assets", ID: "REG-ASSETS", Title: "Asset inventory",
		Page: "assets/index.html", Layout: "register", Section: "Asset inventory",
		About:   "one row per asset, with its owner, classification and CIA needs",
		Row:     &RowKind{Kind: "asset", Noun: "asset", Plural: "assets", Dir: "assets", Layout: "row"},
		Data:    func(s *Site) RegisterData { return &s.AssetInventory },
		Columns: assetColumns, Fields: assetFields,
		Tracked: []string{"owner", "classification", "location", "held_in"}}
}
