package importer

import "go.yaml.in/yaml/v3"

// lookup returns the value at a path of keys in a mapping, nil when absent.
func lookup(m *yaml.Node, path []string) *yaml.Node {
	for _, k := range path {
		if m == nil || m.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				next = m.Content[i+1]
				break
			}
		}
		m = next
	}
	return m
}

// set puts v at a path of keys in a mapping, making the mappings on the way; a value
// already there is replaced in place, so its key keeps its comments and position.
func set(m *yaml.Node, path []string, v *yaml.Node) {
	for i, k := range path {
		last := i == len(path)-1
		var next *yaml.Node
		for j := 0; j+1 < len(m.Content); j += 2 {
			if m.Content[j].Value == k {
				if last {
					v.HeadComment, v.LineComment = m.Content[j+1].HeadComment, m.Content[j+1].LineComment
					m.Content[j+1] = v
					return
				}
				next = m.Content[j+1]
				if next.Kind != yaml.MappingNode {
					next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
					m.Content[j+1] = next
				}
				break
			}
		}
		if next == nil {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}
			if last {
				m.Content = append(m.Content, key, v)
				return
			}
			next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			m.Content = append(m.Content, key, next)
		}
		m = next
	}
}

// nest wraps v in mappings along path: {residual: {likelihood: v}}.
func nest(path []string, v *yaml.Node) *yaml.Node {
	for i := len(path) - 1; i >= 0; i-- {
		v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column,
			Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: path[i], Line: v.Line, Column: v.Column}, v}}
	}
	return v
}
