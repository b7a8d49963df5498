package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// FileName is the name of the manifest attached inside a pack.
const FileName = "manifest.json"

// Manifest describes one pack.
type Manifest struct {
	Generator string   `json:"generator"`
	Pack      string   `json:"pack"`
	Title     string   `json:"title"`
	BuildDate string   `json:"build_date"`
	Release   string   `json:"release,omitempty"`
	Commit    string   `json:"commit,omitempty"`
	Sources   []Source `json:"sources"`
	// PDFSHA256 is the SHA-256 of the unsigned pack. It is only in the manifest written
	// beside the pack: the one inside the PDF cannot contain the hash of itself.
	PDFSHA256 string `json:"pdf_sha256,omitempty"`
}

// Source is one source file of a pack.
type Source struct {
	Path   string `json:"path"` // slash path relative to the site root
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// Sources hashes the named files (sorted, deduplicated) from files.
func Sources(paths []string, files map[string][]byte) []Source {
	seen := map[string]bool{}
	var out []Source
	for _, p := range paths {
		b, ok := files[p]
		if !ok || seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, Source{Path: p, Size: len(b), SHA256: Hash(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Hash returns the hex SHA-256 of b.
func Hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// JSON encodes the manifest, indented, with a final newline.
func (m *Manifest) JSON() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(m) // a Manifest always encodes
	return buf.Bytes()
}

// Parse decodes a manifest strictly: one JSON object with known fields only, nothing
// after it, every source named once with a size and a SHA-256, so that no manifest can
// mean two things to two readers.
func Parse(b []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("manifest: data after the JSON object")
	}
	seen := map[string]bool{}
	for i, s := range m.Sources {
		switch {
		case s.Path == "":
			return nil, fmt.Errorf("manifest: source %d has no path", i+1)
		case seen[s.Path]:
			return nil, fmt.Errorf("manifest: source %s is listed twice", s.Path)
		case s.Size < 0:
			return nil, fmt.Errorf("manifest: source %s has a negative size", s.Path)
		case !isSHA256(s.SHA256):
			return nil, fmt.Errorf("manifest: source %s: %q is not a SHA-256 in hex", s.Path, s.SHA256)
		}
		seen[s.Path] = true
	}
	if m.PDFSHA256 != "" && !isSHA256(m.PDFSHA256) {
		return nil, fmt.Errorf("manifest: pdf_sha256 %q is not a SHA-256 in hex", m.PDFSHA256)
	}
	return &m, nil
}

func isSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == sha256.Size && s == hex.EncodeToString(b)
}

// Diff is how a set of source files differs from a manifest.
type Diff struct {
	Changed []string
	Added   []string
	Missing []string
}

// Empty reports whether nothing differs.
func (d Diff) Empty() bool { return len(d.Changed)+len(d.Added)+len(d.Missing) == 0 }

// Compare compares the manifest's sources with the current ones: now lists the files
// that would go into the pack today, files their bytes.
func (m *Manifest) Compare(now []string, files map[string][]byte) Diff {
	var d Diff
	recorded := map[string]Source{}
	for _, s := range m.Sources {
		recorded[s.Path] = s
		b, ok := files[s.Path]
		switch {
		case !ok:
			d.Missing = append(d.Missing, s.Path)
		case Hash(b) != s.SHA256:
			d.Changed = append(d.Changed, s.Path)
		}
	}
	for _, p := range now {
		if _, ok := recorded[p]; !ok {
			if _, exists := files[p]; exists {
				d.Added = append(d.Added, p)
			}
		}
	}
	sort.Strings(d.Changed)
	sort.Strings(d.Added)
	sort.Strings(d.Missing)
	return d
}
