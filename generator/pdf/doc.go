// Package pdf rewrites a finished PDF as a table of objects: it reads a file with a
// classic cross-reference table (what fpdf writes), lets the caller replace and add
// objects, gives the file the structure PDF/A-3b asks for (XMP metadata, an sRGB output
// intent, printable annotations), and writes it anew with every stream compressed at the
// best level and a fresh cross-reference table. Its subpackage font reads TrueType fonts
// and writes the font objects of their subsets.
package pdf
