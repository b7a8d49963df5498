// Package importer reads spreadsheets back into the ISMS: a CSV or XLSX file of a
// register's rows (an export of ismsgen's, or the spreadsheet an organisation kept
// before) is merged into the register's data file. Columns are matched to the fields
// model.Register.Fields lists, by name or by a map; rows are matched by ID; the YAML
// file keeps its comments and order; a bad value is an error at the cell's row:column;
// a value that would replace a different one is a conflict unless asked to overwrite.
// Nothing is written while there is an error.
package importer
