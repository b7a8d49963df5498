package load

import (
	"bytes"
	"errors"
	"path/filepath"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/model"
)

// diagramCache adds to files the images that ismsgen diagrams rendered for the
// diagrams of docs (.ismsgen/diagrams/<sha256>.png): the one exception to the rule that
// nothing in a hidden directory is read, so that packs show diagrams. Only the images
// the documents need are read, and only when .ismsgen and .ismsgen/diagrams are real
// directories and the image a regular file, never a symbolic link: an entry that is not
// is left out (its diagram gets the pack's placeholder and a warning, and ismsgen
// diagrams replaces it).
func (s *source) diagramCache(docs []*model.Document, files map[string][]byte) {
	if !s.realDir(".ismsgen") || !s.realDir(diagram.CacheDir) {
		return
	}
	for _, d := range docs {
		for _, g := range diagram.Find(d) {
			p := diagram.CachePath(g.Hash())
			if _, done := files[p]; done {
				continue
			}
			if b, err := s.readNoLinks(p); err == nil {
				files[p] = b
			}
		}
	}
}

// realDir reports whether rel is a directory and not a symbolic link.
func (s *source) realDir(rel string) bool {
	fi, err := s.root.Lstat(filepath.FromSlash(rel))
	return err == nil && fi.IsDir()
}

// errNotRegular is an entry of the diagram cache that is not a regular file.
var errNotRegular = errors.New("not a regular file")

// readNoLinks reads the regular file rel, refusing a symbolic link as well as anything
// that is not a regular file (checked before opening and again on the open file).
func (s *source) readNoLinks(rel string) ([]byte, error) {
	name := filepath.FromSlash(rel)
	fi, err := s.root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := s.root.OpenFile(name, openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+1))
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
