// Package pdf rewrites a finished PDF as a table of objects: it reads a file with a
// classic cross-reference table (what fpdf writes), lets the caller replace and add
// objects, and writes the file anew, every stream compressed at the best level, with a
// fresh cross-reference table. Package font supplies the embedded fonts it writes.
package pdf
