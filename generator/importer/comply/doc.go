// Package comply converts a strongdm/comply repository into an ismsgen site, for
// `ismsgen import comply`: its policies, procedures and narratives become documents
// (name → title, acronym or id → id, satisfies: → controls:, majorRevisions →
// history), its standards become control catalogues (with their descriptions), the
// fields comply has and ismsgen does not go to params, and pandoc-only Markdown is
// converted (fancy a./i. lists, \pagebreak) or reported (grid tables). Every change it
// could not make silently is in the Report.
package comply
