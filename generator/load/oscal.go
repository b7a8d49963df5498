package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// oscalCatalog is what ismsgen reads of an OSCAL catalog (JSON): the title, and the
// groups and controls with their IDs, titles, label, statement and guidance. Everything
// else (parameters, links, back-matter) is left as it is: an OSCAL catalogue is read as
// published, not held to ismsgen's strict keys.
type oscalCatalog struct {
	Catalog *struct {
		Metadata struct {
			Title string `json:"title"`
		} `json:"metadata"`
		Groups   []oscalGroup   `json:"groups"`
		Controls []oscalControl `json:"controls"`
	} `json:"catalog"`
}

type oscalGroup struct {
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Groups   []oscalGroup   `json:"groups"`
	Controls []oscalControl `json:"controls"`
}

type oscalControl struct {
	ID       string         `json:"id"`
	Class    string         `json:"class"`
	Title    string         `json:"title"`
	Props    []oscalProp    `json:"props"`
	Parts    []oscalPart    `json:"parts"`
	Controls []oscalControl `json:"controls"`
}

type oscalProp struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type oscalPart struct {
	Name  string      `json:"name"`
	Props []oscalProp `json:"props"`
	Prose string      `json:"prose"`
	Parts []oscalPart `json:"parts"`
}

// oscalCatalogue decodes an OSCAL catalog (data/controls/*.json, NIST SP 800-53 or CSF
// 2.0 as NIST publishes them) into a framework named after the file: every control and
// control enhancement is a control (its OSCAL id is its ID; its label, such as AC-2(1),
// is params.label), grouped by the group it sits in (nested groups flattened), its
// statement the description and its guidance the guidance.
func (d *dataLoader) oscalCatalogue(p string, src []byte, c *model.Framework) {
	if src == nil {
		return
	}
	at := diag.Pos{Path: p, Line: 1, Col: 1}
	var doc oscalCatalog
	if err := json.Unmarshal(src, &doc); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			// The offset is just after the byte that broke the JSON.
			d.errs.Add(offsetPos(p, src, syn.Offset-1), "invalid JSON: %v", syn)
		case errors.As(err, &typ):
			d.errs.Add(offsetPos(p, src, typ.Offset), "not an OSCAL catalog: %s is %s, want %s", typ.Field, typ.Value, typ.Type)
		default:
			d.errs.Add(at, "invalid JSON: %v", err)
		}
		return
	}
	cat := doc.Catalog
	if cat == nil {
		d.errs.Add(at, "not an OSCAL catalog: a JSON file in data/controls/ must be {\"catalog\": {...}} (OSCAL's catalog model)")
		return
	}
	c.Title = strings.TrimSpace(cat.Metadata.Title)
	c.Pos = at
	var walkControls func(cs []oscalControl, group string)
	walkControls = func(cs []oscalControl, group string) {
		for _, oc := range cs {
			ctl := &model.Control{Pos: at, ID: oc.ID, Title: strings.TrimSpace(oc.Title), Group: group, Theme: oc.Class}
			if l := label(oc.Props); l != "" {
				ctl.Params = map[string]any{"label": l}
			}
			for _, pt := range oc.Parts {
				switch pt.Name {
				case "statement":
					ctl.Description = prose(pt)
				case "guidance":
					ctl.Guidance = prose(pt)
				}
			}
			c.Controls = append(c.Controls, ctl)
			walkControls(oc.Controls, group)
		}
	}
	var walkGroups func(gs []oscalGroup)
	walkGroups = func(gs []oscalGroup) {
		for _, g := range gs {
			id := g.ID
			if id == "" {
				id = g.Title
			}
			c.Groups = append(c.Groups, &model.Group{Pos: at, ID: id, Title: strings.TrimSpace(g.Title)})
			walkControls(g.Controls, id)
			walkGroups(g.Groups)
		}
	}
	walkControls(cat.Controls, "")
	walkGroups(cat.Groups)
}

func label(props []oscalProp) string {
	for _, p := range props {
		if p.Name == "label" {
			return p.Value
		}
	}
	return ""
}

// prose joins a part's prose and its sub-parts', each item after its label ("a. …").
func prose(pt oscalPart) string {
	var lines []string
	var walk func(p oscalPart)
	walk = func(p oscalPart) {
		if s := strings.TrimSpace(p.Prose); s != "" {
			if l := label(p.Props); l != "" {
				s = l + " " + s
			}
			lines = append(lines, s)
		}
		for _, sub := range p.Parts {
			walk(sub)
		}
	}
	walk(pt)
	return strings.Join(lines, "\n")
}

// offsetPos is the position of a byte offset of src (columns in characters).
func offsetPos(p string, src []byte, off int64) diag.Pos {
	if off < 0 || off > int64(len(src)) {
		off = int64(len(src))
	}
	before := src[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{Path: p, Line: line, Col: utf8.RuneCount(before[start:]) + 1}
}
