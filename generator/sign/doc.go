// Package sign owns the digital signature of finished PDF packs: it appends a PAdES
// baseline B-B signature (CMS SignedData, ETSI.CAdES.detached) to a PDF as an incremental
// update, verifies such signatures, and loads or creates the keys and certificates used
// for signing.
//
// The PDF side is deliberately narrow: it reads files with classic cross-reference tables
// or cross-reference and object streams (what generator/pdf writes), never rewrites
// existing bytes, and appends only the objects a signature needs, ending the update in the
// same kind of cross-reference section as the file, so the unsigned pack stays a
// byte-exact prefix of the signed one.
// Signing is deterministic: the same input, key and Options give the same bytes.
package sign
