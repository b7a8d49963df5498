package sign

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// hostileDeadline is how long one hostile input may take before the test calls it a hang.
// It is no timing assertion: each input below took minutes or more before it was fixed,
// and takes milliseconds now, so the margin covers any machine and -race.
const hostileDeadline = 30 * time.Second

// within runs f and fails the test when it has not returned by the deadline.
func within(t testing.TB, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(hostileDeadline):
		t.Fatalf("%s did not finish within %v", what, hostileDeadline)
	}
}

// classicPDF writes objs (object 1 first) as a PDF with a correct xref table, and a
// trailer whose /Root is object 1.
func classicPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// selfListingNameTree is the small PDF from the trust issue: its embedded-files name tree
// lists itself twice, which a walk without a visited set follows 2^depth times.
func selfListingNameTree() []byte {
	return classicPDF(
		"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Kids [3 0 R 3 0 R] >>",
	)
}

// nameTreeLadder is 40 levels of nodes that each list the next one twice.
func nameTreeLadder() []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>", "<< /Type /Pages /Kids [] /Count 0 >>"}
	for i := 3; i < 43; i++ {
		objs = append(objs, fmt.Sprintf("<< /Kids [%d 0 R %d 0 R] >>", i+1, i+1))
	}
	objs = append(objs, "<< /Names [(a) << /F (other.txt) >>] >>")
	return classicPDF(objs...)
}

// repeatedByteRange is about 1 MiB of /ByteRange keys in one object, then a signature
// dictionary at the end: a scan that searches backwards from each one is quadratic.
func repeatedByteRange() []byte {
	return classicPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< "+strings.Repeat("/ByteRange [0 1 2 3] ", 50_000)+">>",
		strings.Repeat("/ByteRange ", 20_000),
		"<< /Type /Sig /ByteRange [0 10 20 5] /Contents <3000> >>",
	)
}

// hugeDictionary has 100,000 keys: a dictionary that searches its keys linearly while
// parsing costs quadratic time.
func hugeDictionary() []byte {
	var keys strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&keys, "/K%d %d ", i, i)
	}
	return classicPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Type /Sig "+keys.String()+"/ByteRange [0 10 20 5] /Contents <3000> >>",
	)
}

func TestHostilePDFsFinish(t *testing.T) {
	rsaCA, _, _ := shared.get(t)
	for name, file := range map[string][]byte{
		"self-listing name tree": selfListingNameTree(),
		"name tree ladder":       nameTreeLadder(),
		"repeated /ByteRange":    repeatedByteRange(),
		"100,000 keys":           hugeDictionary(),
	} {
		t.Run(name, func(t *testing.T) {
			within(t, "Verify", func() {
				r, err := Verify(file, Policy{Roots: rsaCA.roots})
				if err == nil && r.OK() {
					t.Errorf("hostile PDF verifies: %+v", r)
				}
			})
			within(t, "EmbeddedFile", func() {
				if _, err := pdf.AttachedFile(file, "manifest.json"); err == nil {
					t.Error("hostile PDF yields a manifest")
				}
			})
		})
	}
	if n := len(selfListingNameTree()); n > 600 {
		t.Errorf("the self-listing tree is %d bytes, more than the issue's 565-byte example", n)
	}
}

// TestManySignatureObjects: thousands of objects with a /ByteRange are refused at once.
func TestManySignatureObjects(t *testing.T) {
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
	for range 5000 {
		objs = append(objs, "<< /Type /Sig /ByteRange [0 10 20 5] /Contents <3000> >>")
	}
	within(t, "Verify", func() {
		if _, err := Verify(classicPDF(objs...), Policy{}); err == nil || !strings.Contains(err.Error(), "more than") {
			t.Errorf("err = %v", err)
		}
	})
}
