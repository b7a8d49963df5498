package catalog

import (
	_ "embed"
	"regexp"
)

//go:embed annex-a-2022.yaml
var annexA []byte

// AnnexAPath is the pseudo-path errors and manifests use for the embedded catalogue.
const AnnexAPath = "(built-in)/annex-a-2022.yaml"

// AnnexA returns the embedded catalogue as YAML (a model.Catalogue).
func AnnexA() []byte { return annexA }

var edition2013 = regexp.MustCompile(`^A\.(5|6|7|8|9|1[0-8])\.\d+\.\d+$`)

// Is2013ID reports whether id looks like an ISO/IEC 27001:2013 Annex A control ID
// (A.9.2.1), a common mistake now that certification is against the 2022 edition.
func Is2013ID(id string) bool { return edition2013.MatchString(id) }
