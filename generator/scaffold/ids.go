package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/load"
)

// idLine matches a top-level id: key of YAML front matter (indented keys belong to
// nested maps such as params and are not document IDs).
var idLine = regexp.MustCompile(`(?m)^id:[ \t]*["']?([^"'\s#]+)`)

// UsedIDs returns the document IDs in use under content/, each with the file that
// defines it. It reads only the front matter's id: line, so a document with a mistake
// elsewhere (the build would report it) still counts.
func UsedIDs(source string) (map[string]string, error) {
	used := map[string]string{}
	root := filepath.Join(source, "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && os.IsNotExist(err) {
				return filepath.SkipDir // a new site has no content yet
			}
			return err
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return nil
		}
		rel, err := filepath.Rel(source, p)
		if err != nil {
			return err
		}
		// Read as the build does: a link out of the site or a named pipe is skipped
		// (the build reports it), never read or waited on.
		b, err := load.ReadFile(source, filepath.ToSlash(rel))
		var refused *load.RefusedError
		if errors.As(err, &refused) || errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if m := idLine.FindSubmatch(frontMatter(b)); m != nil {
			used[string(m[1])] = filepath.ToSlash(rel)
		}
		return nil
	})
	return used, err
}

// frontMatter returns the YAML between the opening and closing --- lines, or nil.
func frontMatter(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !bytes.HasPrefix(b, []byte("---")) {
		return nil
	}
	rest := b[3:]
	if i := bytes.Index(rest, []byte("\n---")); i >= 0 {
		return rest[:i]
	}
	return nil
}

// NextID returns prefix-NNN with NNN one above the highest number in use after
// "prefix-" (IDs such as POL-AC, with no number, do not count), at least three digits.
func NextID(used map[string]string, prefix string) string {
	highest, width := 0, 3
	for id := range used {
		num, ok := strings.CutPrefix(id, prefix+"-")
		if !ok || num == "" || strings.TrimLeft(num, "0123456789") != "" {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		highest = max(highest, n)
		width = max(width, len(num))
	}
	return fmt.Sprintf("%s-%0*d", prefix, width, highest+1)
}

// validID is what an ID given with --id may look like: what [[ID]] references accept.
var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ValidID reports whether id can be a document ID.
func ValidID(id string) bool { return validID.MatchString(id) }
