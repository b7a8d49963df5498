package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// attacker changes a signed pack the way someone with ordinary tools would: it reads the
// PDF only through qpdf, writes incremental updates by hand and signs with OpenSSL.
// Nothing here calls ismsgen's PDF or signing code, so the tests prove what verify does
// with a file ismsgen did not make.
type attacker struct {
	t             *testing.T
	qpdf, openssl string
	dir           string
}

func newAttacker(t *testing.T) *attacker {
	return &attacker{t: t, qpdf: tooltest.Need(t, "qpdf"), openssl: tooltest.Need(t, "openssl"), dir: t.TempDir()}
}

func (a *attacker) run(name string, args ...string) string {
	a.t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		a.t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// show returns qpdf's text of an object ("trailer" or an object number).
func (a *attacker) show(pdf []byte, obj string) string {
	a.t.Helper()
	p := filepath.Join(a.dir, "in.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		a.t.Fatal(err)
	}
	return strings.TrimSpace(a.run(a.qpdf, "--show-object="+obj, p))
}

// firstPage returns the object number of page 1, from qpdf --show-pages.
func (a *attacker) firstPage(pdf []byte) int {
	a.t.Helper()
	p := filepath.Join(a.dir, "in.pdf")
	os.WriteFile(p, pdf, 0o644)
	m := regexp.MustCompile(`page 1: (\d+) 0 R`).FindStringSubmatch(a.run(a.qpdf, "--show-pages", p))
	if m == nil {
		a.t.Fatal("qpdf shows no page 1")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// trailer returns the catalog's object number and /Size of the newest trailer.
func (a *attacker) trailer(pdf []byte) (root, size int) {
	a.t.Helper()
	tr := a.show(pdf, "trailer")
	r := regexp.MustCompile(`/Root (\d+) 0 R`).FindStringSubmatch(tr)
	s := regexp.MustCompile(`/Size (\d+)`).FindStringSubmatch(tr)
	if r == nil || s == nil {
		a.t.Fatalf("trailer: %s", tr)
	}
	root, _ = strconv.Atoi(r[1])
	size, _ = strconv.Atoi(s[1])
	return root, size
}

// update appends an incremental update holding objs (object number → body) to pdf,
// whose trailer's /Size is size.
func (a *attacker) update(pdf []byte, objs map[int]string, root, size int) []byte {
	a.t.Helper()
	i := bytes.LastIndex(pdf, []byte("startxref"))
	prev, err := strconv.Atoi(strings.Fields(string(pdf[i+len("startxref"):]))[0])
	if err != nil {
		a.t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(pdf)
	offsets := map[int]int{}
	var nums []int
	for n := range objs {
		nums = append(nums, n)
	}
	sortInts(nums)
	size = max(size, nums[len(nums)-1]+1)
	for _, n := range nums {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, root, prev, xref)
	return b.Bytes()
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// appendToArray adds a reference to object n at the end of the array /key in a dictionary
// as qpdf prints it.
func appendToArray(dict, key string, n int) string {
	re := regexp.MustCompile(`/` + key + ` \[([^\]]*)\]`)
	return re.ReplaceAllString(dict, fmt.Sprintf("/%s [$1 %d 0 R ]", key, n))
}

// placeholder is the /ByteRange and /Contents of a signature dictionary to be filled in.
const placeholder = "/ByteRange [0000000000 0000000000 0000000000 0000000000] /Contents <"

func sigDict(typ, subFilter string) string {
	return fmt.Sprintf("<< /Type /%s /Filter /Adobe.PPKLite /SubFilter /%s %s%s> /M (D:20261122000000Z) >>",
		typ, subFilter, placeholder, strings.Repeat("0", 16384))
}

// fill computes the byte ranges of the one placeholder signature in pdf, hands the
// signed bytes to sign (which returns DER) and writes the result into /Contents.
func (a *attacker) fill(pdf []byte, sign func(data string) []byte) []byte {
	a.t.Helper()
	at := bytes.LastIndex(pdf, []byte(placeholder))
	if at < 0 {
		a.t.Fatal("no placeholder")
	}
	start := at + len(placeholder) - 1
	end := start + bytes.IndexByte(pdf[start:], '>') + 1
	out := bytes.Clone(pdf)
	br := fmt.Sprintf("%010d %010d %010d %010d", 0, start, end, len(out)-end)
	copy(out[at+len("/ByteRange ["):], br)
	data := filepath.Join(a.dir, "signed-bytes")
	os.WriteFile(data, append(bytes.Clone(out[:start]), out[end:]...), 0o644)
	der := sign(data)
	if 2*len(der) > end-start-2 {
		a.t.Fatalf("signature of %d bytes does not fit", len(der))
	}
	hex.Encode(out[start+1:], der)
	return out
}

// cadesSign signs the file with OpenSSL's CAdES signer, detached, over SHA-256.
func (a *attacker) cadesSign(cert, key, chain string) func(string) []byte {
	return func(data string) []byte {
		out := filepath.Join(a.dir, "sig.der")
		a.run(a.openssl, "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-in", data, "-signer", cert,
			"-inkey", key, "-certfile", chain, "-outform", "DER", "-out", out, "-nosmimecap")
		b, _ := os.ReadFile(out)
		return b
	}
}

// issue makes a second signing certificate under the keygen root: someone else in the
// organisation, or anyone who got a certificate from the same CA.
func (a *attacker) issue(keys, cn string) (cert, key string) {
	a.t.Helper()
	key, csr, cert := filepath.Join(a.dir, "k2.pem"), filepath.Join(a.dir, "c2.csr"), filepath.Join(a.dir, "c2.pem")
	ext := filepath.Join(a.dir, "ext.cnf")
	os.WriteFile(ext, []byte("keyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n"), 0o644)
	a.run(a.openssl, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
		"-keyout", key, "-subj", "/CN="+cn, "-out", csr)
	a.run(a.openssl, "x509", "-req", "-in", csr, "-CA", filepath.Join(keys, "root.pem"),
		"-CAkey", filepath.Join(keys, "root-key.pem"), "-days", "30", "-extfile", ext, "-out", cert)
	return cert, key
}

func writePack(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestResignedPackFails is the attack the trust issue describes: page 1 replaced by an
// incremental update, then signed again by a second certificate from the same root.
// pdfsig shows the organisation's signature no longer covers the file; verify must fail
// and say why, although the newest signature is valid and trusted.
func TestResignedPackFails(t *testing.T) {
	_, pdfPath, keys := signedSite(t)
	orig, _ := os.ReadFile(pdfPath)
	a := newAttacker(t)
	root, size := a.trailer(orig)
	page := a.firstPage(orig)
	catalog := a.show(orig, strconv.Itoa(root))
	pageDict := a.show(orig, strconv.Itoa(page))
	content, sig, widget := size, size+1, size+2
	forged := regexp.MustCompile(`/Contents \d+ 0 R`).ReplaceAllString(pageDict, fmt.Sprintf("/Contents %d 0 R", content))
	forged = appendToArray(forged, "Annots", widget)
	text := "BT /F1 24 Tf 72 720 Td (Everything is fine) Tj ET"
	update := a.update(orig, map[int]string{
		content: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
		page:    forged,
		root:    appendToArray(catalog, "Fields", widget),
		sig:     sigDict("Sig", "ETSI.CAdES.detached"),
		widget:  fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V %d 0 R /T (Signature2) /F 132 /P %d 0 R >>", sig, page),
	}, root, size)
	cert, key := a.issue(keys, "Mallory in Finance")
	forgedPDF := a.fill(update, a.cadesSign(cert, key, filepath.Join(keys, "root.pem")))
	p := writePack(t, "resigned", forgedPDF)

	out := pdfsig(t, p)
	first, second, found := strings.Cut(out, "Signature #2")
	if !found || !strings.Contains(first, "Not total document signed") || !strings.Contains(second, "Signature is Valid.") ||
		!strings.Contains(second, "Total document signed") {
		t.Fatalf("the forgery is not what the attack needs (pdfsig):\n%s", out)
	}
	code, vout, _ := runCLI(t, "verify", p, "--ca", filepath.Join(keys, "root.pem"))
	for _, want := range []string{
		`signature 2 (Signature2): valid, by "Mallory in Finance"`,
		`FAIL  signature 2 by "Mallory in Finance"`, "is a second signature",
		"FAIL  revision 2 (bytes", "changes page 1",
		"NOT verified",
	} {
		if !strings.Contains(vout, want) {
			t.Errorf("verify output lacks %q", want)
		}
	}
	if code != 1 || strings.Contains(vout, "verified: every check holds") {
		t.Errorf("a re-signed pack passes: exit %d\n%s", code, vout)
	}
	if t.Failed() {
		t.Log(vout)
	}
}

// TestTrust: without a trusted root a pack never verifies; a root pinned in
// data/site.yaml serves as --ca; a development signature needs --allow-development.
func TestTrust(t *testing.T) {
	src, pdf, keys := signedSite(t)
	code, out, _ := runCLI(t, "verify", pdf)
	if code != 1 || !strings.Contains(out, "is unverified: no trusted root was given") ||
		!strings.Contains(out, "the signature is intact") || strings.Contains(out, "verified: every") {
		t.Errorf("no --ca: exit %d\n%s", code, out)
	}
	// A bundle of several roots: another one first, then the right one.
	other := filepath.Join(t.TempDir(), "other")
	runCLI(t, "keygen", "--out", other, "--org", "Someone Else")
	a, _ := os.ReadFile(filepath.Join(other, "root.pem"))
	b, _ := os.ReadFile(filepath.Join(keys, "root.pem"))
	bundle := filepath.Join(t.TempDir(), "bundle.pem")
	os.WriteFile(bundle, append(a, b...), 0o644)
	if code, out, _ := runCLI(t, "verify", pdf, "--ca", bundle); code != 0 || !strings.Contains(out, "verified: every check holds") {
		t.Errorf("bundle --ca: exit %d\n%s", code, out)
	}
	// Pin the root in the site's settings.
	site, _ := os.ReadFile(filepath.Join(src, "data", "site.yaml"))
	os.MkdirAll(filepath.Join(src, "keys"), 0o755)
	os.WriteFile(filepath.Join(src, "keys", "root.pem"), b, 0o644)
	os.WriteFile(filepath.Join(src, "data", "site.yaml"), append(site, []byte("signing:\n  root: keys/root.pem\n")...), 0o644)
	if code, out, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22",
		"--cert", filepath.Join(keys, "signer.pem"), "--key", filepath.Join(keys, "signer-key.pem")); code != 0 {
		t.Fatalf("build: %d\n%s%s", code, out, errs)
	}
	if code, out, _ := runCLI(t, "verify", pdf, "--source", src); code != 0 || !strings.Contains(out, "pinned by signing: root:") {
		t.Errorf("pinned root: exit %d\n%s", code, out)
	}

	// A development signature: reported, and failing unless allowed.
	dev := fixture.Write(t, fixture.Minimal())
	if code, out, errs := runCLI(t, "build", "--source", dev, "--date", "2026-11-22"); code != 0 {
		t.Fatalf("build: %s%s", out, errs)
	}
	devPDF := filepath.Join(dev, "public", "packs", "stage1.pdf")
	devRoot := filepath.Join(dev, ".ismsgen", "dev-signing", "root.pem")
	code, out, _ = runCLI(t, "verify", devPDF, "--ca", devRoot)
	if code != 1 || !strings.Contains(out, "[DEVELOPMENT certificate]") || !strings.Contains(out, "--allow-development") {
		t.Errorf("development pack without --allow-development: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "verify", devPDF, "--source", dev, "--allow-development"); code != 0 || !strings.Contains(out, "[DEVELOPMENT certificate]") {
		t.Errorf("development pack with --allow-development: exit %d\n%s", code, out)
	}
}

// TestChangedDigestListFails: the SignedData's list of digest algorithms is not signed,
// but NSS refuses a SignerInfo whose algorithm it does not list, and so must verify.
func TestChangedDigestListFails(t *testing.T) {
	_, pdfPath, keys := signedSite(t)
	orig, _ := os.ReadFile(pdfPath)
	// SHA-256's OID ends 04 02 01; the first occurrence in the CMS is in digestAlgorithms.
	// Make it SHA-512 (04 02 03) in the hex of /Contents.
	i := bytes.Index(orig, []byte("/Contents <"))
	j := bytes.Index(orig[i:], []byte("0609608648016503040201"))
	if i < 0 || j < 0 {
		t.Fatal("no SHA-256 OID in the signature")
	}
	bad := bytes.Clone(orig)
	bad[i+j+len("06096086480165030402")+1] = '3'
	p := writePack(t, "digestlist", bad)
	if out := pdfsig(t, p); strings.Contains(out, "Signature is Valid.") {
		t.Errorf("pdfsig accepts the changed list; this test's premise is wrong:\n%s", out)
	}
	code, out, _ := runCLI(t, "verify", p, "--ca", filepath.Join(keys, "root.pem"))
	if code != 1 || !strings.Contains(out, "not among the SignedData's digest algorithms") {
		t.Errorf("changed digest list: exit %d\n%s", code, out)
	}
}

// timestampAuthority is a local RFC 3161 authority: OpenSSL's ts command with a
// time-stamping certificate issued by the keygen root.
func (a *attacker) timestampAuthority(keys string) func(string) []byte {
	a.t.Helper()
	key, csr, cert := filepath.Join(a.dir, "tsa-key.pem"), filepath.Join(a.dir, "tsa.csr"), filepath.Join(a.dir, "tsa.pem")
	ext := filepath.Join(a.dir, "tsa-ext.cnf")
	os.WriteFile(ext, []byte("keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n"), 0o644)
	a.run(a.openssl, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
		"-keyout", key, "-subj", "/CN=Test TSA", "-out", csr)
	a.run(a.openssl, "x509", "-req", "-in", csr, "-CA", filepath.Join(keys, "root.pem"),
		"-CAkey", filepath.Join(keys, "root-key.pem"), "-days", "30", "-extfile", ext, "-out", cert)
	serial := filepath.Join(a.dir, "tsa-serial")
	os.WriteFile(serial, []byte("01\n"), 0o644)
	cnf := filepath.Join(a.dir, "tsa.cnf")
	os.WriteFile(cnf, []byte(fmt.Sprintf(`[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = %s
signer_cert = %s
signer_key = %s
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
ess_cert_id_alg = sha256
ess_cert_id_chain = no
`, serial, cert, key)), 0o644)
	return func(data string) []byte {
		q, tok := filepath.Join(a.dir, "q.tsq"), filepath.Join(a.dir, "token.der")
		a.run(a.openssl, "ts", "-query", "-data", data, "-sha256", "-cert", "-out", q)
		a.run(a.openssl, "ts", "-reply", "-queryfile", q, "-config", cnf, "-token_out", "-out", tok)
		b, _ := os.ReadFile(tok)
		return b
	}
}

// ltvUpdates appends what a PAdES long-term-validation tool appends after a signature:
// a revision with validation data (/DSS) and a revision with a document timestamp in an
// invisible signature field. change, when not nil, alters the DSS revision's objects.
func (a *attacker) ltvUpdates(signed []byte, keys string, change func(objs map[int]string, root, page, next int)) []byte {
	a.t.Helper()
	root, size := a.trailer(signed)
	page := a.firstPage(signed)
	rootDER := a.run(a.openssl, "x509", "-in", filepath.Join(keys, "root.pem"), "-outform", "DER")
	catalog := a.show(signed, strconv.Itoa(root))
	dss, certs := size, size+1
	withDSS := strings.TrimSuffix(catalog, ">>") + fmt.Sprintf("/DSS %d 0 R >>", dss)
	if re := regexp.MustCompile(`/DSS \d+ 0 R`); re.MatchString(catalog) { // a sealed pack: replace its DSS
		withDSS = re.ReplaceAllString(catalog, fmt.Sprintf("/DSS %d 0 R", dss))
	}
	objs := map[int]string{
		root:  withDSS,
		dss:   fmt.Sprintf("<< /Type /DSS /Certs [ %d 0 R ] >>", certs),
		certs: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(rootDER), rootDER),
	}
	if change != nil {
		change(objs, root, page, size+2)
	}
	dssRev := a.update(signed, objs, root, size)
	_, next := a.trailer(dssRev)

	catalog = a.show(dssRev, strconv.Itoa(root))
	pageDict := a.show(dssRev, strconv.Itoa(page))
	sig, widget := next, next+1
	objs = map[int]string{
		root:   appendToArray(catalog, "Fields", widget),
		page:   appendToArray(pageDict, "Annots", widget),
		sig:    sigDict("DocTimeStamp", "ETSI.RFC3161"),
		widget: fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V %d 0 R /T (Timestamp1) /F 132 /P %d 0 R >>", sig, page),
	}
	return a.fill(a.update(dssRev, objs, root, next), a.timestampAuthority(keys))
}

// TestAllowedRevisionsPass: validation data and a document timestamp after the
// organisation's signature are what PAdES B-LT and B-LTA add; they change nothing the
// organisation signed, so the pack still verifies, and each is listed.
func TestAllowedRevisionsPass(t *testing.T) {
	_, pdfPath, keys := signedSite(t)
	orig, _ := os.ReadFile(pdfPath)
	a := newAttacker(t)
	ltv := a.ltvUpdates(orig, keys, nil)
	p := writePack(t, "ltv", ltv)
	if b, err := exec.Command(a.qpdf, "--check", p).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
	// poppler 22 lists the timestamp but cannot validate RFC 3161 tokens ("Unimplemented
	// Feature"); it still finds the organisation's signature valid.
	if out := pdfsig(t, p); !strings.Contains(out, "Signature #2") || !strings.Contains(out, "Timestamp1") ||
		!strings.Contains(strings.Split(out, "Signature #2")[0], "Signature is Valid.") {
		t.Errorf("pdfsig:\n%s", out)
	}
	code, out, _ := runCLI(t, "verify", p, "--ca", filepath.Join(keys, "root.pem"))
	for _, want := range []string{
		"ok    signature 1 (Signature1): valid", "covers bytes 0–",
		`ok    document timestamp 2 (Timestamp1): valid, by "Test TSA"`, "ETSI.RFC3161",
		"ok    revision 2 (bytes", "validation data (DSS) that changes no page",
		"ok    revision 3 (bytes", "a document timestamp that changes no page",
		"verified: every check holds",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q", want)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	if t.Failed() {
		t.Log(out)
	}

	// The same revisions carrying a change the organisation did not sign fail.
	for name, change := range map[string]func(objs map[int]string, root, page, next int){
		"page content": func(objs map[int]string, root, page, next int) {
			text := "BT /F1 24 Tf 72 720 Td (Everything is fine) Tj ET"
			objs[next] = fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text)
			objs[page] = regexp.MustCompile(`/Contents \d+ 0 R`).ReplaceAllString(a.show(orig, strconv.Itoa(page)), fmt.Sprintf("/Contents %d 0 R", next))
		},
		"visible annotation": func(objs map[int]string, root, page, next int) {
			objs[next] = "<< /Type /Annot /Subtype /FreeText /Rect [72 700 400 740] /Contents (Approved by the auditor) /DA (/Helv 12 Tf 0 g) >>"
			objs[page] = appendToArray(a.show(orig, strconv.Itoa(page)), "Annots", next)
		},
		"document information": func(objs map[int]string, root, page, next int) {
			tr := a.show(orig, "trailer")
			info := regexp.MustCompile(`/Info (\d+) 0 R`).FindStringSubmatch(tr)[1]
			n, _ := strconv.Atoi(info)
			objs[n] = "<< /Title (Changed after signing) >>"
		},
	} {
		t.Run(name, func(t *testing.T) {
			a := &attacker{t: t, qpdf: a.qpdf, openssl: a.openssl, dir: t.TempDir()}
			p := writePack(t, "ltv-changed", a.ltvUpdates(orig, keys, change))
			code, out, _ := runCLI(t, "verify", p, "--ca", filepath.Join(keys, "root.pem"))
			if code != 1 || !strings.Contains(out, "FAIL  revision 2 (bytes") || !strings.Contains(out, "changes the pack after it was signed") {
				t.Errorf("exit %d\n%s", code, out)
			}
		})
	}
}
