package pack

import (
	"context"
	"errors"
	"fmt"
	"path"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	pdfpkg "github.com/ismsgen/ismsgen/generator/pdf"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/yuin/goldmark/ast"
)

// Options are the facts of one build that a pack shows besides the sources.
type Options struct {
	// Date is the build date: it is printed on the cover and fixes the PDF's creation and
	// modification dates, so the same sources and date give the same bytes. When zero,
	// the graph's date is used.
	Date model.Date
	// Version is the ismsgen version, for the cover and the PDF creator field.
	Version string
	// Release is the ISMS release label (a git tag) for the cover; "working tree" when
	// empty.
	Release string
	// Attachments are extra files embedded in the PDF after the evidence files (the
	// build's manifest).
	Attachments []Attachment
	// Signature, when set, is shown as a signature block on the cover: the pack is
	// signed after rendering, by the signer named here.
	Signature *Signature
}

// Signature describes the digital signature a pack will carry, for the cover.
type Signature struct {
	Signer   string // the signing certificate's subject
	Issuer   string // its issuer
	Reason   string
	Location string
	Date     model.Date
	// Timestamped: a time-stamping authority timestamps the signature (PAdES B-T), so
	// the cover tells the reader to trust its root too.
	Timestamped bool
}

// Attachment is a file embedded in the PDF as a document-level attachment.
type Attachment struct {
	Name        string
	Description string
	Data        []byte
	// Relationship is the file's relationship to the pack: RelSource, RelData or
	// RelSupplement (the default).
	Relationship string
}

// Result is a rendered pack.
type Result struct {
	PDF       []byte
	Pages     int
	Documents int // documents and registers in the pack (the clause coverage matrix is neither)
	// Warnings name, once per document, the characters no font of the pack has (they
	// are drawn as boxes).
	Warnings diag.List
}

// Render renders a planned pack. It reads sources only from g (the documents' ASTs and
// g.Site.Files) and returns the same bytes for the same graph, plan and options.
//
// A panic in the rendering of a document (or register, or artefact) becomes a
// positioned diag error against it; the other items are still rendered, to report theirs
// too. A panic elsewhere (the cover, the table of contents) is reported against the
// pack's configuration. Either way the error is a diag.List and no PDF is returned.
func Render(ctx context.Context, g *resolve.Graph, p *Plan, opt Options) (res *Result, err error) {
	if g == nil || p == nil {
		return nil, errors.New("pack: Render needs a graph and a plan")
	}
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, diag.List{diag.Internal(packPos(g, p), "rendering pack "+p.Config.Name, v)}
		}
	}()
	fail := &failures{items: map[*Item]bool{}}
	r, err := newRenderer(g, p, opt, fail)
	if err != nil {
		return nil, err
	}
	r.cover()
	r.reserveTOC()
	r.register()
	var warnings diag.List
	r.warnMissing(&warnings, packPos(g, p), "the cover and contents of pack "+p.Config.Name)
	for i, it := range p.Items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ok := r.guardItem(it, func() { r.item(it, r.itemTOC[i]) })
		pos, _ := r.itemSource(it)
		r.warnMissing(&warnings, pos, it.Title())
		if !ok {
			// The PDF is lost. The remaining items are rendered only to find their
			// errors too, in a fresh renderer that the panic cannot have disturbed.
			if r, err = newRenderer(g, p, opt, fail); err != nil {
				return nil, err
			}
			r.reserveTOC()
		}
	}
	if len(fail.errs) > 0 {
		fail.errs.Sort()
		return nil, fail.errs
	}
	r.fillTOC()
	r.anchors.Finish(entityAnchor)
	f, pages, err := r.doc.Output()
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", p.Config.Name, err)
	}
	out, err := r.finish(f)
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", p.Config.Name, err)
	}
	r.warnMissing(&warnings, packPos(g, p), "the contents of pack "+p.Config.Name)
	return &Result{PDF: out, Pages: pages, Documents: documentCount(p.Items), Warnings: warnings}, nil
}

