package catalog

import (
	_ "embed"
	"regexp"
	"strings"
)

//go:embed annex-a-2022.yaml
var annexA []byte

//go:embed nis2-2024-2690.yaml
var nis2 []byte

//go:embed nis2-iso27001-2022-enisa.yaml
var nis2Mapping []byte

// AnnexAPath is the pseudo-path errors and manifests use for the embedded catalogue.
const AnnexAPath = "(built-in)/annex-a-2022.yaml"

// AnnexA returns the embedded catalogue as YAML (a model.Framework).
func AnnexA() []byte { return annexA }

// File is one embedded catalogue or crosswalk: its pseudo-path and YAML.
type File struct {
	Path string
	YAML []byte
}

// IsBuiltIn reports whether a path is the pseudo-path of an embedded catalogue or
// crosswalk: their facts are public (ISO publishes Annex A's IDs and short titles, the EU
// its legislation).
func IsBuiltIn(path string) bool { return strings.HasPrefix(path, "(built-in)/") }

// Catalogues returns the built-in catalogues (model.Framework YAML), Annex A first.
func Catalogues() []File {
	return []File{{AnnexAPath, annexA}, {"(built-in)/nis2-2024-2690.yaml", nis2}}
}

// Crosswalks returns the built-in crosswalks (model.Crosswalk YAML).
func Crosswalks() []File {
	return []File{{"(built-in)/nis2-iso27001-2022-enisa.yaml", nis2Mapping}}
}

var edition2013 = regexp.MustCompile(`^A\.(5|6|7|8|9|1[0-8])\.\d+\.\d+$`)

// Is2013ID reports whether id looks like an ISO/IEC 27001:2013 Annex A control ID
// (A.9.2.1), a common mistake now that certification is against the 2022 edition.
func Is2013ID(id string) bool { return edition2013.MatchString(id) }

var clauseNumber = regexp.MustCompile(`^(4|5|6|7|8|9|10)(\.\d+)*(\.?[a-z]| [a-z])?$`)

// IsClause reports whether s is an ISO/IEC 27001 clause number (4 to 10, such as 6.1.2,
// or an item of one, 6.1.3 d or 6.1.3.d),
// which a crosswalk onto ISO/IEC 27001 may name besides Annex A controls.
func IsClause(s string) bool { return clauseNumber.MatchString(s) }
