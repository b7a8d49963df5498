package resolve

import "github.com/ismsgen/ismsgen/generator/model"

// ThemeTitle names the group a control is listed under, as the site and the packs both
// show it: its theme ("organizational"), its framework's title for the group it is in,
// or the framework's title when it has neither; a control of a catalogue other than
// first (the first listed) is prefixed with its framework's title.
func (g *Graph) ThemeTitle(c *model.Control, first string) string {
	th := c.Theme
	if f := g.Site.FrameworkNamed(c.Catalogue); f != nil {
		if c.Group != "" {
			th = f.GroupTitle(c.Group)
		}
		switch {
		case th == "":
			th = f.DisplayTitle()
		case c.Catalogue != first:
			th = f.DisplayTitle() + ": " + th
		}
	}
	return th
}
