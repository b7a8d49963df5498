// Package oscal writes the resolved ISMS as OSCAL 1.2.1 JSON (NIST's Open Security
// Controls Assessment Language): the catalogues in force as a catalog, the Statement of
// Applicability as a profile (selected controls, exclusions with their justification),
// a system security plan whose implemented requirements cite the implementing
// documents and evidence, and the risk treatment plan as a plan of action and
// milestones. Every UUID is a version 5 UUID derived from the organisation and a stable
// ID, so the same sources give byte-identical documents. It renders; it reads no files.
package oscal
