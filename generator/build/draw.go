package build

import (
	"context"
	"errors"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/diagram/render"
	"github.com/ismsgen/ismsgen/generator/load"
)

// DiagramCacheDir is where the drawn diagrams are kept, relative to the site root.
const DiagramCacheDir = diagram.CacheDir

// DiagramOptions say how DrawDiagrams draws.
type DiagramOptions struct {
	// Chrome is the browser; "" finds one on PATH.
	Chrome string
	// Prune also removes the images no diagram uses any more.
	Prune bool
}

// FindChrome reports whether path is a browser the diagrams can be drawn with.
func FindChrome(path string) error {
	_, err := render.FindChrome(path)
	return err
}

// IsNoChrome reports whether err says that no browser was found to draw with.
func IsNoChrome(err error) bool { return errors.Is(err, render.ErrNoChrome) }

// DrawDiagrams loads the site at source and draws every Mermaid diagram of its documents
// that has no image yet into DiagramCacheDir, with a headless browser.
func DrawDiagrams(ctx context.Context, source string, opt DiagramOptions) (*render.Report, error) {
	site, err := load.Load(ctx, source)
	if err != nil {
		return nil, err
	}
	return render.Fill(ctx, site, render.Options{Chrome: opt.Chrome, Prune: opt.Prune})
}
