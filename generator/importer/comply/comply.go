package comply

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ismsgen/ismsgen/internal/filetree"

	"go.yaml.in/yaml/v3"
)

// section is one kind of comply document and where ismsgen keeps it.
type section struct {
	Dir, Type, Prefix string // comply's folder, the ismsgen type, the prefix of an ID from comply's id:
}

// sections lists comply's document folders in the order they are converted.
var sections = []section{
	{Dir: "narratives", Type: "manual", Prefix: "NAR"},
	{Dir: "policies", Type: "policy", Prefix: "POL"},
	{Dir: "procedures", Type: "procedure", Prefix: "PRO"},
}

// Report is what a conversion did and what needs a person's attention.
type Report struct {
	Organisation string
	Written      []string // files of the new site, slash paths relative to it
	Notes        []string // one line each, "path: what happened"
}

func (r *Report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// Convert reads the comply repository in src and writes an ismsgen site into dest,
// which must not exist or be empty.
func Convert(src, dest string) (*Report, error) {
	if entries, err := os.ReadDir(dest); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("--dest %s is not empty: convert into a new directory", dest)
	}
	if fi, err := os.Stat(filepath.Join(src, "comply.yml")); err != nil || fi.IsDir() {
		return nil, fmt.Errorf("%s has no comply.yml: not a comply repository", src)
	}
	rep := &Report{}
	files := map[string][]byte{}
	var cfg struct {
		Name string `yaml:"name"`
	}
	if b, err := os.ReadFile(filepath.Join(src, "comply.yml")); err == nil {
		if err := yaml.Unmarshal(b, &cfg); err != nil {
			rep.note("comply.yml: cannot be read (%v); the organisation is named after the folder", err)
		}
	}
	rep.Organisation = strings.TrimSpace(cfg.Name)
	if rep.Organisation == "" {
		rep.Organisation = filepath.Base(filepath.Clean(src))
	}
	known, err := convertStandards(src, files, rep)
	if err != nil {
		return nil, err
	}
	used := map[string]string{}
	for _, sec := range sections {
		names, err := markdownFiles(filepath.Join(src, sec.Dir))
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			rel := path.Join(sec.Dir, name)
			b, err := os.ReadFile(filepath.Join(src, sec.Dir, name))
			if err != nil {
				return nil, err
			}
			out, err := convertDocument(rel, b, sec, known, used, rep)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rel, err)
			}
			files[path.Join("content", rel)] = out
		}
	}
	files["data/site.yaml"] = []byte("# Converted from a comply repository by ismsgen import comply.\norganisation: " + quote(rep.Organisation) +
		"\ntitle: " + quote(rep.Organisation+" ISMS") + "\nclassification: internal\n")
	files["IMPORT-REPORT.md"] = reportText(rep)
	written, err := filetree.Write(dest, files)
	rep.Written = written
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// markdownFiles lists the .md files of a comply folder, sorted; README.md describes the
// folder in comply and is no document. A missing folder has none.
func markdownFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".md") && !strings.EqualFold(e.Name(), "README.md") {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// convertStandards turns each standards/*.yml (name:, then control IDs with family,
// name, description) into data/controls/<file>.yaml, keeping the file's order, and
// returns the control IDs it defines.
func convertStandards(src string, files map[string][]byte, rep *Report) (map[string]bool, error) {
	known := map[string]bool{}
	matches, _ := filepath.Glob(filepath.Join(src, "standards", "*.yml"))
	sort.Strings(matches)
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			return nil, err
		}
		rel := "standards/" + filepath.Base(m)
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			rep.note("%s: not a comply standard (a mapping of control IDs); left out", rel)
			continue
		}
		top := doc.Content[0]
		name := strings.TrimSuffix(filepath.Base(m), ".yml")
		var out bytes.Buffer
		var body bytes.Buffer
		count := 0
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i].Value, top.Content[i+1]
			if k == "name" {
				name = v.Value
				continue
			}
			var c struct{ Family, Name, Description string }
			if err := v.Decode(&c); err != nil {
				rep.note("%s:%d: control %s is not a mapping of family, name and description; left out", rel, v.Line, k)
				continue
			}
			fmt.Fprintf(&body, "  - id: %s\n    title: %s\n    theme: %s\n    description: %s\n", quote(k), quote(c.Name), quote(c.Family), quote(c.Description))
			known[k] = true
			count++
		}
		fmt.Fprintf(&out, "# The %s standard, converted from comply's %s.\ncatalogue: %s\ncontrols:\n", name, rel, quote(name))
		out.Write(body.Bytes())
		dest := "data/controls/" + strings.ToLower(strings.TrimSuffix(filepath.Base(m), ".yml")) + ".yaml"
		files[dest] = out.Bytes()
		rep.note("%s: %d controls of %s became the catalogue %s", rel, count, name, dest)
	}
	return known, nil
}

// quote is a YAML double-quoted scalar (Go's quoting is a subset of YAML's escapes).
func quote(s string) string { return fmt.Sprintf("%q", s) }

func reportText(rep *Report) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Import from comply\n\nConverted by `ismsgen import comply` for %s. Documents are in status `review`:\n"+
		"set owner, approver and approved, then status `approved`, once each is approved.\n\n", rep.Organisation)
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	return []byte(b.String())
}
