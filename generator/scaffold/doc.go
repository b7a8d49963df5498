// Package scaffold writes new documents from archetypes, for `ismsgen new`: a policy,
// procedure, record or page with the next free ID of its kind, the given date, status
// draft and version 0.1, in the section it belongs to. Archetypes are Markdown files
// executed as text/template; the site's themes/<name>/archetypes/<kind>.md overrides
// the default theme's, as in Hugo. It never overwrites a file.
package scaffold
