package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/load"
)

// idLine matches a top-level id: key of YAML front matter (indented keys belong to
// nested maps such as params and are not document IDs).
var idLine = regexp.MustCompile(`(?m)^id:[ \t]*["']?([^"'\s#]+)`)

// UsedIDs returns the document IDs in use in the site's documents (those the build
// reads: under content_dir, less what ignore: leaves out), each with the file that
// defines it. It reads only the front matter's id: line, so a document with a mistake
// elsewhere (the build would report it) still counts.
func UsedIDs(source string) (map[string]string, error) {
	docs, _, err := load.DocumentPaths(source)
	if err != nil {
		return nil, err
	}
	return usedIDs(source, docs)
}

func usedIDs(source string, docs []string) (map[string]string, error) {
	used := map[string]string{}
	for _, rel := range docs {
		// Read as the build does: a link out of the site or a named pipe is skipped
		// (the build reports it), never read or waited on.
		b, err := load.ReadFile(source, rel)
		var refused *load.RefusedError
		if errors.As(err, &refused) || errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if m := idLine.FindSubmatch(frontMatter(b)); m != nil {
			used[string(m[1])] = rel
		}
	}
	return used, nil
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

// PickID returns the ID of a new document of the prefix in the site's own style. A
// site whose IDs of the prefix (or, with none of it yet, all its IDs) are more often
// named (POL-AC, PRO-BACKUP) than numbered gets a named one from the title's first
// significant word (POL-REMOTE for "Remote working"; the second word joins it when the
// first is taken, then -2, -3…); otherwise the next number (NextID).
func PickID(used map[string]string, prefix, title string) string {
	named, numbered := idStyle(used, prefix+"-")
	if named+numbered == 0 {
		named, numbered = idStyle(used, "")
	}
	if named <= numbered {
		return NextID(used, prefix)
	}
	var words []string
	for _, w := range strings.Split(Slug(title), "-") {
		if w != "" && !idStopWords[w] {
			words = append(words, strings.ToUpper(w))
		}
	}
	if len(words) == 0 {
		return NextID(used, prefix)
	}
	base := prefix + "-" + words[0]
	if _, taken := used[base]; taken && len(words) > 1 {
		base += "-" + words[1]
	}
	id := base
	for n := 2; ; n++ {
		if _, taken := used[id]; !taken {
			return id
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
}

// idStyle counts the IDs starting with prefix whose rest is a number, and those whose
// rest has a letter.
func idStyle(used map[string]string, prefix string) (named, numbered int) {
	for id := range used {
		rest, ok := strings.CutPrefix(id, prefix)
		if !ok || rest == "" {
			continue
		}
		if prefix == "" {
			_, rest, ok = strings.Cut(id, "-")
			if !ok || rest == "" {
				continue
			}
		}
		if strings.Trim(rest, "0123456789") == "" {
			numbered++
		} else {
			named++
		}
	}
	return named, numbered
}

// idStopWords are left out of a named ID: they say nothing of the document.
var idStopWords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "for": true, "to": true, "in": true, "on": true,
	"with": true, "or": true, "policy": true, "procedure": true, "record": true, "records": true, "page": true,
}
