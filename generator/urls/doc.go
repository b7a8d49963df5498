// Package urls owns where things live on the intranet site: the output path of every
// page, shared by the site renderer (which writes them), the PDF packs (which print
// intranet URLs for targets outside the pack) and the live preview.
package urls
