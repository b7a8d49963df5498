package pack

import (
	"path"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// evidence draws the evidence index: each record with its file's SHA-256, so an auditor
// can match the files handed over (or attached to this PDF) to the register.
func (r *renderer) evidence() {
	g := r.g
	attached := r.plan.attachesEvidence(g)
	intro := "Each file's SHA-256 was computed from the file in the ISMS repository at build time."
	if attached {
		intro += " The files are attached to this PDF (see the attachments panel of your PDF reader)."
	}
	r.doc.Para(layout.Plain(intro, r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	hash := layout.Style{Mono: true, Size: 6, Color: layout.ColText}
	t := &layout.Table{Size: body.Size, Weights: []float64{1.1, 2.8, 2.6, 1.5, 1.6, 1.6, 6.6, 1}}
	for _, h := range []string{"Evidence", "Title", "File", "Date", "Owner", "Controls", "SHA-256", "Size"} {
		t.Header = append(t.Header, layout.TextCell(h, head))
	}
	used := map[string]bool{}
	for _, ev := range g.Site.Evidence.Evidence {
		if ev == nil {
			continue
		}
		e, _ := g.Lookup(ev.ID)
		file := layout.Plain(ev.File, body)
		sum := layout.Cell{Spans: layout.Plain(ev.SHA256, hash)}
		size := ""
		switch {
		case ev.FileError != "":
			sum = layout.TextCell(ev.FileError, withColor(body, layout.ColAlert))
		case ev.File == "":
			sum = layout.TextCell("no file", withColor(body, layout.ColMuted))
		default:
			size = model.ByteSize(ev.Size)
			if _, ok := r.evidenceFile(ev); ok && attached {
				note := "(attached)"
				if name := attachmentName(ev, used); name != path.Base(ev.File) {
					note = "(attached as " + name + ")"
				}
				file = append(file, layout.Span{Text: " " + note, Style: withColor(body, layout.ColMuted)})
			}
		}
		t.Rows = append(t.Rows, []layout.Cell{
			layout.TextCell(ev.ID, withBold(body)),
			layout.TextCell(ev.Title, body),
			{Spans: file},
			layout.TextCell(ev.Date.String(), body),
			layout.TextCell(ev.Owner, body),
			{Spans: r.idLinks(model.IDs(ev.Controls), body)},
			sum,
			{Spans: layout.Plain(size, body), Align: "R"},
		})
		t.Marks = append(t.Marks, r.rowMark(e))
	}
	r.doc.DrawTable(t)
}
