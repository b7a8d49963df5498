package oscal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// Models lists the OSCAL models ismsgen exports, in the order the CLI documents them.
func Models() []string { return []string{"catalog", "profile", "ssp", "poam"} }

// Describe says what an export of a model holds, for the CLI's help.
func Describe(m string) string {
	switch m {
	case "catalog":
		return "the catalogues in force: IDs, titles, groups"
	case "profile":
		return "the SoA: the applicable controls selected, exclusions with their justification"
	case "ssp":
		return "system security plan: each applicable control's status, implementing documents and evidence"
	case "poam":
		return "plan of action and milestones: the risks and the treatment plan's actions"
	}
	return ""
}

// NS is the namespace of the properties ismsgen adds (OSCAL asks for one outside NIST's).
const NS = "https://github.com/ismsgen/ismsgen/ns/oscal"

// Write writes the OSCAL model m ("catalog", "profile", "ssp" or "poam") of g as JSON.
func Write(w io.Writer, g *resolve.Graph, m string) error {
	x := &writer{g: g, u: newUUIDs(g.Site.Config.Organisation)}
	var root string
	var doc any
	switch m {
	case "catalog":
		root, doc = "catalog", x.catalog()
	case "profile":
		root, doc = "profile", x.profile()
	case "ssp":
		root, doc = "system-security-plan", x.ssp()
	case "poam":
		root, doc = "plan-of-action-and-milestones", x.poam()
	default:
		return fmt.Errorf("unknown OSCAL model %q: want one of %s", m, strings.Join(Models(), ", "))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{root: doc}); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writer builds the documents of one graph.
type writer struct {
	g *resolve.Graph
	u uuids
}

// metadata is a document's metadata: its title, the build date as last-modified, the
// version of the register it comes from, the organisation as a party.
func (x *writer) metadata(title string, dc *model.DocControl) metadata {
	site := x.g.Site
	version := "unversioned"
	if dc != nil && dc.Version != "" {
		version = text(dc.Version)
	}
	m := metadata{Title: line(title), LastModified: x.g.Date.String() + "T00:00:00Z", Version: version, OSCALVersion: Version}
	if org := text(site.Config.Organisation); org != "" {
		p := x.u.of("party", "organisation")
		m.Roles = []role{{ID: "prepared-by", Title: "Prepared by"}}
		m.Parties = []party{{UUID: p, Type: "organization", Name: org}}
		m.Responsible = []respPty{{RoleID: "prepared-by", PartyUUIDs: []string{p}}}
	}
	return m
}

var token = regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)

// tokenOf is an ID as an OSCAL token (an XML NCName): as it is when it is one, else
// with what cannot be in one replaced by _ and a leading _ when it starts with a digit.
func tokenOf(id string) string {
	if token.MatchString(id) {
		return id
	}
	var b strings.Builder
	for i, r := range id {
		ok := r == '.' || r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if i == 0 && !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
			b.WriteByte('_')
		}
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// text collapses whitespace, as OSCAL's strings want (no leading, trailing or repeated
// white space, one line).
func text(s string) string { return strings.Join(strings.Fields(s), " ") }

// line is a one-line title, never empty.
func line(s string) string {
	if t := text(s); t != "" {
		return t
	}
	return "untitled"
}

func prop(name, value string) []property {
	if v := text(value); v != "" {
		return []property{{Name: name, NS: NS, Value: v}}
	}
	return nil
}

// page is the intranet address of an entity's page.
func (x *writer) page(e *resolve.Entity) string {
	return urls.Absolute(x.g.Site.Config.BaseURL, urls.Of(e))
}

func ids(es []*resolve.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}
