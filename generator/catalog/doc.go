// Package catalog owns the built-in control catalogue: the ISO/IEC 27001:2022 Annex A
// control identifiers, short titles and themes (never the standard's control wording).
package catalog
