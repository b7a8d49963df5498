package versions

import (
	"context"
	"strings"

	"github.com/ismsgen/ismsgen/generator/site"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// History is what git knows of the source files of one version of a site: for each
// file, the last commit that touched it and the last commit that changed its version.
type History struct {
	// Files is keyed by slash path relative to the site root.
	Files map[string]*FileHistory
}

// FileHistory is the git history of one source file.
type FileHistory struct {
	Last site.GitChange
	// VersionCommit is the last commit whose diff adds or removes a "version:" line of
	// the file ("" when none): the file's last version bump.
	VersionCommit string
}

// versionLine matches a front-matter or document-block version key, in block or flow
// style ("version: 1.1", "{id: SOA, version: 1.1}"); git's -G applies it to the added
// and removed lines of each diff.
const versionLine = `(^|[{,[:space:]])version:`

// fieldSep and recordSep delimit git log output; neither occurs in hashes, dates,
// names or paths.
const (
	recordSep = "\x1e"
	fieldSep  = "\x1f"
)

// history reads the history of the site's sources as of rev (a commit, or "HEAD") with
// two git log runs over the whole tree, never one per file: the first gives each file's
// last commit, the second (-G, which keeps only the files whose diff matches) each
// file's last version change.
func (r *repo) history(ctx context.Context, rev, contentDir string) (*History, error) {
	h := &History{Files: map[string]*FileHistory{}}
	// The source trees whose history pages show: documents (content_dir, the site root
	// for ".") and the registers kept as data.
	historyPaths := []string{contentDir, "data"}
	if contentDir == "." {
		historyPaths = []string{"."}
	}
	if rev == "HEAD" && !r.hasCommits(ctx) {
		return h, nil
	}
	args := []string{"log", "--no-renames", "--date=short", "--format=" + recordSep + "%H" + fieldSep + "%h" + fieldSep + "%ad" + fieldSep + "%an",
		"--name-only", "--relative", rev, "--"}
	out, err := r.git(ctx, r.root, append(args, historyPaths...)...)
	if err != nil {
		return nil, err
	}
	for _, rec := range parseLog(string(out)) {
		for _, f := range rec.files {
			if _, seen := h.Files[f]; !seen {
				h.Files[f] = &FileHistory{Last: rec.change}
			}
		}
	}
	args = []string{"log", "--no-renames", "--format=" + recordSep + "%H" + fieldSep + "%h" + fieldSep + "%ad" + fieldSep + "%an",
		"-G" + versionLine, "--name-only", "--relative", rev, "--"}
	out, err = r.git(ctx, r.root, append(args, historyPaths...)...)
	if err != nil {
		return nil, err
	}
	for _, rec := range parseLog(string(out)) {
		for _, f := range rec.files {
			if fh, ok := h.Files[f]; ok && fh.VersionCommit == "" {
				fh.VersionCommit = rec.change.Commit
			}
		}
	}
	return h, nil
}

type logRecord struct {
	change site.GitChange
	files  []string
}

// parseLog splits git log output made with the record and field separators and
// --name-only into commits and the files each touched.
func parseLog(out string) []logRecord {
	var recs []logRecord
	for _, chunk := range strings.Split(out, recordSep) {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		header, files, _ := strings.Cut(chunk, "\n")
		f := strings.Split(header, fieldSep)
		if len(f) < 4 {
			continue
		}
		rec := logRecord{change: site.GitChange{Commit: f[0], Short: f[1], Date: f[2], Author: f[3]}}
		for _, line := range strings.Split(files, "\n") {
			if line = strings.TrimRight(line, "\r"); line != "" {
				rec.files = append(rec.files, line)
			}
		}
		recs = append(recs, rec)
	}
	return recs
}

// CheckInput is the history as the doc-changed-no-bump rule takes it.
func (h *History) CheckInput() check.GitHistory {
	if h == nil {
		return nil
	}
	out := make(check.GitHistory, len(h.Files))
	for p, fh := range h.Files {
		d, err := model.ParseDate(fh.Last.Date)
		if err != nil {
			continue
		}
		out[p] = check.GitFile{Commit: fh.Last.Commit, Short: fh.Last.Short, Date: d, Author: fh.Last.Author, VersionCommit: fh.VersionCommit}
	}
	return out
}

// Changes maps every source file to the last commit that touched it, for the "last
// changed" line of its page.
func (h *History) Changes() map[string]*site.GitChange {
	out := map[string]*site.GitChange{}
	if h == nil {
		return out
	}
	for p, fh := range h.Files {
		c := fh.Last
		out[p] = &c
	}
	return out
}

// SourcePath returns the source file of a document or register entity.
func SourcePath(g *resolve.Graph, e *resolve.Entity) string {
	if e.Doc != nil {
		return e.Doc.Path
	}
	if e.Reg != nil {
		if src := *e.Reg.Data(g.Site).Source(); src != "" {
			return src
		}
	}
	return e.Pos.Path
}
