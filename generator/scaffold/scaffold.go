package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/filetree"
)

// Kind is a kind of document `ismsgen new` writes.
type Kind struct {
	Name   string // as typed: policy, procedure, record, page
	Prefix string // of generated IDs, e.g. POL; "" for pages, which get no ID unless given
	Dir    string // slash path of its section, relative to the content directory
}

// Kinds lists the kinds in the order help shows them.
func Kinds() []Kind {
	return []Kind{
		{Name: "policy", Prefix: "POL", Dir: "policies"},
		{Name: "procedure", Prefix: "PRO", Dir: "procedures"},
		{Name: "record", Prefix: "REC", Dir: "records"},
		{Name: "page", Dir: "."},
	}
}

// KindNamed returns the kind with the name.
func KindNamed(name string) (Kind, bool) {
	for _, k := range Kinds() {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// Options describe one new document.
type Options struct {
	Source string // site root
	Kind   Kind
	Title  string
	ID     string // "" for the next free ID of the kind
	Date   model.Date
}

// Result is the document written.
type Result struct {
	Path      string // slash path relative to the site root
	ID        string
	Archetype string // where the archetype came from, for the message
}

// ErrExists is returned (wrapped) when the target file or the ID already exists.
var ErrExists = errors.New("already exists")

// New writes a new document and returns what it wrote.
func New(opt Options) (*Result, error) {
	slug := Slug(opt.Title)
	if slug == "" {
		return nil, fmt.Errorf("title %q has no letters or digits to name the file after", opt.Title)
	}
	docs, cfg, err := load.DocumentPaths(opt.Source)
	if err != nil {
		return nil, err
	}
	used, err := usedIDs(opt.Source, docs)
	if err != nil {
		return nil, err
	}
	id := opt.ID
	switch {
	case id != "":
		if where, ok := used[id]; ok {
			return nil, fmt.Errorf("ID %s %w: %s", id, ErrExists, where)
		}
	case opt.Kind.Prefix != "":
		id = PickID(used, opt.Kind.Prefix, opt.Title)
	}
	text, from, err := render(opt.Source, opt.Kind.Name, archetypeData{ID: id, Title: opt.Title, Date: opt.Date.String(), Kind: opt.Kind.Name})
	if err != nil {
		return nil, err
	}
	rel := path.Join(cfg.ContentDir, opt.Kind.Dir, slug+".md")
	full := filepath.Join(opt.Source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return nil, err
	}
	// The existence check and the creation are one step, so a file that appears
	// meanwhile is not overwritten either.
	err = filetree.Create(full, text, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s %w; choose another title or edit that file", rel, ErrExists)
	}
	if err != nil {
		return nil, err
	}
	return &Result{Path: rel, ID: id, Archetype: from}, nil
}
