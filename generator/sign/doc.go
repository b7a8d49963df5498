// Package sign owns the digital signature of finished PDF packs: it appends a PAdES
// baseline B-B signature (CMS SignedData, ETSI.CAdES.detached) to a PDF as an incremental
// update, verifies such signatures, and loads or creates the keys and certificates used
// for signing.
//
// The PDF file structure is generator/pdf's: sign opens files with pdf.Document (classic
// cross-reference tables or cross-reference and object streams), never rewrites existing
// bytes, and appends with pdf.UpdateWriter only the objects a signature, a document
// timestamp or validation data need, ending the update in the same kind of
// cross-reference section as the file, so the unsigned pack stays a byte-exact prefix of
// the signed one. What sign keeps is the CMS and PAdES side: the signature dictionary and
// field, the keys, the timestamps and what verify allows in a later revision.
// Signing is deterministic: the same input, key and Options give the same bytes.
package sign
