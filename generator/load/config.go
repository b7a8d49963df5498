package load

import (
	"path/filepath"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// Config reads only the site settings (data/site.yaml) of the site at root, as strictly
// as Load does, for commands that need no more (verify reads the pinned root from it).
func Config(root string) (*model.Config, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	const p = "data/site.yaml"
	b, err := ReadFile(abs, p)
	if err != nil {
		return nil, err
	}
	site := &model.Site{Root: abs, Files: map[string][]byte{}}
	var errs diag.List
	d := dataLoader{site: site, files: map[string][]byte{p: b}, errs: &errs, nodes: &nodeCache{},
		read: func(rel string) ([]byte, error) { return ReadFile(abs, rel) }}
	d.config()
	errs.Sort()
	return &site.Config, errs.Err()
}
