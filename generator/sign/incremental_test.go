package sign

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// handmadePDF writes a PDF with what fpdf never produces: a nested page tree, /Annots as
// an indirect array, an indirect /AcroForm that already has a field named Signature1, and
// a trailer /ID.
func handmadePDF() []byte {
	content := "BT /F1 12 Tf 20 100 Td (hand made) Tj ET"
	objs := []string{
		1: "<< /Type /Catalog /Pages 2 0 R /AcroForm 7 0 R /Lang (en) >>",
		2: "<< /Type /Pages /Kids [8 0 R] /Count 1 >>",
		3: "<< /Type /Page /Parent 8 0 R /MediaBox [0 0 200 200] /Annots 5 0 R /Contents 4 0 R /Resources << /Font << /F1 9 0 R >> >> >>",
		4: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		5: "[6 0 R]",
		6: "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Signature1) /Rect [10 10 90 30] /P 3 0 R /F 4 >>",
		7: "<< /Fields [6 0 R] /DA (/F1 0 Tf 0 g) /DR << /Font << /F1 9 0 R >> >> >>",
		8: "<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 >>",
		9: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for n := 1; n < len(objs); n++ {
		offsets[n] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs))
	for n := 1; n < len(objs); n++ {
		fmt.Fprintf(&buf, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n%d\n%%%%EOF\n", len(objs), xref)
	return buf.Bytes()
}

func TestSignHandmade(t *testing.T) {
	_, ecdsaCA, _ := shared.get(t)
	file := handmadePDF()
	qpdfCheck(t, file)
	signed := mustSign(t, file, ecdsaCA.signer)
	qpdfCheck(t, signed)
	out := pdfsig(t, signed)
	wantAll(t, out, "Signature is Valid.", "Total document signed", "Signature Field Name: Signature2")

	update := string(signed[len(file):])
	for _, want := range []string{
		"/Annots [6 0 R 11 0 R]", // the existing widget is kept
		"/AcroForm <</Fields [6 0 R 11 0 R] /DA (/F1 0 Tf 0 g) /DR <</Font <</F1 9 0 R>>>> /SigFlags 3>>", // existing form keys kept
		"/Lang (en)", "/Resources <</Font <</F1 9 0 R>>>>",
		"/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
		"/Size 12", "/T (Signature2)", "/P 3 0 R", "/V 10 0 R",
	} {
		if !strings.Contains(update, want) {
			t.Errorf("update lacks %q:\n%s", want, update[:strings.Index(update, "/Contents <")]+update[strings.LastIndex(update, "0>"):])
		}
	}
	r := mustVerify(t, signed, ecdsaCA.roots)
	if !r.OK() || r.UnsignedLength != len(file) {
		t.Fatalf("report: %+v", r)
	}
}
