package sign

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"slices"
	"time"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Signature is one signature dictionary found in a PDF, and what checking it showed.
type Signature struct {
	Number    int    // 1 for the first signature made, 2 for the next, …
	Field     string // the form field's /T, when the AcroForm lists the signature
	Offset    int    // of the signature dictionary's "N G obj" header
	ByteRange [4]int
	SubFilter string // ETSI.CAdES.detached, adbe.pkcs7.detached, ETSI.RFC3161, …
	// Timestamp: a document timestamp (/Type /DocTimeStamp, ETSI.RFC3161), which PAdES
	// allows after the signature it protects; anything else is an approval signature.
	Timestamp   bool
	Signer      *x509.Certificate   // the certificate that made the signature
	Chain       []*x509.Certificate // the certificates embedded in the signature, signer first
	SigningTime time.Time           // /M for a signature, the genTime of a timestamp
	// Valid: the CMS signature verifies with the signer's key over the signed attributes,
	// and their message digest (for a timestamp: its message imprint) matches the bytes in
	// /ByteRange, which leaves out exactly the /Contents hex string.
	Valid bool
	// SignedLength is the length of the revision the signature covers (the end of its
	// /ByteRange); the signature covers the whole file when it equals the file's length.
	SignedLength int
	Development  bool  // made with ismsgen's development certificate
	ChainErr     error // from checking the chain against the policy's roots; nil when unchecked or valid
	Trusted      bool  // the chain reached one of the policy's roots (a timestamp's: its TSA roots)
	// Path is the chain that reached the root, signer first; nil when not trusted.
	Path []*x509.Certificate
	// Timestamps are the signature timestamps in the CMS (PAdES B-T), checked against
	// the policy's TSA roots.
	Timestamps []*Timestamp
	Problems   []string

	dict     *pdf.Dict
	contents []byte
}

func (s *Signature) problem(format string, args ...any) {
	s.Problems = append(s.Problems, fmt.Sprintf(format, args...))
}

// SignerName is the signer's common name, or "unknown" before the CMS could be read.
func (s *Signature) SignerName() string {
	if s.Signer == nil {
		return "unknown"
	}
	return s.Signer.Subject.CommonName
}

// IssuerName is the common name of the signer's issuer.
func (s *Signature) IssuerName() string {
	if s.Signer == nil {
		return "unknown"
	}
	return s.Signer.Issuer.CommonName
}

// maxSignatures bounds how many signature dictionaries a verifier looks at: real packs
// have one or two, and each costs a parse, so a file with thousands is refused.
const maxSignatures = 64

// findSignatures returns every signature dictionary in file, in the order they were made
// (by the end of their signed revision). It finds them both by scanning the text for
// /ByteRange — once, front to back, so a file full of /ByteRange tokens costs linear
// time — and through the AcroForm's signature fields when the cross-reference table can
// be read (doc may be nil), so a signature is found whichever way it was hidden.
func findSignatures(file []byte, doc *pdf.Document) ([]*Signature, error) {
	starts, err := byteRangeObjects(file)
	if err != nil {
		return nil, err
	}
	fields := map[int]string{}
	if doc != nil {
		for off, name := range signatureFields(doc) {
			fields[off] = name
			if !slices.Contains(starts, off) {
				starts = append(starts, off)
			}
		}
	}
	if len(starts) > maxSignatures {
		return nil, fmt.Errorf("the PDF holds more than %d signature dictionaries", maxSignatures)
	}
	var sigs []*Signature
	for _, off := range starts {
		if s := readSignature(file, off); s != nil {
			s.Field = fields[off]
			sigs = append(sigs, s)
		}
	}
	slices.SortStableFunc(sigs, func(a, b *Signature) int {
		if a.ByteRange[2]+a.ByteRange[3] != b.ByteRange[2]+b.ByteRange[3] {
			return (a.ByteRange[2] + a.ByteRange[3]) - (b.ByteRange[2] + b.ByteRange[3])
		}
		return a.Offset - b.Offset
	})
	for i, s := range sigs {
		s.Number = i + 1
	}
	return sigs, nil
}

// byteRangeObjects returns the start of each object that contains "/ByteRange", each
// once. One forward pass tracks the object the scan is in: the last "N G obj" header not
// yet closed by "endobj".
func byteRangeObjects(file []byte) ([]int, error) {
	key, objKw := []byte("/ByteRange"), []byte("obj")
	var out []int
	current, scanned := -1, 0 // the open object's header, and how far headers were scanned
	for at := 0; ; {
		i := bytes.Index(file[at:], key)
		if i < 0 {
			return out, nil
		}
		i += at
		at = i + len(key)
		for {
			j := bytes.Index(file[scanned:i], objKw)
			if j < 0 {
				scanned = i // an "obj" cannot straddle i: the byte there is '/'
				break
			}
			j += scanned
			scanned = j + len(objKw)
			if j >= 3 && string(file[j-3:j]) == "end" {
				current = -1
			} else if h, ok := objectHeader(file, j); ok {
				current = h
			}
		}
		if current >= 0 && (len(out) == 0 || out[len(out)-1] != current) {
			if len(out) == maxSignatures {
				return nil, fmt.Errorf("the PDF holds more than %d signature dictionaries", maxSignatures)
			}
			out = append(out, current)
		}
	}
}

// objectHeader returns the offset of "N G" before the "obj" at pos.
func objectHeader(file []byte, pos int) (int, bool) {
	j := pos
	for range 2 { // generation, then object number
		k := j
		for j > 0 && pdf.IsWhite(file[j-1]) {
			j--
		}
		if j == k {
			return 0, false
		}
		k = j
		for j > 0 && file[j-1] >= '0' && file[j-1] <= '9' && k-j < 10 {
			j--
		}
		if j == k {
			return 0, false
		}
	}
	return j, true
}

