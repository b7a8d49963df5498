// Package layout typesets documents into PDF pages: the general engine under the
// audit packs, which knows text, fonts and images but nothing of an ISMS.
//
// Package pack plans a pack and lays out its ISMS sections (cover, contents, registers,
// documents) through layout; another output format can reuse pack's plan without it.
// Layout imports only forward: pdf, pdf/font, model and markdown, never pack.
package layout
