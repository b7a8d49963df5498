package model

import (
	"strings"
	"unicode"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// Acknowledgements (clause 7.3 awareness): who acknowledged which version of which
// document, and when; loaded from data/acknowledgements.yaml and from the CSV files
// under data/acknowledgements/ an HR system or LMS exports.

// AckFile is data/acknowledgements.yaml.
const AckFile = "data/acknowledgements.yaml"

// AckDir holds CSV exports of acknowledgements: person, group, document, version,
// date.
const AckDir = "data/acknowledgements"

// Acknowledgements is every acknowledgement record of the site.
type Acknowledgements struct {
	// Sources are the files the records came from, in load order ("" entries never).
	Sources []string `yaml:"-"`
	// Groups are the distribution groups, with their members or their size, so that
	// coverage has a denominator.
	Groups  []*AckGroup        `yaml:"groups"`
	Records []*Acknowledgement `yaml:"acknowledgements"`
}

// AckGroup is a distribution group: the people a document's distribution: names.
type AckGroup struct {
	Pos     diag.Pos `yaml:"-"`
	Name    string   `yaml:"name"`
	Members []string `yaml:"members"`
	// Size is the number of members when they are not listed.
	Size int `yaml:"size"`
}

// Count is the number of the group's members.
func (g *AckGroup) Count() int {
	if len(g.Members) > 0 {
		return len(g.Members)
	}
	return g.Size
}

// Acknowledgement is one person's acknowledgement of one version of a document.
type Acknowledgement struct {
	Pos        diag.Pos `yaml:"-"`
	Person     string   `yaml:"person"`
	Group      string   `yaml:"group"`
	Document   Ref      `yaml:"document"`
	Version    string   `yaml:"version"`
	VersionPos diag.Pos `yaml:"-"`
	Date       Date     `yaml:"date"`
	DatePos    diag.Pos `yaml:"-"`
}

// GroupNamed returns the group called name (case aside), or nil.
func (a *Acknowledgements) GroupNamed(name string) *AckGroup {
	for _, g := range a.Groups {
		if g != nil && SameName(g.Name, name) {
			return g
		}
	}
	return nil
}

// SameName compares names of people, roles and groups as people write them: case and
// spacing aside.
func SameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// NameKey is a name in the form SameName compares, for sets of names: two names are the
// same name exactly when their keys are equal. Each rune becomes the smallest rune of
// its case-folding orbit, the equivalence strings.EqualFold tests.
func NameKey(name string) string {
	var b strings.Builder
	for i, w := range strings.Fields(name) {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, r := range w {
			least := r
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				least = min(least, f)
			}
			b.WriteRune(least)
		}
	}
	return b.String()
}
