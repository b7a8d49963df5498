package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"go.yaml.in/yaml/v3"
)

// Options describe one import.
type Options struct {
	Source   string // the site root
	Register *model.Register
	File     string // the spreadsheet's path, as messages name it
	Sheet    *Sheet
	// Map maps a header of the file to the field (a column name of Register.Fields) it
	// holds, for columns not named like the fields; to "" to leave the column out.
	Map       map[string]string
	Overwrite bool // replace a value the data file has with a different one from the file
}

// Result is what an import did.
type Result struct {
	Path                      string // the data file, relative to the site root
	Data                      []byte // its new content
	Added, Updated, Unchanged int
	Warnings                  diag.List // columns left out
}

// Import merges the rows of opt.Sheet into the register's data file and returns its new
// content. Empty cells never clear a value; a cell that differs from the file's value
// is a conflict unless opt.Overwrite. Bad values, conflicts and a missing key column
// are returned together as a diag.List, positioned file:row:column, with the Result
// for its warnings.
func Import(opt Options) (*Result, error) {
	reg := opt.Register
	if reg.Fields == nil {
		return nil, fmt.Errorf("the %s cannot be imported", reg.Name)
	}
	fields := reg.Fields()
	res := &Result{Path: reg.File}
	var errs diag.List
	if len(opt.Sheet.Rows) == 0 {
		errs.Add(diag.Pos{Path: opt.File}, "the file is empty: want a header row naming the columns (%s first)", fields[0].Column)
		return nil, errs
	}
	cols, key := mapColumns(opt, fields, &errs, &res.Warnings)
	if key < 0 && len(errs) == 0 {
		errs.Add(diag.Pos{Path: opt.File, Line: 1, Col: 1}, "no column %q: the rows are matched by it (name the column %s, or --map HEADER=%s)", fields[0].Column, fields[0].Column, fields[0].Column)
	}
	if len(errs) > 0 {
		return res, errs
	}
	doc, rows, spacing, err := dataFile(opt.Source, reg)
	if err != nil {
		return nil, err
	}
	existing := map[string]*yaml.Node{}
	for _, r := range rows.Content {
		if k := lookup(r, fields[0].Path); k != nil {
			existing[valueText(k)] = r
		}
	}
	rowType := rowType(reg)
	seen := map[string]int{}
	for i, cells := range opt.Sheet.Rows[1:] {
		line := i + 2
		if blank(cells) {
			continue
		}
		id := ""
		if key < len(cells) {
			id = strings.TrimSpace(cells[key])
		}
		if id == "" {
			errs.Add(diag.Pos{Path: opt.File, Line: line, Col: key + 1}, "row has no %s: every row needs one", fields[0].Column)
			continue
		}
		if prev, dup := seen[id]; dup {
			errs.Add(diag.Pos{Path: opt.File, Line: line, Col: key + 1}, "%s %s is also on row %d", fields[0].Column, id, prev)
			continue
		}
		seen[id] = line
		target, isNew := existing[id], false
		if target == nil {
			target, isNew = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, true
		}
		changed := false
		for c, f := range cols {
			if f == nil || c >= len(cells) || strings.TrimSpace(cells[c]) == "" {
				continue
			}
			pos := diag.Pos{Path: opt.File, Line: line, Col: c + 1}
			n, err := cellNode(*f, cells[c], opt.Sheet.raw(line-1, c), line, c+1)
			if err != nil {
				errs.Add(pos, "column %s: %v", f.Column, err)
				continue
			}
			if bad := load.DecodeNode(opt.File, nest(f.Path, n), reflect.New(rowType).Interface()); len(bad) > 0 {
				errs.Add(pos, "column %s: %s", f.Column, strings.TrimPrefix(bad[0].Msg, "invalid value "))
				continue
			}
			old := lookup(target, f.Path)
			switch {
			case fieldText(f.Type, old) == "":
				set(target, f.Path, n)
				changed = true
			case fieldText(f.Type, old) == fieldText(f.Type, n):
			case opt.Overwrite:
				set(target, f.Path, n)
				changed = true
			default:
				errs.Add(pos, "column %s: %s %s has %s at %s:%d:%d, the file says %s: edit one to agree, or import with --overwrite",
					f.Column, fields[0].Column, id, shown(f.Type, old), reg.File, old.Line, old.Column, shown(f.Type, n))
			}
		}
		switch {
		case isNew:
			rows.Content = append(rows.Content, target)
			res.Added++
		case changed:
			res.Updated++
		default:
			res.Unchanged++
		}
	}
	if len(errs) > 0 {
		return res, errs
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	res.Data = spacing.restore(b.Bytes(), rows, reg.Key)
	return res, nil
}

// mapColumns matches the header row to fields: by --map, else by name (case, spaces
// and hyphens aside). It returns the field of each column (nil: left out) and the
// index of the key column (-1 when there is none). A column of the register's export
// that is derived is left out silently; any other unknown one is a warning.
func mapColumns(opt Options, fields []model.Field, errs, warnings *diag.List) ([]*model.Field, int) {
	byName := map[string]*model.Field{}
	var names []string
	for i := range fields {
		byName[fields[i].Column] = &fields[i]
		names = append(names, fields[i].Column)
	}
	for from, to := range opt.Map {
		if to != "" && byName[to] == nil {
			errs.Add(diag.Pos{Path: opt.File}, "--map %s=%s: the %s has no field %q%s; its fields are %s", from, to, opt.Register.Title, to, meant(to, names), strings.Join(names, ", "))
		}
	}
	derived := map[string]bool{"title": true, "theme": true, "risks": true} // the SoA export's
	if opt.Register.Columns != nil {
		for _, c := range opt.Register.Columns(model.TableContext{Site: &model.Site{}}) {
			derived[c.Name] = true
		}
	}
	header := opt.Sheet.Rows[0]
	cols := make([]*model.Field, len(header))
	key := -1
	used := map[string]int{}
	for c, h := range header {
		name, mapped := opt.Map[strings.TrimSpace(h)]
		if !mapped {
			name = normalise(h)
		}
		pos := diag.Pos{Path: opt.File, Line: 1, Col: c + 1}
		f := byName[name]
		switch {
		case strings.TrimSpace(h) == "" || (mapped && name == ""): // --map HEADER= leaves it out
			continue
		case f == nil && derived[name]:
			continue
		case f == nil:
			warnings.Add(pos, "column %q is not a field of the %s: left out%s (--map %q=FIELD reads it into a field: %s)", h, opt.Register.Title, meant(name, names), strings.TrimSpace(h), strings.Join(names, ", "))
			continue
		}
		if prev, dup := used[name]; dup {
			errs.Add(pos, "column %q is field %s, as column %d is", h, name, prev)
			continue
		}
		used[name] = c + 1
		cols[c] = f
		if f == &fields[0] {
			key = c
		}
	}
	return cols, key
}

// normalise is a header as a field name: "Residual likelihood" is residual_likelihood.
func normalise(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

func meant(word string, choices []string) string {
	if near := diag.Nearest(word, choices, max(2, len(word)/3)); near != "" {
		return " (did you mean " + near + "?)"
	}
	return ""
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// dataFile reads the register's data file as a YAML document and returns it with the
// sequence of its rows (made when missing). A site without the file gets a new one
// with the register's document: block.
func dataFile(source string, reg *model.Register) (doc, rows *yaml.Node, sp *blanks, err error) {
	b, err := load.ReadFile(source, reg.File)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = []byte(fmt.Sprintf("document:\n  id: %s\n  title: %q\n  status: draft\n%s: []\n", reg.ID, reg.Title, reg.Key)), nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	doc = &yaml.Node{}
	if err := yaml.Unmarshal(b, doc); err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %v (fix it before importing)", reg.File, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		doc = &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, nil, nil, fmt.Errorf("%s: want a mapping at the top (fix it before importing)", reg.File)
	}
	rows = lookup(top, []string{reg.Key})
	if rows == nil || rows.Kind != yaml.SequenceNode {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		set(top, []string{reg.Key}, seq)
		rows = seq
	}
	rows.Style = 0 // an empty flow list ([]) becomes a block list
	return doc, rows, noteBlanks(b, top, rows), nil
}

// rowType is the struct type of a register's rows, found from its data's field whose
// yaml key is Register.Key.
func rowType(reg *model.Register) reflect.Type {
	t := reflect.TypeOf(reg.Data(&model.Site{})).Elem()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name == reg.Key {
			et := t.Field(i).Type.Elem()
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			return et
		}
	}
	panic("importer: register " + reg.Name + " has no field " + reg.Key)
}
