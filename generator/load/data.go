package load

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/ismsgen/ismsgen/generator/catalog"
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
	for _, pk := range c.Packs {
		if pk.Name == "" || strings.ContainsAny(pk.Name, `/\ `) || strings.HasPrefix(pk.Name, ".") {
			d.errs.Add(pk.Pos, "pack name %q must be a simple file name such as stage1", pk.Name)
		}
		if pk.Paper != "" && !strings.EqualFold(pk.Paper, "A4") && !strings.EqualFold(pk.Paper, "Letter") {
			d.errs.Add(pk.Pos, "paper %q: want A4 or Letter", pk.Paper)
		}
	}
}

func (d *dataLoader) catalogues(paths []string) {
	var annex model.Catalogue
	d.decodeFile(catalog.AnnexAPath, catalog.AnnexA(), &annex)
	add := func(c model.Catalogue) {
		for _, ctl := range c.Controls {
			if ctl == nil {
				continue
			}
			ctl.Catalogue = c.Catalogue
			if ctl.ID == "" {
				d.errs.Add(ctl.Pos, "control has no id")
				continue
			}
			d.site.Catalogue = append(d.site.Catalogue, ctl)
		}
	}
	add(annex)
	for _, p := range paths {
		var c model.Catalogue
		d.decodeFile(p, d.files[p], &c)
		if c.Catalogue == "" {
			c.Catalogue = strings.TrimSuffix(path.Base(p), path.Ext(p))
		}
		add(c)
	}
}

func (d *dataLoader) soa() {
	const p = "data/soa.yaml"
	s := &d.site.SoA
	if d.decodeFile(p, d.files[p], s) {
		s.Path = p
		d.docControl(&s.Document, p, "SOA", "Statement of Applicability")
	}
}

func (d *dataLoader) risks() {
	const p = "data/risks.yaml"
	r := &d.site.Risks
	if !d.decodeFile(p, d.files[p], r) {
		return
	}
	r.Path = p
	d.docControl(&r.Document, p, "REG-RISK", "Risk register")
	m := &r.Method
	if m.Pos.Path == "" {
		d.errs.Add(diag.Pos{Path: p}, "risk register has no method: add method: with likelihood and impact scales and an acceptance threshold")
		return
	}
	if len(m.Likelihood) == 0 || len(m.Impact) == 0 {
		d.errs.Add(m.Pos, "risk method needs likelihood and impact scales")
	}
	if m.Formula != "" && m.Formula != "multiply" && m.Formula != "add" {
		d.errs.Add(m.Pos, "risk method formula %q: want multiply or add", m.Formula)
	}
	for _, scale := range [][]model.ScaleStep{m.Likelihood, m.Impact} {
		for i, s := range scale {
			if i > 0 && s.Value <= scale[i-1].Value {
				d.errs.Add(s.Pos, "scale values must rise (%d after %d)", s.Value, scale[i-1].Value)
			}
		}
	}
	for i, b := range m.Bands {
		if i > 0 && b.Max <= m.Bands[i-1].Max {
			d.errs.Add(b.Pos, "band maximums must rise (%d after %d)", b.Max, m.Bands[i-1].Max)
		}
	}
}

func (d *dataLoader) treatment() {
	const p = "data/treatment.yaml"
	t := &d.site.Treatment
	if d.decodeFile(p, d.files[p], t) {
		t.Path = p
		d.docControl(&t.Document, p, "RTP", "Risk treatment plan")
	}
}

func (d *dataLoader) evidence() {
	const p = "data/evidence.yaml"
	e := &d.site.Evidence
	if !d.decodeFile(p, d.files[p], e) {
		return
	}
	e.Path = p
	d.docControl(&e.Document, p, "REG-EVIDENCE", "Evidence register")
	for _, ev := range e.Evidence {
		if ev != nil && ev.File != "" {
			d.evidenceFile(ev)
		}
	}
}

// evidenceFile reads the file of an evidence record through the site's source. A file
// that cannot be read — missing, outside the site root, in a hidden directory, not a
// regular file — is a content error at the record's file:, as an unresolved reference
// is: a pack must not reach the auditor without the evidence it lists. The message
// starts "evidence ID: file F" (check reports it under the evidence-file rule);
// FileError keeps the reason.
func (d *dataLoader) evidenceFile(ev *model.Evidence) {
	pos := ev.FilePos
	if pos.Path == "" {
		pos = ev.Pos
	}
	fail := func(why, todo string) {
		ev.FileError = why
		d.errs.AddKind(diag.KindEvidence, pos, "evidence %s: file %s %s; %s", ev.ID, ev.File, why, todo)
	}
	rel, ok := cleanRel(ev.File)
	if !ok {
		fail("resolves outside the site root", "write the path relative to the site root, without .., such as evidence/report.pdf")
		return
	}
	b, err := d.read(rel)
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		ev.FileError = refused.Msg
		d.errs.AddKind(diag.KindEvidence, pos, "evidence %s: file %s: %s", ev.ID, ev.File, refused.Msg)
	case errors.Is(err, fs.ErrNotExist):
		fail("not found", "add the file, or correct file: (a path relative to the site root)")
	case err != nil:
		fail("cannot be read ("+err.Error()+")", "check its permissions")
	default:
		sum := sha256.Sum256(b)
		ev.SHA256 = hex.EncodeToString(sum[:])
		ev.Size = int64(len(b))
		ev.File = rel
		d.site.Files[rel] = b
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
}

// cleanRel cleans a slash path written relative to the site root and reports whether
// it stays inside the root as written (the source refuses links out of it).
func cleanRel(p string) (string, bool) {
	if p == "" || path.IsAbs(p) || filepath.IsAbs(p) || strings.Contains(p, `\`) {
		return "", false
	}
	clean := path.Clean(p)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", false
	}
	return clean, true
}
