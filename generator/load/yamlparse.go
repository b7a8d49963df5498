package load

import (
	"crypto/sha256"
	"regexp"
	"strconv"

	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses src into a node tree; a syntax error is reported at its line (offset
// by lineOffset lines) and nil returned.
func parseYAML(path string, src []byte, lineOffset int, errs *diag.List) *yaml.Node {
	if n, ok := fastYAML(src); ok {
		return n
	}
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

// nodeCache keeps the parsed node trees of data files by content, so that a reload
// after an edit elsewhere does not parse the SoA and the registers again. Decoding only
// reads nodes, so a cached tree can be decoded any number of times.
type nodeCache struct {
	byPath map[string]cachedNode
}

type cachedNode struct {
	sum  [32]byte
	node *yaml.Node
	errs diag.List
}

// parse parses src (the file at p), or returns the tree of the same bytes parsed before.
// A nil cache parses every time.
func (c *nodeCache) parse(p string, src []byte, errs *diag.List) *yaml.Node {
	if c == nil {
		return parseYAML(p, src, 0, errs)
	}
	sum := sha256.Sum256(src)
	if e, ok := c.byPath[p]; ok && e.sum == sum {
		errs.Append(e.errs)
		return e.node
	}
	var own diag.List
	n := parseYAML(p, src, 0, &own)
	errs.Append(own)
	if c.byPath == nil {
		c.byPath = map[string]cachedNode{}
	}
	c.byPath[p] = cachedNode{sum: sum, node: n, errs: own}
	return n
}
