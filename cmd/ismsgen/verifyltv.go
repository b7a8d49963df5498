package main

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/sign"
)

// timestamp prints the line of one signature timestamp: who made it, when, and whether
// it is intact and trusted.
func (v *verifier) timestamp(sg *sign.Signature, ts *sign.Timestamp) {
	issuer := "unknown"
	if ts.Authority != nil {
		issuer = ts.Authority.Issuer.CommonName
	}
	state := "valid"
	if !ts.Valid {
		state = "NOT valid: " + strings.Join(ts.Problems, "; ")
	}
	trust := "not trusted (no --tsa-ca given: the time is the authority's claim)"
	switch {
	case ts.Trusted:
		trust = "trusted: chains to " + v.tsaTrust
	case v.tsaTrust != "":
		trust = fmt.Sprintf("NOT trusted: does not chain to %s: %v", v.tsaTrust, ts.ChainErr)
	}
	line := fmt.Sprintf("signature timestamp on signature %d: %s, by %q issued by %q, %s, %s", sg.Number, state,
		ts.AuthorityName(), issuer, ts.Time.UTC().Format("2006-01-02 15:04:05 UTC"), trust)
	if ts.Valid && (ts.Trusted || v.tsaTrust == "") {
		v.pass("%s", line)
	} else {
		v.fail("%s", line)
	}
}

// ltv prints the validation data, the revocation checks, the PAdES level and what
// verify could not check.
func (v *verifier) ltv(rep *sign.Report) {
	if d := rep.DSS; d != nil {
		v.pass("validation data (DSS): %d certificate%s, %d CRL%s", len(d.Certs), plural(len(d.Certs)), len(d.CRLs), plural(len(d.CRLs)))
	}
	for _, r := range rep.Revocations {
		if r.Status == sign.Good || r.Status == sign.RevokedLater {
			v.pass("%s", r.Message)
		}
	}
	level := "PAdES level " + rep.Level + " (" + levelMeaning(rep.Level) + ")"
	if len(rep.LevelNotes) > 0 {
		level += "; " + strings.Join(rep.LevelNotes, "; ")
	}
	v.pass("%s", level)
	for _, w := range rep.Warnings {
		v.warn("%s", w)
	}
}

func levelMeaning(level string) string {
	switch level {
	case sign.LevelBT:
		return "signature with a signature timestamp"
	case sign.LevelBLT:
		return "timestamped signature with validation data for its chains"
	case sign.LevelBLTA:
		return "validation data covered by a document timestamp"
	}
	return "signature only"
}
