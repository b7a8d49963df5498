package check

import "github.com/ismsgen/ismsgen/generator/resolve"

// entityIDs returns the IDs of entities.
func entityIDs(es []*resolve.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}
