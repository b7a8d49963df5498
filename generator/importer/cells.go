package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/model"
	"go.yaml.in/yaml/v3"
)

// cellNode turns a cell into the YAML value of a field, positioned at the cell (row and
// column numbers as the node's line and column, so decoding errors name the cell). raw
// is the XLSX cell's stored value, "" for CSV.
func cellNode(f model.Field, text, raw string, row, col int) (*yaml.Node, error) {
	text = strings.TrimSpace(text)
	scalar := func(tag, v string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Line: row, Column: col}
	}
	switch f.Type {
	case model.IntField:
		n, err := strconv.Atoi(strings.TrimSuffix(text, ".0"))
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", text)
		}
		return scalar("!!int", strconv.Itoa(n)), nil
	case model.BoolField:
		switch strings.ToLower(text) {
		case "yes", "y", "true", "x", "1":
			return scalar("!!bool", "true"), nil
		case "no", "n", "false", "0":
			return scalar("!!bool", "false"), nil
		}
		return nil, fmt.Errorf("%q: want yes or no", text)
	case model.DateField:
		d, err := readDate(text, raw)
		if err != nil {
			return nil, err
		}
		return scalar("!!timestamp", d), nil
	case model.TargetField:
		t, err := model.ParseTarget(text)
		if err != nil {
			return nil, err
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle, Line: row, Column: col}
		add := func(k string, v *yaml.Node) { m.Content = append(m.Content, scalar("!!str", k), v) }
		tag := "!!float"
		if *t.Value == float64(int64(*t.Value)) {
			tag = "!!int"
		}
		add("value", scalar(tag, strconv.FormatFloat(*t.Value, 'f', -1, 64)))
		if t.Unit != "" {
			add("unit", scalar("!!str", t.Unit))
		}
		if t.Direction != "" {
			add("direction", scalar("!!str", string(t.Direction)))
		}
		return m, nil
	case model.ListField, model.TextListField:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: row, Column: col}
		for _, v := range splitList(text, f.Type == model.ListField) {
			seq.Content = append(seq.Content, scalar("!!str", v))
		}
		return seq, nil
	}
	return scalar("!!str", text), nil
}

// splitList reads a list cell: values joined with ";" (the CSV export's "; "), else,
// when commas may join them (IDs, fixed values), with ",".
func splitList(text string, commas bool) []string {
	sep := ";"
	if commas && !strings.Contains(text, ";") {
		sep = ","
	}
	var out []string
	for _, v := range strings.Split(text, sep) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// readDate reads YYYY-MM-DD, a spreadsheet's day number (the stored value of a date
// cell, or a number typed into a CSV), or a timestamp whose date part is YYYY-MM-DD.
func readDate(text, raw string) (string, error) {
	if d, err := model.ParseDate(text); err == nil {
		return d.String(), nil
	}
	if len(text) > 10 && text[10] == 'T' {
		if d, err := model.ParseDate(text[:10]); err == nil {
			return d.String(), nil
		}
	}
	for _, v := range []string{raw, text} {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 1 && n < 2958466 {
			day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
			return day.Format(time.DateOnly), nil
		}
	}
	return "", fmt.Errorf("%q is not a date: want YYYY-MM-DD", text)
}

// valueText is a YAML value as comparable text: a list's items joined, a scalar's value
// (a scalar where a list is wanted counts as a list of one), "" for nothing.
func valueText(n *yaml.Node) string {
	if n == nil || n.Tag == "!!null" {
		return ""
	}
	if n.Kind == yaml.SequenceNode {
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, strings.TrimSpace(c.Value))
		}
		return strings.Join(parts, "; ")
	}
	return strings.TrimSpace(n.Value)
}

// fieldText is a field's value as the export writes it, for comparing a cell with what
// the data file holds: a target written as a mapping ({value: 95, unit: "%"}) reads
// "at least 95%", like the cell that exported it.
func fieldText(t model.FieldType, n *yaml.Node) string {
	if t == model.TargetField && n != nil && n.Kind == yaml.MappingNode {
		var v model.Target
		if err := n.Decode(&v); err == nil {
			return v.String()
		}
	}
	return valueText(n)
}

// shown is a field's value as a message quotes it.
func shown(t model.FieldType, n *yaml.Node) string {
	if n != nil && n.Kind == yaml.SequenceNode {
		return "[" + strings.ReplaceAll(valueText(n), "; ", ", ") + "]"
	}
	return strconv.Quote(fieldText(t, n))
}
