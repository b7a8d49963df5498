package scaffold

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"text/template"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/themes"
	"go.yaml.in/yaml/v3"
)

// archetypeData is what an archetype template sees.
type archetypeData struct {
	ID    string // the new document's ID ("" for a page without --id)
	Title string // raw: use {{ yaml .Title }} in front matter
	Date  string // YYYY-MM-DD
	Kind  string // policy, procedure, record, page; or mandatory, for init's stubs

	// The stubs of mandatory documents `ismsgen init` writes also see these.
	Type     string    // the document type: manual, policy, plan, record
	Summary  string    // one sentence under the title
	Clauses  []string  // the clauses it is the documented information for
	Controls []string  // the controls it implements
	Sections []Section // its headings, each with what to write under it
}

// Section is one heading of a stub, with what its TODO marker asks for.
type Section struct {
	Heading string
	Todo    string
}

// render executes the archetype of kind: the site theme's if it has one, else the
// default theme's. It returns the text and where the archetype came from.
func render(source, kind string, data archetypeData) ([]byte, string, error) {
	src, from, err := archetype(source, kind)
	if err != nil {
		return nil, "", err
	}
	t, err := template.New(from).Funcs(template.FuncMap{"yaml": yamlString}).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, "", fmt.Errorf("archetype %v", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, "", fmt.Errorf("archetype %v", err)
	}
	// An archetype edited by hand can produce front matter that does not parse; say so
	// now rather than at the next build.
	fm := frontMatter(buf.Bytes())
	if fm == nil {
		return nil, "", fmt.Errorf("archetype %s: the result does not start with front matter between --- lines", from)
	}
	var v map[string]any
	if err := yaml.Unmarshal(fm, &v); err != nil {
		return nil, "", fmt.Errorf("archetype %s: the front matter it produces is not valid YAML: %v", from, err)
	}
	return buf.Bytes(), from, nil
}

// archetype returns the source of an archetype and where it came from.
func archetype(source, kind string) ([]byte, string, error) {
	theme, err := siteTheme(source)
	if err != nil {
		return nil, "", err
	}
	// Read as the build does: never through a link out of the site or from a pipe.
	rel := path.Join("themes", theme, "archetypes", kind+".md")
	site := map[string][]byte{}
	b, err := load.ReadFile(source, rel)
	switch {
	case err == nil:
		site[rel] = b
	case !errors.Is(err, fs.ErrNotExist):
		return nil, "", err
	}
	o, err := themes.NewOverlay(theme, site)
	if err != nil && theme != "default" && len(site) == 0 {
		o, err = themes.NewOverlay("default", nil) // a theme without archetypes: the default's
	}
	if err != nil {
		return nil, "", err
	}
	b, from, ok := o.File("archetypes/" + kind + ".md")
	if !ok {
		return nil, "", fmt.Errorf("no archetype for %s: neither %s nor the default theme has one", kind, rel)
	}
	return b, from, nil
}

// themeLine reads data/site.yaml's theme without decoding the rest of the file, which
// may have mistakes the build reports; `new` should work regardless.
var themeLine = regexp.MustCompile(`(?m)^theme:[ \t]*["']?([^"'\s#]+)`)

func siteTheme(source string) (string, error) {
	b, err := load.ReadFile(source, "data/site.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return "default", nil
	}
	if err != nil {
		return "", err
	}
	if m := themeLine.FindSubmatch(b); m != nil && strings.TrimSpace(string(m[1])) != "" {
		return string(m[1]), nil
	}
	return "default", nil
}

// yamlString quotes s as a YAML double-quoted scalar (JSON's string syntax is one), so
// a title with a colon, a quote or a leading dash stays a string.
func yamlString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "&" stays "&", not "\u0026"
	if err := enc.Encode(s); err != nil {
		panic(err) // a string always encodes
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
