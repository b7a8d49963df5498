// Package pdf is ismsgen's PDF file layer: the object model, reading files through their
// cross-reference sections, and writing them anew or by incremental update.
//
// Document opens any revision of a PDF through its cross-reference sections (classic
// tables and cross-reference streams, with object streams, following every incremental
// update's /Prev), and parses its objects into the object model (Name, Number, String,
// Ref, Array, Dict), whose values keep their source form. UpdateWriter appends an
// incremental update that never changes a byte of the file and ends in the same kind of
// cross-reference section as the file it extends. sign signs, verifies and seals packs
// through them.
//
// File rewrites a finished PDF as a table of objects: it reads the file fpdf writes (one
// classic cross-reference table) or, through Document, any single-revision file, lets the
// caller replace and add objects, gives the file the structure PDF/A-3b asks for (XMP
// metadata, an sRGB output intent, printable annotations), and writes it anew with every
// stream compressed at the best level and a fresh cross-reference table, or, with
// CompactBytes, object streams and a cross-reference stream. Its subpackage font reads
// TrueType fonts and writes the font objects of their subsets.
package pdf
