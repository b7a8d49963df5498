package check

import "github.com/ismsgen/ismsgen/generator/model"

// RuleDocChangedNoBump finds a document changed in git without a new revision.
const RuleDocChangedNoBump = "doc-changed-no-bump"

// docChangedNoBumpInfo documents the rule (listed in Rules).
func docChangedNoBumpInfo() RuleInfo {
	return RuleInfo{RuleDocChangedNoBump, Warning,
		"a document or register was changed by a git commit dated after its newest revision-history entry, and that commit came after the last commit that changed its version: (7.5.3 control of changes)"}
}

// GitFile is what git knows of one source file (package versions reads it with one git
// log for the whole tree).
type GitFile struct {
	Commit string     // the last commit that touched the file (full hash)
	Short  string     // the same, abbreviated
	Date   model.Date // its author date
	Author string
	// VersionCommit is the last commit whose diff adds or removes a "version:" line of
	// the file: the file's last version bump ("" when none).
	VersionCommit string
}

// GitHistory maps source files (slash paths relative to the site root) to their git
// history; nil outside a git repository, where the git rules do not run.
type GitHistory map[string]GitFile

// gitChanges flags controlled documents whose text changed in git after their last
// recorded revision without a version bump. A change is "recorded" when the newest
// history entry is dated on or after the commit, or when the commit itself changed the
// version (the bump is often committed days after the history date); anything later is
// an uncontrolled change of documented information. Drafts are work in progress and
// are left out.
func (c *checker) gitChanges(h GitHistory) {
	if h == nil {
		return
	}
	for _, e := range c.g.Entities() {
		m, ok := c.g.Controlled(e)
		if !ok || m.Status == model.StatusDraft || len(m.History) == 0 {
			continue
		}
		f, ok := h[m.Path]
		if !ok || f.Commit == "" || f.Commit == f.VersionCommit {
			continue
		}
		newest := m.History[0]
		for _, r := range m.History[1:] {
			if !r.Date.Before(newest.Date) { // the later entry of a day is the newer
				newest = r
			}
		}
		if newest.Date.IsZero() || !f.Date.After(newest.Date) {
			continue
		}
		pos := newest.Pos
		if pos.Path == "" {
			pos = m.Pos
		}
		c.add(RuleDocChangedNoBump, pos, m.ID,
			"%s was changed in git after its newest revision (%s of %s) without a version bump: commit %s on %s by %s; add a history entry and raise version:, or revert the change",
			m.ID, newest.Version, newest.Date, f.Short, f.Date, f.Author)
	}
}
