package load

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"go.yaml.in/yaml/v3"
)

// yamlDecoder decodes YAML nodes into model structs strictly: an unknown key, a wrong
// type or an invalid value is an error at its own line and column, and decoding goes on
// so that one run reports every problem of a file. yaml.v3's own KnownFields mode stops
// at the first error and reports lines only, which is why this exists.
type yamlDecoder struct {
	path string
	// lineOffset is added to node lines: front matter starts on line 2 of its file.
	lineOffset int
	errs       *diag.List
}

var (
	posType       = reflect.TypeFor[diag.Pos]()
	refType       = reflect.TypeFor[model.Ref]()
	refListType   = reflect.TypeFor[model.RefList]()
	clauseType    = reflect.TypeFor[model.Clause]()
	unmarshalType = reflect.TypeFor[yaml.Unmarshaler]()
)

func (d *yamlDecoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{Path: d.path, Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *yamlDecoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.Add(d.pos(n), format, args...)
}

// decode fills v from n.
func (d *yamlDecoder) decode(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	t := v.Type()
	switch {
	case t == refType:
		if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
			d.errorf(n, "want an ID")
			return
		}
		v.Set(reflect.ValueOf(model.Ref{ID: strings.TrimSpace(n.Value), Pos: d.pos(n)}))
		return
	case t == refListType && n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		// One ID where a list is allowed.
		var one model.Ref
		d.decode(n, reflect.ValueOf(&one).Elem())
		if one.ID != "" {
			v.Set(reflect.ValueOf(model.RefList{one}))
		}
		return
	case t == clauseType:
		if n.Kind != yaml.ScalarNode || n.Value == "" {
			d.errorf(n, "want a clause number such as \"6.1.2\"")
			return
		}
		v.Set(reflect.ValueOf(model.Clause{Number: strings.TrimSpace(n.Value), Pos: d.pos(n)}))
		return
	case reflect.PointerTo(t).Implements(unmarshalType):
		if n.Tag == "!!null" {
			return
		}
		if err := v.Addr().Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
			d.errorf(n, "%v", err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if n.Tag == "!!null" {
			return
		}
		p := reflect.New(t.Elem())
		d.decode(n, p.Elem())
		v.Set(p)
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Slice:
		if n.Tag == "!!null" {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "want a list, got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i))
		}
		v.Set(s)
	case reflect.Map, reflect.Interface:
		// Free-form maps (params) keep whatever the author wrote.
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.errorf(n, "%s", cleanYAMLError(err))
		}
	default:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "want %s, got %s", kindName(t), describe(n))
			return
		}
		if n.Tag == "!!null" {
			return
		}
		if t.Kind() == reflect.String && n.Tag != "!!str" {
			// Accept unquoted numbers and dates as strings (version: 2.1), as people write them.
			v.SetString(n.Value)
			return
		}
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.errorf(n, "invalid value %q: want %s", n.Value, kindName(t))
		}
	}
}

func (d *yamlDecoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	t := v.Type()
	if n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "want a mapping of keys, got %s", describe(n))
		return
	}
	if f := v.FieldByName("Pos"); f.IsValid() && f.Type() == posType {
		f.Set(reflect.ValueOf(d.pos(n)))
	}
	fields := map[string]int{}
	var known []string
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		fields[name] = i
		known = append(known, name)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx, ok := fields[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q%s", k.Value, suggest(k.Value, known))
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		d.decode(val, v.Field(idx))
		// A sibling field named <Field>Pos records where the value was written.
		if f := v.FieldByName(t.Field(idx).Name + "Pos"); f.IsValid() && f.Type() == posType {
			f.Set(reflect.ValueOf(d.pos(val)))
		}
	}
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.String:
		return "text"
	}
	return t.String()
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// suggest proposes the closest known key for a misspelt one (aprover → approver).
func suggest(key string, known []string) string {
	best := diag.Nearest(key, known, 2)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// cleanYAMLError strips yaml.v3's "yaml: " prefix.
func cleanYAMLError(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// DecodeNode decodes n into v (a pointer to a model struct) as strictly as a data file
// is decoded, and returns the problems found; positions name path and the node's line
// and column. The importers check a spreadsheet's cells with it.
func DecodeNode(path string, n *yaml.Node, v any) diag.List {
	var errs diag.List
	d := &yamlDecoder{path: path, errs: &errs}
	d.decode(n, reflect.ValueOf(v).Elem())
	return errs
}
