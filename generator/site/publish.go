package site

import "github.com/ismsgen/ismsgen/generator/resolve"

// publisher decides what the intranet site shows of the graph.
type publisher struct{}

// shown reports whether the site publishes an entity's page (drafts are left out
// unless the build includes them).
func (p *publisher) shown(e *resolve.Entity) bool { return e != nil && e.Published }
