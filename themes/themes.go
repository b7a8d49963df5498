package themes

import (
	"embed"
	"io/fs"
)

//go:embed default/layouts default/static default/archetypes
var embedded embed.FS

// Default returns the default theme's files, rooted at the theme directory (layouts/,
// static/, archetypes/).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded directory exists at compile time
	}
	return sub
}
