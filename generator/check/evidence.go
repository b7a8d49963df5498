package check

// evidence checks that every evidence record names a readable file inside the site
// root: an auditor cannot sample evidence that is not there. A file load could not read
// is already a load error (FromDiag reports it under this rule); FileError is checked
// too for models made otherwise.
func (c *checker) evidence() {
	for _, ev := range c.g.Site.Evidence.Evidence {
		if ev == nil {
			continue
		}
		switch {
		case ev.File == "":
			c.add(RuleEvidenceFile, ev.Pos, ev.ID, "evidence %s names no file: set file: to its path relative to the site root, such as evidence/%s.pdf", ev.ID, ev.ID)
		case ev.FileError != "":
			pos := ev.FilePos
			if pos.Path == "" {
				pos = ev.Pos
			}
			c.add(RuleEvidenceFile, pos, ev.ID, "evidence %s: file %s: %s", ev.ID, ev.File, ev.FileError)
		}
	}
}
