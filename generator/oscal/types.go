package oscal

// The subset of the OSCAL 1.2.1 JSON model ismsgen writes. Field order is the order
// the JSON has; empty fields are left out (OSCAL arrays must not be empty).

const Version = "1.2.1"

type metadata struct {
	Title        string     `json:"title"`
	LastModified string     `json:"last-modified"`
	Version      string     `json:"version"`
	OSCALVersion string     `json:"oscal-version"`
	Props        []property `json:"props,omitempty"`
	Roles        []role     `json:"roles,omitempty"`
	Parties      []party    `json:"parties,omitempty"`
	Responsible  []respPty  `json:"responsible-parties,omitempty"`
	Remarks      string     `json:"remarks,omitempty"`
}

type role struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type party struct {
	UUID string `json:"uuid"`
	Type string `json:"type"`
	Name string `json:"name,omitempty"`
}

type respPty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

type property struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Class   string `json:"class,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

type part struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name"`
	Prose string `json:"prose,omitempty"`
}

type backMatter struct {
	Resources []resource `json:"resources,omitempty"`
}

type resource struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Props       []property `json:"props,omitempty"`
	RLinks      []rlink    `json:"rlinks,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

type rlink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitempty"`
	Hashes    []hash `json:"hashes,omitempty"`
}

type hash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

// catalog

type catalog struct {
	UUID       string      `json:"uuid"`
	Metadata   metadata    `json:"metadata"`
	Groups     []group     `json:"groups,omitempty"`
	BackMatter *backMatter `json:"back-matter,omitempty"`
}

type group struct {
	ID       string     `json:"id,omitempty"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []property `json:"props,omitempty"`
	Groups   []group    `json:"groups,omitempty"`
	Controls []control  `json:"controls,omitempty"`
}

type control struct {
	ID    string     `json:"id"`
	Class string     `json:"class,omitempty"`
	Title string     `json:"title"`
	Props []property `json:"props,omitempty"`
	Parts []part     `json:"parts,omitempty"`
}

// profile

type profile struct {
	UUID       string      `json:"uuid"`
	Metadata   metadata    `json:"metadata"`
	Imports    []imprt     `json:"imports"`
	Merge      *merge      `json:"merge,omitempty"`
	Modify     *modify     `json:"modify,omitempty"`
	BackMatter *backMatter `json:"back-matter,omitempty"`
}

type imprt struct {
	Href            string       `json:"href"`
	IncludeControls []selectByID `json:"include-controls"`
	ExcludeControls []selectByID `json:"exclude-controls,omitempty"`
}

type selectByID struct {
	WithIDs []string `json:"with-ids"`
}

type merge struct {
	AsIs bool `json:"as-is"`
}

type modify struct {
	Alters []alter `json:"alters,omitempty"`
}

type alter struct {
	ControlID string `json:"control-id"`
	Adds      []add  `json:"adds"`
}

type add struct {
	Position string     `json:"position"`
	Props    []property `json:"props"`
}

// system security plan

type ssp struct {
	UUID                  string                `json:"uuid"`
	Metadata              metadata              `json:"metadata"`
	ImportProfile         importHref            `json:"import-profile"`
	SystemCharacteristics systemCharacteristics `json:"system-characteristics"`
	SystemImplementation  systemImplementation  `json:"system-implementation"`
	ControlImplementation controlImplementation `json:"control-implementation"`
	BackMatter            *backMatter           `json:"back-matter,omitempty"`
}

type importHref struct {
	Href string `json:"href"`
}

type systemCharacteristics struct {
	SystemIDs             []systemID        `json:"system-ids"`
	SystemName            string            `json:"system-name"`
	Description           string            `json:"description"`
	SystemInformation     systemInformation `json:"system-information"`
	Status                status            `json:"status"`
	AuthorizationBoundary description       `json:"authorization-boundary"`
}

type systemID struct {
	IdentifierType string `json:"identifier-type"`
	ID             string `json:"id"`
}

type systemInformation struct {
	InformationTypes []informationType `json:"information-types"`
}

type informationType struct {
	UUID        string `json:"uuid"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

type status struct {
	State   string `json:"state"`
	Remarks string `json:"remarks,omitempty"`
}

type description struct {
	Description string `json:"description"`
}

type systemImplementation struct {
	Components []component `json:"components"`
}

type component struct {
	UUID        string     `json:"uuid"`
	Type        string     `json:"type"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Props       []property `json:"props,omitempty"`
	Links       []link     `json:"links,omitempty"`
	Status      status     `json:"status"`
}

type controlImplementation struct {
	Description             string                   `json:"description"`
	ImplementedRequirements []implementedRequirement `json:"implemented-requirements"`
}

type implementedRequirement struct {
	UUID         string        `json:"uuid"`
	ControlID    string        `json:"control-id"`
	Props        []property    `json:"props,omitempty"`
	Links        []link        `json:"links,omitempty"`
	ByComponents []byComponent `json:"by-components,omitempty"`
	Remarks      string        `json:"remarks,omitempty"`
}

type byComponent struct {
	ComponentUUID        string  `json:"component-uuid"`
	UUID                 string  `json:"uuid"`
	Description          string  `json:"description"`
	ImplementationStatus *status `json:"implementation-status,omitempty"`
}

// plan of action and milestones

type poam struct {
	UUID       string      `json:"uuid"`
	Metadata   metadata    `json:"metadata"`
	ImportSSP  *importHref `json:"import-ssp,omitempty"`
	Risks      []risk      `json:"risks,omitempty"`
	PoamItems  []poamItem  `json:"poam-items"`
	BackMatter *backMatter `json:"back-matter,omitempty"`
}

type risk struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Statement   string     `json:"statement"`
	Props       []property `json:"props,omitempty"`
	Status      string     `json:"status"`
	Deadline    string     `json:"deadline,omitempty"`
}

type poamItem struct {
	UUID         string        `json:"uuid"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	Props        []property    `json:"props,omitempty"`
	Links        []link        `json:"links,omitempty"`
	RelatedRisks []relatedRisk `json:"related-risks,omitempty"`
	Remarks      string        `json:"remarks,omitempty"`
}

type relatedRisk struct {
	RiskUUID string `json:"risk-uuid"`
}
