package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/filetree"
	"go.yaml.in/yaml/v3"
)

// InitOptions describe a new ISMS.
type InitOptions struct {
	Dir  string // the site root; created when missing
	Org  string // the organisation's name
	Date model.Date
	// Frameworks are the built-in frameworks in force (default: iso27001-2022 alone).
	Frameworks []string
}

// InitResult says what Init wrote and what it found already there.
type InitResult struct {
	Written []string // slash paths relative to Dir, in the order written
	Kept    []string // files that existed and were left as they were
}

// Init writes a new ISMS into opt.Dir that builds at once: data/site.yaml, every
// register of model.Registers as a draft with its document: block (the SoA with one
// row per catalogue control and applicable left to decide, the risk register with a
// 5×5 method), a draft stub for each mandatory document with TODO markers under its
// headings, a .gitignore and a README. It never overwrites a file: one that exists
// is kept and listed in Kept.
func Init(opt InitOptions) (*InitResult, error) {
	if strings.TrimSpace(opt.Org) == "" {
		return nil, errors.New("the organisation's name is empty")
	}
	files, err := starterFiles(opt)
	if err != nil {
		return nil, err
	}
	res := &InitResult{}
	for _, f := range files {
		wrote, err := writeNew(opt.Dir, f.path, f.text)
		if err != nil {
			return res, err
		}
		if wrote {
			res.Written = append(res.Written, f.path)
		} else {
			res.Kept = append(res.Kept, f.path)
		}
	}
	return res, nil
}

type starterFile struct {
	path string
	text []byte
}

// starterFiles returns every file of a new ISMS, in the order Init writes them.
func starterFiles(opt InitOptions) ([]starterFile, error) {
	out := []starterFile{{"data/site.yaml", siteYAML(opt.Org, opt.Frameworks)}}
	cat, err := soaControls(opt.Frameworks)
	if err != nil {
		return nil, err
	}
	for _, reg := range model.Registers() {
		out = append(out, starterFile{reg.File, registerYAML(reg, opt.Date, cat)})
	}
	iso := len(opt.Frameworks) == 0 || slices.Contains(opt.Frameworks, isoName)
	for _, s := range stubs() {
		controls := s.Controls // Annex A controls, only while Annex A is in force
		if !iso {
			controls = nil
		}
		text, _, err := render(opt.Dir, "mandatory", archetypeData{ID: s.ID, Title: s.Title, Date: opt.Date.String(), Kind: "mandatory",
			Type: s.Type, Summary: s.Summary, Clauses: s.Clauses, Controls: controls, Sections: s.Sections})
		if err != nil {
			return nil, err
		}
		out = append(out, starterFile{path.Join("content", s.Dir, Slug(s.Title)+".md"), text})
	}
	return append(out,
		starterFile{".gitignore", []byte(gitignore)},
		starterFile{"README.md", readme(opt.Org)}), nil
}

// writeNew creates dir/rel with text unless it exists; it reports whether it wrote.
func writeNew(dir, rel string, text []byte) (bool, error) {
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return false, err
	}
	// An existing file, or one that appears meanwhile, is never overwritten.
	err := filetree.Create(full, text, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	return err == nil, err
}

// isoName is the built-in ISO/IEC 27001:2022 Annex A framework's name.
const isoName = "iso27001-2022"

// BuiltInFrameworks names the frameworks init can start a site with.
func BuiltInFrameworks() ([]string, error) {
	var out []string
	for _, f := range catalog.Catalogues() {
		var c model.Framework
		if err := yaml.Unmarshal(f.YAML, &c); err != nil {
			return nil, fmt.Errorf("the built-in catalogue %s: %v", f.Path, err)
		}
		out = append(out, c.Name)
	}
	return out, nil
}

// soaControls returns the controls a new SoA needs a row for: those of the frameworks in
// force (Annex A alone by default), less the requirements a built-in crosswalk maps onto
// a framework in force (NIS2's onto ISO/IEC 27001, when both are).
func soaControls(frameworks []string) ([]*model.Control, error) {
	if len(frameworks) == 0 {
		frameworks = []string{isoName}
	}
	known, err := BuiltInFrameworks()
	if err != nil {
		return nil, err
	}
	for _, f := range frameworks {
		if !slices.Contains(known, f) {
			return nil, fmt.Errorf("unknown framework %q: built in are %s (a catalogue of your own goes in data/controls/ and frameworks: after init)", f, strings.Join(known, ", "))
		}
	}
	var out []*model.Control
	for _, f := range catalog.Catalogues() {
		var c model.Framework
		if err := yaml.Unmarshal(f.YAML, &c); err != nil {
			return nil, fmt.Errorf("the built-in catalogue %s: %v", f.Path, err)
		}
		mapped := c.Name != isoName && slices.Contains(frameworks, isoName)
		if slices.Contains(frameworks, c.Name) && !mapped {
			out = append(out, c.Controls...)
		}
	}
	return out, nil
}

func siteYAML(org string, frameworks []string) []byte {
	fw := ""
	if len(frameworks) > 0 {
		fw = "frameworks: [" + strings.Join(frameworks, ", ") + "]\n"
	}
	return []byte(`# Site settings (see the ismsgen README, "The content contract").
` + fw + `organisation: ` + yamlString(org) + `
title: ` + yamlString(org+" ISMS") + `
base_url: /          # the intranet's address, printed in PDF packs: https://isms.example/
language: en
classification: internal
scope: ""            # one paragraph: what the ISMS covers (see MAN-SCOPE)
`)
}

const gitignore = `# ismsgen's output and local state. Commit .ismsgen/diagrams/: packs read their images.
/public/
.ismsgen/*
!.ismsgen/diagrams/
`

func readme(org string) []byte {
	return []byte("# " + org + " ISMS\n\n" +
		"The information security management system of " + org + ", kept as Markdown (`content/`) and\n" +
		"YAML (`data/`) and built with [ismsgen](https://github.com/ismsgen/ismsgen).\n\n" +
		"```sh\n" +
		"ismsgen build   # the intranet site and the PDF audit packs, into public/\n" +
		"ismsgen check   # what is left before a Stage 1 audit: every finding with its file:line:col\n" +
		"```\n\n" +
		"`ismsgen serve` previews the site while you edit; `--drafts` shows the draft documents.\n" +
		"Start with `ismsgen check`: it lists each control whose applicability is still to be\n" +
		"decided in `data/soa.yaml`, and each TODO in the draft documents under `content/`.\n")
}
