package load

import (
	"regexp"
	"strconv"

	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses src into a node tree; a syntax error is reported at its line (offset
// by lineOffset lines) and nil returned.
func parseYAML(path string, src []byte, lineOffset int, errs *diag.List) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		pos := diag.Pos{Path: path, Line: 1 + lineOffset}
		msg := cleanYAMLError(err)
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			l, _ := strconv.Atoi(m[1])
			pos.Line = l + lineOffset
			msg = m[2]
		}
		pos.Col = 1
		errs.Add(pos, "invalid YAML: %s", msg)
		return nil
	}
	if n.Kind == 0 {
		return nil
	}
	return &n
}
