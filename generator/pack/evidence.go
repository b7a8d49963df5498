package pack

import (
	"path"

	"github.com/ismsgen/ismsgen/generator/model"
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
	r.para(plain(intro, r.base()), "L")
	r.y += gapPara
	head := style{bold: true, size: sizeTable - 0.5, color: colText}
	body := style{size: sizeTable - 0.5, color: colText}
	hash := style{mono: true, size: 6, color: colText}
	t := &table{size: body.size, weights: []float64{1.1, 2.8, 2.6, 1.5, 1.6, 1.6, 6.6, 1}}
	for _, h := range []string{"Evidence", "Title", "File", "Date", "Owner", "Controls", "SHA-256", "Size"} {
		t.header = append(t.header, txt(h, head))
	}
	used := map[string]bool{}
	for _, ev := range g.Site.Evidence.Evidence {
		if ev == nil {
			continue
		}
		e, _ := g.Lookup(ev.ID)
		file := plain(ev.File, body)
		sum := cell{spans: plain(ev.SHA256, hash)}
		size := ""
		switch {
		case ev.FileError != "":
			sum = txt(ev.FileError, withColor(body, colAlert))
		case ev.File == "":
			sum = txt("no file", withColor(body, colMuted))
		default:
			size = model.ByteSize(ev.Size)
			if _, ok := r.evidenceFile(ev); ok && attached {
				note := "(attached)"
				if name := attachmentName(ev, used); name != path.Base(ev.File) {
					note = "(attached as " + name + ")"
				}
				file = append(file, span{text: " " + note, st: withColor(body, colMuted)})
			}
		}
		t.rows = append(t.rows, []cell{
			txt(ev.ID, withBold(body)),
			txt(ev.Title, body),
			{spans: file},
			txt(ev.Date.String(), body),
			txt(ev.Owner, body),
			{spans: r.idLinks(model.IDs(ev.Controls), body)},
			sum,
			{spans: plain(size, body), align: "R"},
		})
		t.keys = append(t.keys, anchorKey{e: e})
	}
	r.drawTable(t)
}