// readSignature reads the signature dictionary at off, or returns nil when the object
// there is not one (a /ByteRange inside some other object).
func readSignature(file []byte, off int) *Signature {
	_, v, err := pdf.IndirectObject(file, off)
	if err != nil {
		return nil
	}
	d, ok := v.(*pdf.Dict)
	if !ok {
		return nil
	}
	arr, _ := pdf.Lookup(d, "ByteRange").(pdf.Array)
	contents, hasContents := pdf.Lookup(d, "Contents").(pdf.String)
	if len(arr) != 4 || !hasContents {
		return nil
	}
	s := &Signature{Offset: off, dict: d, contents: contents}
	for k, v := range arr {
		n, ok := pdf.IntValue(v)
		if !ok {
			return nil
		}
		s.ByteRange[k] = n
	}
	if sf, ok := pdf.Lookup(d, "SubFilter").(pdf.Name); ok {
		s.SubFilter = string(sf)
	}
	s.Timestamp = pdf.Lookup(d, "Type") == pdf.Name("DocTimeStamp") || s.SubFilter == "ETSI.RFC3161"
	return s
}

// signatureFields walks the AcroForm's field tree and returns, by the offset of its
// signature dictionary, the name of every signed signature field.
func signatureFields(d *pdf.Document) map[int]string {
	out := map[int]string{}
	catalog, err := d.DictAt(pdf.Lookup(d.Trailer, "Root"), "catalog")
	if err != nil {
		return out
	}
	form, err := d.DictAt(pdf.Lookup(catalog, "AcroForm"), "AcroForm")
	if err != nil {
		return out
	}
	fields, _ := d.Resolve(pdf.Lookup(form, "Fields"))
	seen := map[pdf.Ref]bool{}
	var walk func(v any, inheritedSig bool, depth int)
	walk = func(v any, inheritedSig bool, depth int) {
		arr, _ := v.(pdf.Array)
		for _, f := range arr {
			ref, ok := f.(pdf.Ref)
			if !ok || seen[ref] || depth > pdf.MaxDepth || len(seen) > 10_000 {
				continue
			}
			seen[ref] = true
			field, err := d.DictAt(ref, "field")
			if err != nil {
				continue
			}
			isSig := inheritedSig || pdf.Lookup(field, "FT") == pdf.Name("Sig")
			if v, ok := pdf.Lookup(field, "V").(pdf.Ref); ok && isSig {
				if e, ok := d.Entry(v.Num); ok && e.InUse {
					name, _ := pdf.Lookup(field, "T").(pdf.String)
					out[e.Offset] = pdf.DecodeText(name)
				}
			}
			kids, _ := d.Resolve(pdf.Lookup(field, "Kids"))
			walk(kids, isSig, depth+1)
		}
	}
	walk(fields, false, 0)
	return out
}

// check verifies the signature cryptographically against file and, when the policy gives
// roots, its chain. A document timestamp is checked as an RFC 3161 token over the byte
// ranges, chaining to the policy's TSA roots; so is each signature timestamp.
func (s *Signature) check(file []byte, policy Policy) {
	if m, ok := pdf.Lookup(s.dict, "M").(pdf.String); ok {
		if t, err := parsePDFDate(string(m)); err == nil {
			s.SigningTime = t
		} else {
			s.problem("unreadable signing time /M %q", m)
		}
	}
	br := s.ByteRange
	// Compared without adding, so huge numbers cannot wrap around into range.
	if br[0] != 0 || br[1] <= 0 || br[2] < br[1] || br[2] > len(file) || br[3] < 0 || br[3] > len(file)-br[2] {
		s.problem("/ByteRange %v does not describe two ranges of this file starting at 0", br)
		return
	}
	s.SignedLength = br[2] + br[3]
	contents, gapOK := contentsInGap(file, br[1], br[2])
	if !gapOK {
		s.problem("/ByteRange leaves out bytes %d–%d, which are not exactly the /Contents hex string", br[1], br[2])
		contents = s.contents
	}
	sd, err := parseSignedData(contents)
	if err != nil {
		s.problem("signature: %v", err)
		return
	}
	s.Signer = sd.signer
	s.Chain = signerFirst(sd.signer, sd.certs)
	s.Development = isDevelopment(sd.signer)
	roots, usage := policy.Roots, x509.ExtKeyUsageAny
	if s.Timestamp {
		s.Valid = checkTimestamp(s, sd, file, br) && gapOK
		roots, usage = policy.TSARoots, x509.ExtKeyUsageTimeStamping
	} else {
		s.Valid = checkSignedData(s, sd, file, br) && gapOK
		for _, tok := range sd.timestamps {
			s.Timestamps = append(s.Timestamps, checkSignatureTimestamp(tok, sd.signature, policy.TSARoots, policy.now()))
		}
	}
	if roots != nil {
		if s.Path, s.ChainErr = verifyChain(sd.signer, sd.certs, roots, usage, policy.now()); s.ChainErr != nil {
			s.problem("certificate chain: %v", s.ChainErr)
		} else {
			s.Trusted = true
		}
	}
}

// hashRanges hashes the two byte ranges of a signature with h.
func hashRanges(h interface {
	Write([]byte) (int, error)
	Sum([]byte) []byte
}, file []byte, br [4]int) []byte {
	h.Write(file[br[0] : br[0]+br[1]])
	h.Write(file[br[2] : br[2]+br[3]])
	return h.Sum(nil)
}
