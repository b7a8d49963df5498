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

// DocumentPaths lists the Markdown documents of the site at root as Load finds them
// (under content_dir, less what ignore: and the rules of listContent leave out), with
// the settings that placed them, for commands that need no more (ismsgen new). Settings
// that cannot be read or decoded count as the defaults: the build reports them.
func DocumentPaths(root string) ([]string, *model.Config, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	src, err := openSource(abs)
	if err != nil {
		return nil, nil, err
	}
	defer src.close()
	const p = "data/site.yaml"
	site := &model.Site{Root: abs, Files: map[string][]byte{}}
	var errs diag.List
	files := map[string][]byte{}
	if b, err := src.read(p); err == nil {
		files[p] = b
	}
	d := dataLoader{site: site, files: files, errs: &errs, nodes: &nodeCache{}, refused: map[string]bool{p: true},
		read: func(rel string) ([]byte, error) { return src.read(rel) }}
	d.config()
	docs, _, err := listContent(src, site, &errs, nil)
	return docs, &site.Config, err
}
