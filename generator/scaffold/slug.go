package scaffold

import "strings"

// Slug makes a file name from a title: lower-case ASCII letters and digits, runs of
// anything else as one hyphen ("Access Control: Remote & Mobile" → access-control-
// remote-mobile). It keeps page URLs plain on every web server and file system.
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	return b.String()
}