// renderer holds the state of one rendering.
type renderer struct {
	g    *resolve.Graph
	plan *Plan
	opt  Options
	doc  *layout.Doc // the typesetting engine, used only through its exported API
	// archive is the document's description for its information and XMP metadata.
	archive pdfpkg.Archive

	cur pageInfo // facts for pages added from now on

	anchors  *layout.Anchors[anchorKey]
	inPack   map[*resolve.Entity]*Item
	rowsIn   map[resolve.Kind]bool // kinds whose rows are printed in the pack (controls in the SoA…)
	toc      layout.Contents
	itemTOC  []*layout.Entry
	headTOC  map[any]*layout.Entry // headings (AST nodes or section keys) that are TOC entries
	regTOC   *layout.Entry
	fail     *failures                                // items whose rendering panicked (guard.go)
	diagrams map[*ast.FencedCodeBlock]diagram.Diagram // Mermaid blocks, numbered (diagram.go)
}

// pageInfo is what the header of a page shows (every footer shows the pack's label).
type pageInfo struct {
	doc string // document ID and version, or the pack title
}

// newRenderer sets up the PDF: paper, fonts, metadata, header and footer.
func newRenderer(g *resolve.Graph, p *Plan, opt Options, fail *failures) (*renderer, error) {
	cfg := g.Site.Config
	date := opt.Date
	if date.IsZero() {
		date = g.Date
	}
	t := time.Unix(0, 0).UTC()
	if !date.IsZero() {
		t = date.Time()
	}
	opt.Date = model.DateOf(t)
	paper := fpdf.SizeType{Wd: 210, Ht: 297}
	if eqFold(p.Config.Paper, "Letter") {
		paper = fpdf.SizeType{Wd: 215.9, Ht: 279.4}
	}
	// The document information is written anew with the XMP metadata (embed.go); fpdf's
	// is the same.
	archive := pdfpkg.Archive{
		Title: p.Title(), Author: cfg.Organisation,
		Subject: fmt.Sprintf("%s: ISO/IEC 27001 documented information, %s", cfg.Title, opt.Date),
		Creator: "ismsgen " + version(opt.Version), Producer: "ismsgen " + version(opt.Version), Date: t,
	}
	var extra []layout.Font
	for _, ref := range cfg.PDF.Fonts {
		if b, ok := g.Site.Files[ref.ID]; ok {
			extra = append(extra, layout.Font{Name: ref.ID, Data: b})
		}
	}
	doc, err := layout.New(layout.Setup{Paper: paper, Info: archive, Lang: cfg.Language, Fonts: extra})
	if err != nil {
		return nil, err
	}
	pdf := doc.PDF
	r := &renderer{
		g: g, plan: p, opt: opt, doc: doc, fail: fail, archive: archive,
		cur:     pageInfo{doc: p.Title()},
		toc:     layout.Contents{Title: "Contents"},
		inPack:  map[*resolve.Entity]*Item{},
		rowsIn:  map[resolve.Kind]bool{},
		headTOC: map[any]*layout.Entry{},
	}
	r.anchors = layout.NewAnchors[anchorKey](pdf)
	r.doc.LastH = paper.Ht
	if n := len(p.Items); n > 0 && landscape(p.Items[n-1].Kind) {
		r.doc.LastH = paper.Wd
	}
	for _, it := range p.Items {
		if it.Entity != nil {
			r.inPack[it.Entity] = it
		}
		switch reg := registerOf(string(it.Kind)); {
		case reg == nil:
		case reg.Row != nil:
			r.rowsIn[resolve.Kind(reg.Row.Kind)] = true
		default:
			r.rowsIn[resolve.KindControl] = true // the SoA's rows are the controls'
		}
	}
	pdf.SetHeaderFunc(r.header)
	pdf.SetFooterFunc(r.footer)
	return r, nil
}

func version(v string) string {
	if v == "" {
		return "(devel)"
	}
	return v
}

// evidenceFile returns the bytes of an evidence record's file, when load read it.
func (r *renderer) evidenceFile(ev *model.Evidence) ([]byte, bool) {
	if ev == nil || ev.File == "" || ev.SHA256 == "" {
		return nil, false
	}
	b, ok := r.g.Site.Files[ev.File]
	return b, ok
}

// attachmentName names an evidence attachment by its file's base name, prefixed with
// the evidence ID when two files share a name.
func attachmentName(ev *model.Evidence, used map[string]bool) string {
	name := path.Base(ev.File)
	if used[name] {
		name = ev.ID + "-" + name
	}
	used[name] = true
	return name
}
