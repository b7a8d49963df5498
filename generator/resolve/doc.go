// Package resolve owns the link graph of an ISMS: every document, register, control,
// risk, treatment action and evidence record as an Entity with a unique ID, every
// reference between them (from Markdown bodies and from data) resolved to its target,
// and the backlinks, computed once and handed to the checks and renderers, with the
// facts derived from them: clause coverage, what implements a control, approval,
// version order, declared clauses, classification. A reference that does not resolve
// is an error at its path:line:col.
package resolve
