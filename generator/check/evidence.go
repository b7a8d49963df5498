package check

// evidence checks that every evidence record points at a readable file inside the site
// root: load records why it could not read one (model.Evidence.FileError), and an
// auditor cannot sample evidence that is not there.
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
