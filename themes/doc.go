// Package themes embeds the default theme (layouts and static assets) into the binary, so
// the ismsgen binary alone builds any ISMS directory. A site's own themes/<name>/ files
// override these file by file.
package themes
