package load

import (
	"net/url"
	"reflect"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// dataLoader decodes the data files of one site.
type dataLoader struct {
	site  *model.Site
	files map[string][]byte
	errs  *diag.List
	// nodes caches parsed data files across loads (nil for none).
	nodes *nodeCache
	// decoded caches decoded registers across loads (nil for none).
	decoded *decodedCache
	// read reads a file relative to the root, through the site's source.
	read func(rel string) ([]byte, error)
	// refused are the data files the source refused to read (already reported).
	refused map[string]bool
}

// decodeFile decodes the YAML file at p into v; it reports whether the file exists.
func (d *dataLoader) decodeFile(p string, src []byte, v any) bool {
	if src == nil {
		return false
	}
	if pos, ok := invalidUTF8(p, src); !ok {
		d.errs.Add(pos, "file is not valid UTF-8 text")
		return true
	}
	if n := d.nodes.parse(p, src, d.errs); n != nil {
		dec := yamlDecoder{path: p, errs: d.errs}
		dec.decode(n, reflect.ValueOf(v).Elem())
	}
	return true
}

func (d *dataLoader) config() {
	const p = "data/site.yaml"
	c := &d.site.Config
	if !d.decodeFile(p, d.files[p], c) && !d.refused[p] {
		d.errs.Add(diag.Pos{Path: p}, "missing site settings: create data/site.yaml with at least organisation and title")
	}
	if c.Pos.Path == "" {
		c.Pos = diag.Pos{Path: p}
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.Classification == "" {
		c.Classification = "internal"
	}
	if c.Title == "" {
		c.Title = "Information Security Management System"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if c.Versions.Tags == "" {
		c.Versions.Tags = "isms-*"
	}
	d.contentDir()
	if c.Organisation == "" {
		d.errs.Add(c.Pos, "site settings have no organisation: set organisation: in data/site.yaml")
	}
	if strings.ContainsAny(c.Theme, `/\`) || strings.HasPrefix(c.Theme, ".") {
		d.errs.Add(c.Pos, "theme %q must be a directory name under themes/", c.Theme)
		c.Theme = "default"
	}
	if t := c.Signing.TSA; t != "" {
		if u, err := url.Parse(t); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.errs.Add(c.Signing.TSAPos, "signing: tsa: %q is not the http:// or https:// URL of a time-stamping authority", t)
		}
	}
	d.pdfFonts()
	if r := c.RepoURL; r != "" {
		if u, err := url.Parse(r); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			d.errs.Add(c.RepoURLPos, "repo_url: %q is not the https:// address of a git repository (such as https://github.com/example/isms)", r)
		}
		c.RepoURL = strings.TrimSuffix(strings.TrimSuffix(r, "/"), ".git")
	}
	if c.EditBranch == "" {
		c.EditBranch = "main"
	}
	for _, pk := range c.Packs {
		if pk.Name == "" || strings.ContainsAny(pk.Name, `/\ `) || strings.HasPrefix(pk.Name, ".") {
			d.errs.Add(pk.Pos, "pack name %q must be a simple file name such as stage1", pk.Name)
		}
		if pk.Paper != "" && !strings.EqualFold(pk.Paper, "A4") && !strings.EqualFold(pk.Paper, "Letter") {
			d.errs.Add(pk.Pos, "paper %q: want A4 or Letter", pk.Paper)
		}
	}
}

// registers decodes every register kept as data (model.Registers) that the site has,
// and finishes it as its descriptor says.
func (d *dataLoader) registers() {
	for _, reg := range model.Registers() {
		data := reg.Data(d.site)
		cache := d.decoded
		if reg.WritesRows {
			cache = nil
		}
		if !d.decodeReused(cache, reg.File, d.files[reg.File], data, nil) {
			continue
		}
		*data.Source() = reg.File
		d.docControl(data.Control(), reg.File, reg.ID, reg.Title)
		if reg.Finish != nil {
			reg.Finish(d.site, d.read, d.errs)
		}
	}
}

// docControl fills the defaults of a register's document-control block.
func (d *dataLoader) docControl(dc *model.DocControl, p, id, title string) {
	if dc.ID == "" {
		dc.ID = id
		dc.IDPos = diag.Pos{Path: p, Line: 1, Col: 1}
	}
	if dc.Title == "" {
		dc.Title = title
	}
	if dc.Pos.Path == "" {
		dc.Pos = diag.Pos{Path: p, Line: 1, Col: 1}
	}
	switch dc.Type {
	case "":
		dc.Type = model.TypeRegister
	case model.TypeRegister:
	default:
		d.errs.Add(dc.TypePos, "type %q: a register kept as data is of type register (leave type: out)", dc.Type)
	}
}
