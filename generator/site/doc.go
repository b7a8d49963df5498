// Package site owns the intranet renderer: it turns the resolved ISMS graph into HTML
// pages (through the theme's html/template layouts), the stylesheet for highlighted code,
// CSV exports and copies of evidence files and content images, all in memory. Writing
// the files out is build's job; serving them is serve's.
package site
