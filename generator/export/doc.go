// Package export owns the spreadsheet exports auditors ask for: the Statement of
// Applicability, every register kept as data and the list of controlled documents, as
// CSV (RFC 4180, UTF-8, one header row, formula-like cells neutralised for
// spreadsheets), XLSX (one sheet, typed cells, reproducible bytes) or JSON (an array of
// objects with the same fields). The CLI's export
// command and the site's download links both write them through Write, so the two never
// differ.
package export
