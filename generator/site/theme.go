package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/themes"
)

// theme is the default theme overlaid, file by file, by the site's themes/<name>/
// directory (as Hugo's layout lookup does).
type theme struct {
	files map[string][]byte // slash path relative to the theme root → bytes
	// Used records the site-theme files that override the default (for manifests).
	Used []string

	mu      sync.Mutex
	base    *template.Template
	sidebar *template.Template
	layouts map[string]*template.Template
	// name is the theme the site named (site.yaml's theme).
	name string
	// goParts, goMains, goRows and goFrame are the Go twins of the default theme's templates
	// the theme leaves as they are (gopartials.go, goframe.go).
	goParts map[string]func(htmlWriter, *Page) error
	goMains map[string]func(*frameRun) error
	goRows  map[string]func(htmlWriter, *docRowView)
	goFrame bool
}

// overridesLayouts reports whether the site's theme replaces or adds any layout or
// partial of the default theme.
func (t *theme) overridesLayouts() bool {
	for _, u := range t.Used {
		if strings.Contains(u, "/layouts/") {
			return true
		}
	}
	return false
}

// loadTheme merges the embedded default theme with the site's overrides from
// site.Files (load read them; renderers never touch the disk).
func loadTheme(s *model.Site) (*theme, error) {
	o, err := themes.NewOverlay(s.Config.Theme, s.Files)
	if err != nil {
		return nil, err
	}
	t := &theme{files: o.Files, Used: o.Used, layouts: map[string]*template.Template{}, name: s.Config.Theme}
	if err := t.parseBase(); err != nil {
		return nil, err
	}
	return t, nil
}

// themeOf returns the theme of the previous render when the site's theme and its files
// are the same, its templates parsed already; else the theme loaded afresh.
func themeOf(prev *Output, s *model.Site) (*theme, error) {
	if prev != nil && prev.theme != nil && prev.theme.sameSource(s) {
		return prev.theme, nil
	}
	return loadTheme(s)
}

// sameSource reports whether the theme was loaded from the same files as site s's.
func (t *theme) sameSource(s *model.Site) bool {
	if t.name != s.Config.Theme {
		return false
	}
	prefix := "themes/" + t.name + "/"
	n := 0
	for p, b := range s.Files {
		if strings.HasPrefix(p, prefix) {
			n++
			if i, ok := slices.BinarySearch(t.Used, p); !ok || !bytes.Equal(t.files[strings.TrimPrefix(t.Used[i], prefix)], b) {
				return false
			}
		}
	}
	return n == len(t.Used)
}

// parseBase parses baseof.html and every partial once.
func (t *theme) parseBase() error {
	base := template.New("baseof.html").Funcs(funcs())
	var names []string
	for p := range t.files {
		if p == "layouts/baseof.html" || strings.HasPrefix(p, "layouts/partials/") {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	if _, ok := t.files["layouts/baseof.html"]; !ok {
		return fmt.Errorf("theme has no layouts/baseof.html")
	}
	for _, p := range names {
		name := strings.TrimPrefix(p, "layouts/")
		tt := base
		if name != "baseof.html" {
			tt = base.New(name)
		}
		if _, err := tt.Parse(string(t.files[p])); err != nil {
			return fmt.Errorf("theme: %v", err)
		}
	}
	if err := t.useGoPartials(base); err != nil {
		return err
	}
	t.base = base
	// The sidebar is executed on its own copy: html/template cannot clone a set that
	// has executed, and layouts are cloned from base.
	var err error
	if t.sidebar, err = base.Clone(); err != nil {
		return err
	}
	return nil
}

// layout returns the template set for a page layout: the base and partials plus
// layouts/<name>.html, which defines the "main" block.
func (t *theme) layout(name string) (*template.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if l, ok := t.layouts[name]; ok {
		return l, nil
	}
	src, ok := t.files["layouts/"+name+".html"]
	if !ok {
		return nil, fmt.Errorf("theme has no layout layouts/%s.html", name)
	}
	l, err := t.base.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := l.New(name + ".html").Parse(string(src)); err != nil {
		return nil, fmt.Errorf("theme: %v", err)
	}
	t.layouts[name] = l
	return l, nil
}

// static returns the theme's static files (copied to the output root).
func (t *theme) static() map[string][]byte {
	out := map[string][]byte{}
	for p, b := range t.files {
		if rest, ok := strings.CutPrefix(p, "static/"); ok {
			out[path.Clean(rest)] = b
		}
	}
	return out
}
