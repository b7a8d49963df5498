package themes

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Overlay is a theme as the build sees it: the default theme's files with those of the
// site's themes/<name>/ laid over them, file by file, as Hugo's layout lookup does. The
// site, the live preview, the diagram renderer and `new` all read the theme through it,
// so that an override means the same everywhere.
type Overlay struct {
	// Files maps a slash path relative to the theme root (layouts/baseof.html) to its
	// bytes.
	Files map[string][]byte
	// Used are the site's files (site-relative paths) that override or add to the
	// default, sorted: what a manifest lists as the theme's sources.
	Used []string
	name string
}

// NewOverlay lays the files of the site's theme called name over the default theme.
// site maps site-relative slash paths to their bytes, as load read them (renderers never
// touch the disk); only those under themes/<name>/ are used. A theme other than
// "default" must have at least one file in the site.
func NewOverlay(name string, site map[string][]byte) (*Overlay, error) {
	o := &Overlay{Files: map[string][]byte{}, name: name}
	def := Default()
	err := fs.WalkDir(def, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(def, p)
		o.Files[p] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	prefix := o.prefix()
	for p := range site {
		if strings.HasPrefix(p, prefix) {
			o.Used = append(o.Used, p)
		}
	}
	sort.Strings(o.Used)
	for _, p := range o.Used {
		o.Files[strings.TrimPrefix(p, prefix)] = site[p]
	}
	if name != "default" && len(o.Used) == 0 {
		return nil, fmt.Errorf("theme %q: no directory themes/%s in the site", name, name)
	}
	return o, nil
}

// prefix is where the site keeps the theme's files.
func (o *Overlay) prefix() string { return "themes/" + o.name + "/" }

// File returns a theme file (a path relative to the theme root) and where it came from:
// the site's path when the site overrides it, else "the default theme's PATH".
func (o *Overlay) File(p string) (b []byte, from string, ok bool) {
	b, ok = o.Files[p]
	if !ok {
		return nil, "", false
	}
	site := o.prefix() + p
	for _, u := range o.Used {
		if u == site {
			return b, site, true
		}
	}
	return b, "the default theme's " + p, true
}
