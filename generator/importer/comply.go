package importer

import "github.com/ismsgen/ismsgen/generator/importer/comply"

// Comply converts the strongdm/comply repository in src into a new ismsgen site in dest,
// which must not exist or be empty; the report lists what needs a look. Package comply
// does the work; the CLI reaches it here, with the other imports.
func Comply(src, dest string) (*comply.Report, error) { return comply.Convert(src, dest) }
