package sign

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// PAdES baseline levels (ETSI EN 319 142-1) that Verify reports.
const (
	LevelBB   = "B-B"   // a signature
	LevelBT   = "B-T"   // plus a signature timestamp
	LevelBLT  = "B-LT"  // plus validation data (DSS) for the signer's and the TSA's chains
	LevelBLTA = "B-LTA" // plus a document timestamp over that validation data
)

// DSS is the validation data of a pack: the catalog's Document Security Store.
type DSS struct {
	Certs []*x509.Certificate
	CRLs  []CRL
	// End is where the revision that last changed the DSS ends: a document timestamp
	// covering at least this much also covers the validation data.
	End int
}

// maxDSSEntries bounds the certificates and CRLs read from a DSS.
const maxDSSEntries = 1000

// maxDSSStream bounds the size of a certificate or CRL read back from the DSS, so a
// hostile PDF cannot make a verifier inflate gigabytes.
const maxDSSStream = 64 << 20

// readDSS reads the catalog's /DSS in d's newest revision, or returns nil when there is
// none. Entries that are not certificates or CRLs are problems.
func readDSS(d *pdf.Document) (*DSS, []string) {
	if d == nil {
		return nil, nil
	}
	catalog := d.ResolveDict(pdf.Lookup(d.Trailer, "Root"))
	v := pdf.Lookup(catalog, "DSS")
	if v == nil {
		return nil, nil
	}
	dss := d.ResolveDict(v)
	if dss == nil {
		return nil, []string{"the catalog's /DSS is not a dictionary"}
	}
	out, problems := &DSS{}, []string(nil)
	for _, key := range []pdf.Name{"Certs", "CRLs"} {
		arr, _ := d.ResolveOr(pdf.Lookup(dss, key)).(pdf.Array)
		if len(arr) > maxDSSEntries {
			problems = append(problems, fmt.Sprintf("the DSS lists more than %d /%s", maxDSSEntries, key))
			arr = arr[:maxDSSEntries]
		}
		for i, item := range arr {
			ref, ok := item.(pdf.Ref)
			var data []byte
			var err error
			if !ok {
				err = fmt.Errorf("not a stream reference")
			} else {
				data, err = d.StreamData(ref, maxDSSStream)
			}
			if err == nil && key == "Certs" {
				var c *x509.Certificate
				if c, err = x509.ParseCertificate(data); err == nil {
					out.Certs = append(out.Certs, c)
				}
			} else if err == nil {
				var l *x509.RevocationList
				if l, err = x509.ParseRevocationList(data); err == nil {
					out.CRLs = append(out.CRLs, CRL{List: l, Raw: data, Source: "the pack's DSS"})
				}
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("the DSS's /%s entry %d is unreadable: %v", key, i+1, err))
			}
		}
	}
	return out, problems
}

// hasCert reports whether the DSS holds c.
func (d *DSS) hasCert(c *x509.Certificate) bool {
	return slices.ContainsFunc(d.Certs, func(o *x509.Certificate) bool { return o.Equal(c) })
}

// lacks lists what the DSS would need to validate chain without the network: each
// certificate, and a CRL by the issuer of each one that is not self-issued.
func (d *DSS) lacks(chain []*x509.Certificate) []string {
	var out []string
	for _, c := range chain {
		if !d.hasCert(c) {
			out = append(out, fmt.Sprintf("the certificate %q", c.Subject.CommonName))
		}
		if selfIssued(c) {
			continue
		}
		if !slices.ContainsFunc(d.CRLs, func(l CRL) bool { return bytes.Equal(l.List.RawIssuer, c.RawIssuer) }) {
			out = append(out, fmt.Sprintf("a CRL by %q (for %q)", c.Issuer.CommonName, c.Subject.CommonName))
		}
	}
	return out
}

func selfIssued(c *x509.Certificate) bool { return bytes.Equal(c.RawIssuer, c.RawSubject) }

// assessLevel works out the PAdES level of the pack's signature and, in LevelNotes, what
// keeps it from the next one.
func (r *Report) assessLevel() {
	r.Level = LevelBB
	var stamps []*Timestamp
	for _, ts := range r.Pack.Timestamps {
		if ts.Valid {
			stamps = append(stamps, ts)
		}
	}
	if len(stamps) == 0 {
		if r.DSS != nil {
			r.note("the pack carries validation data (DSS) but its signature has no timestamp, which B-T and B-LT need")
		}
		return
	}
	r.Level = LevelBT
	if r.DSS == nil {
		r.note("no validation data (DSS): B-LT needs the chains' certificates and CRLs in the pack (ismsgen seal)")
		return
	}
	lacks := r.DSS.lacks(r.Pack.Chain)
	for _, ts := range stamps {
		lacks = append(lacks, r.DSS.lacks(ts.Chain)...)
	}
	if len(lacks) > 0 {
		r.note("the validation data (DSS) lacks %s, which B-LT needs", joinList(slices.Compact(lacks)))
		return
	}
	r.Level = LevelBLT
	for _, s := range r.Signatures {
		if s.Timestamp && s.Valid && s.SignedLength >= r.DSS.End && s.SignedLength > r.Pack.SignedLength {
			r.Level = LevelBLTA
			return
		}
	}
	r.note("no document timestamp after the validation data, which B-LTA needs (ismsgen seal --tsa)")
}

func (r *Report) note(format string, args ...any) {
	r.LevelNotes = append(r.LevelNotes, fmt.Sprintf(format, args...))
}

// joinList joins items as "a, b and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
